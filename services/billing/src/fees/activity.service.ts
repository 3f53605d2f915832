import { type RequestContext, isUuid } from '@infusion/subgraph-kit';
import { ContractSite } from '../contracts/contract-site.entity';
import type { BillingPeriod, ManagedService, ManagementContract } from '../contracts/management-contract.entity';
import { scheduleVersionsOf } from '../contracts/management-contract.resolver';
import type { FeeBasis, FeeScheduleTerms, TherapyClass } from './fee.rules';
import { scheduleTerms, termsOf } from './fee.service';
import type { DailyCollections, DailyTreatments, PeriodPricing } from './period.rules';

/**
 * Everything the period engine needs to price a contract's period, from billing's own tables:
 * the schedule versions, the covered sites, and the daily rollups of treatments and collections
 * (never the ledgers row by row, and never another subgraph's tables). Chairs come from
 * facilities through the graph, and only when a version prices chairs.
 */
export async function contractPricing(ctx: RequestContext, contract: ManagementContract, period: { from: string; to: string }): Promise<PeriodPricing> {
  const [versions, sites] = await Promise.all([
    scheduleVersionsOf(ctx, contract.id),
    ctx.loaders.manyBy(ContractSite, 'contractId', { orderBy: { siteId: 'asc' } }).load(contract.id),
  ]);
  const terms = await Promise.all(versions.map((v) => termsOf(ctx, v)));
  const chairsBySite = await chairsOf(ctx, terms.some((t) => t.flatPerChairMonthly) ? sites.map((s) => s.siteId) : []);
  const params = [contract.clientId, period.from, period.to];
  const [treatments, collections] = await Promise.all([
    ctx.em.execute<{ site_id: string; service_date: string; therapy_class: TherapyClass; treatments: number }[]>(
      `select site_id, to_char(service_date, 'YYYY-MM-DD') as service_date, therapy_class, treatments
         from billing.treatment_day where client_id = ? and service_date between ? and ?`,
      params,
    ),
    ctx.em.execute<{ site_id: string; received_on: string; amount: string }[]>(
      `select site_id, to_char(received_on, 'YYYY-MM-DD') as received_on, amount::text as amount
         from billing.collection_day where client_id = ? and received_on between ? and ?`,
      params,
    ),
  ]);
  return {
    period,
    contract: { effectiveFrom: contract.effectiveFrom, effectiveTo: contract.effectiveTo },
    versions: versions.map((v, i) => ({ id: v.id, effectiveFrom: v.effectiveFrom, terms: terms[i]! })),
    sites: sites.map((s) => ({ siteId: s.siteId, coveredFrom: s.coveredFrom, coveredTo: s.coveredTo, chairs: chairsBySite.get(s.siteId) ?? 0 })),
    treatments: treatments.map((t) => ({ serviceDate: t.service_date, siteId: t.site_id, therapyClass: t.therapy_class, treatments: Number(t.treatments) })),
    collections: collections.map((c) => ({ serviceDate: c.received_on, siteId: c.site_id, amount: c.amount })),
  };
}

/** First day of a date's month. */
export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
const isMonthEnd = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).getUTCDate() === 1;

/**
 * The months in which something of a contract changes on a day other than the month's first (or
 * stops on a day other than its last): the contract's dates, a schedule version's, a covered
 * site's. Only those months need days; in every other month each day of the month counts the
 * same, so the engine prices a month from one row per site and class dated on its first day
 * exactly as it would from the month's daily rows.
 */
export function monthsNeedingDays(contract: Pick<ManagementContract, 'effectiveFrom' | 'effectiveTo'>, versions: { effectiveFrom: string }[], sites: { coveredFrom: string; coveredTo: string | null }[]): Set<string> {
  const months = new Set<string>();
  for (const start of [contract.effectiveFrom, ...versions.map((v) => v.effectiveFrom), ...sites.map((s) => s.coveredFrom)]) if (!start.endsWith('-01')) months.add(monthOf(start));
  for (const end of [contract.effectiveTo, ...sites.map((s) => s.coveredTo)]) if (end !== null && !isMonthEnd(end)) months.add(monthOf(end));
  return months;
}

/**
 * The clients a report reads, the application's layer of tenancy (row-level security is the
 * other): those asked for within the caller's, or null for every client when neither limits them.
 */
function clientsInView(ctx: RequestContext, onlyClients: string[] | null): string[] | null {
  const callers = ctx.tenant.clientIds;
  if (!onlyClients) return callers;
  const asked = onlyClients.filter(isUuid);
  return callers ? asked.filter((id) => callers.includes(id)) : asked;
}

/** `and <column> = any(...)` narrowing a statement to ids, or nothing when every id is in view. */
function inView(column: string, ids: string[] | null): { sql: string; params: string[] } {
  return ids === null ? { sql: '', params: [] } : { sql: ` and ${column} = any(?::uuid[])`, params: [`{${ids.join(',')}}`] };
}

/** A timestamp column as ISO 8601 in UTC to the millisecond, as the ORM's entities hold it (the driver returns timestamps as text). */
const ISO_TIME = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A contract row as the graph's `ManagementContract`, read without the ORM: a report reads every
 * contract and only reads them (hydrating 200 entities cost ~5 ms a report). A plain object with
 * the entity's columns, not an instance: the ORM's prototype tracks changes through setters, and
 * the type's resolvers read only these columns. Never managed by the EntityManager, never flushed.
 */
function contractView(row: ContractRow): ManagementContract {
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    services: row.services,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    billingPeriod: row.billing_period,
    currency: row.currency,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/**
 * Everything a report prices, for every contract in force in a range of whole months that the
 * caller sees (optionally only some clients'), in a handful of statements whatever the number of
 * contracts: the contracts; the schedule versions, tiers, bands and covered sites of the clients in
 * view (small tables that grow with contracts and amendments, never with volume: one scan of them
 * is cheaper than matching them to the contracts in SQL, measured); and the monthly rollups of the
 * range. The rollups are read by month through an index that holds every column they need, so
 * PostgreSQL answers from the index alone; the rows read depend on clients, sites and months, not
 * on the size of the ledger. Daily rollups are read only for the client-months in which a contract
 * changes mid-month. Chairs are asked of facilities, while the rollups are read, only for the sites
 * of contracts that price chairs.
 */
export async function reportPricing(ctx: RequestContext, range: { from: string; to: string }, onlyClients: string[] | null): Promise<ReportPricing> {
  const clients = inView('client_id', clientsInView(ctx, onlyClients));
  const sites = inView('site_id', ctx.tenant.siteIds);
  const contractRows = await ctx.em.execute<ContractRow[]>(
    `select id, client_id, name, services, to_char(effective_from, 'YYYY-MM-DD') as effective_from, to_char(effective_to, 'YYYY-MM-DD') as effective_to,
            billing_period, currency, ${ISO_TIME('created_at')} as created_at, ${ISO_TIME('updated_at')} as updated_at
       from billing.management_contract
      where effective_from <= ? and (effective_to is null or effective_to >= ?)${clients.sql}
      order by client_id, name`,
    [range.to, range.from, ...clients.params],
  );
  if (contractRows.length === 0) return { contracts: [], terms: new Map(), activity: new Map() };
  const contracts = contractRows.map(contractView);
  const [versions, contractSites, tiers, bands] = await Promise.all([
    ctx.em.execute<(ScheduleRow & { id: string; contract_id: string; effective_from: string })[]>(
      `select id, contract_id, to_char(effective_from, 'YYYY-MM-DD') as effective_from, basis, percent::text as percent,
              monthly_minimum::text as monthly_minimum, monthly_cap::text as monthly_cap, flat_per_site_monthly::text as flat_per_site_monthly,
              flat_per_chair_monthly::text as flat_per_chair_monthly, fixed_annual_fee::text as fixed_annual_fee,
              collections_floor::text as collections_floor, tiers_per_site
         from billing.fee_schedule where true${clients.sql} order by effective_from`,
      clients.params,
    ),
    ctx.em.execute<{ contract_id: string; site_id: string; covered_from: string; covered_to: string | null }[]>(
      `select contract_id, site_id, to_char(covered_from, 'YYYY-MM-DD') as covered_from, to_char(covered_to, 'YYYY-MM-DD') as covered_to
         from billing.contract_site where true${clients.sql}${sites.sql} order by contract_id, site_id`,
      [...clients.params, ...sites.params],
    ),
    ctx.em.execute<{ fee_schedule_id: string; from_treatments: number; to_treatments: number | null; fee_per_treatment: string; therapy_class: TherapyClass | null }[]>(
      `select fee_schedule_id, from_treatments, to_treatments, fee_per_treatment::text as fee_per_treatment, therapy_class
         from billing.fee_tier where true${clients.sql} order by therapy_class, from_treatments`,
      clients.params,
    ),
    ctx.em.execute<{ fee_schedule_id: string; up_to_collections: string | null; percent: string }[]>(
      `select fee_schedule_id, up_to_collections::text as up_to_collections, percent::text as percent
         from billing.fee_percent_tier where true${clients.sql} order by up_to_collections`,
      clients.params,
    ),
  ]);
  const inForce = new Set(contracts.map((c) => c.id));
  const versionsOf = groupBy(
    versions.filter((v) => inForce.has(v.contract_id)),
    (v) => v.contract_id,
  );
  const sitesOf = groupBy(contractSites, (s) => s.contract_id);
  const tiersOf = groupBy(tiers, (t) => t.fee_schedule_id);
  const bandsOf = groupBy(bands, (b) => b.fee_schedule_id);
  const scheduleTerms = new Map<string, FeeScheduleTerms>();
  for (const list of versionsOf.values()) for (const v of list) scheduleTerms.set(v.id, rowTerms(v, tiersOf.get(v.id) ?? [], bandsOf.get(v.id) ?? []));

  // Client-months that need the daily rollups (a change inside the month for any of the client's contracts).
  const daily = new Map<string, Set<string>>();
  const chairSites = new Set<string>();
  for (const contract of contracts) {
    const contractVersions = versionsOf.get(contract.id) ?? [];
    const covered = sitesOf.get(contract.id) ?? [];
    const needing = monthsNeedingDays(
      contract,
      contractVersions.map((v) => ({ effectiveFrom: v.effective_from })),
      covered.map((s) => ({ coveredFrom: s.covered_from, coveredTo: s.covered_to })),
    );
    for (const month of needing) if (month >= monthOf(range.from) && month <= range.to) entryOf(daily, contract.clientId, () => new Set()).add(month);
    if (contractVersions.some((v) => scheduleTerms.get(v.id)!.flatPerChairMonthly)) for (const s of covered) chairSites.add(s.site_id);
  }
  const pairs = [...daily].flatMap(([clientId, months]) => [...months].map((month) => [clientId, month] as const));
  const months = [monthOf(range.from), range.to];
  const dailyParams = [`{${pairs.map((p) => p[0]).join(',')}}`, `{${pairs.map((p) => p[1]).join(',')}}`, ...sites.params];
  // Columns named as the engine reads them, so the rows go to it as they come.
  const [chairsBySite, monthTreatments, monthCollections, dayTreatments, dayCollections] = await Promise.all([
    chairsOf(ctx, [...chairSites]),
    ctx.em.execute<ClientTreatments[]>(
      `select client_id as "clientId", site_id as "siteId", to_char(month, 'YYYY-MM-DD') as "serviceDate", therapy_class as "therapyClass", treatments
         from billing.treatment_month where month between ? and ?${clients.sql}${sites.sql}`,
      [...months, ...clients.params, ...sites.params],
    ),
    ctx.em.execute<ClientCollections[]>(
      `select client_id as "clientId", site_id as "siteId", to_char(month, 'YYYY-MM-DD') as "serviceDate", amount::text as amount
         from billing.collection_month where month between ? and ?${clients.sql}${sites.sql}`,
      [...months, ...clients.params, ...sites.params],
    ),
    pairs.length === 0
      ? []
      : ctx.em.execute<(ClientTreatments & { month: string })[]>(
          `select t.client_id as "clientId", to_char(p.month, 'YYYY-MM-DD') as month, t.site_id as "siteId", to_char(t.service_date, 'YYYY-MM-DD') as "serviceDate",
                  t.therapy_class as "therapyClass", t.treatments
             from unnest(?::uuid[], ?::date[]) as p (client_id, month)
             join billing.treatment_day t on t.client_id = p.client_id and t.service_date >= p.month and t.service_date < p.month + interval '1 month'
            where true${inView('t.site_id', ctx.tenant.siteIds).sql}`,
          dailyParams,
        ),
    pairs.length === 0
      ? []
      : ctx.em.execute<(ClientCollections & { month: string })[]>(
          `select c.client_id as "clientId", to_char(p.month, 'YYYY-MM-DD') as month, c.site_id as "siteId", to_char(c.received_on, 'YYYY-MM-DD') as "serviceDate",
                  c.amount::text as amount
             from unnest(?::uuid[], ?::date[]) as p (client_id, month)
             join billing.collection_day c on c.client_id = p.client_id and c.received_on >= p.month and c.received_on < p.month + interval '1 month'
            where true${inView('c.site_id', ctx.tenant.siteIds).sql}`,
          dailyParams,
        ),
  ]);

  // Each client's rows by month, once for all its contracts: the monthly rollup's rows, or the
  // daily ones in a month that needs days.
  const activity = new Map<string, Map<string, MonthActivityRows>>();
  const monthOfClient = (clientId: string, month: string) => {
    const byMonth = entryOf(activity, clientId, () => new Map<string, MonthActivityRows>());
    return entryOf(byMonth, month, () => ({ treatments: [], collections: [] }));
  };
  const needsDays = (row: { clientId: string; serviceDate: string }) => daily.get(row.clientId)?.has(row.serviceDate) === true;
  for (const t of monthTreatments) if (!needsDays(t)) monthOfClient(t.clientId, t.serviceDate).treatments.push(t);
  for (const c of monthCollections) if (!needsDays(c)) monthOfClient(c.clientId, c.serviceDate).collections.push(c);
  for (const t of dayTreatments) monthOfClient(t.clientId, t.month).treatments.push(t);
  for (const c of dayCollections) monthOfClient(c.clientId, c.month).collections.push(c);

  const terms = new Map<string, ContractTerms>();
  for (const contract of contracts) {
    terms.set(contract.id, {
      contract: { effectiveFrom: contract.effectiveFrom, effectiveTo: contract.effectiveTo },
      versions: (versionsOf.get(contract.id) ?? []).map((v) => ({ id: v.id, effectiveFrom: v.effective_from, terms: scheduleTerms.get(v.id)! })),
      sites: (sitesOf.get(contract.id) ?? []).map((s) => ({ siteId: s.site_id, coveredFrom: s.covered_from, coveredTo: s.covered_to, chairs: chairsBySite.get(s.site_id) ?? 0 })),
    });
  }
  return { contracts, terms, activity };
}

/** Active chairs of each site, asked of facilities as the caller; none asked, no call. */
async function chairsOf(ctx: RequestContext, siteIds: string[]): Promise<Map<string, number>> {
  const chairs = new Map<string, number>();
  if (siteIds.length === 0) return chairs;
  const found = await ctx.graph.entities<{ id: string; chairs: { active: boolean }[] }>('facilities', 'Site', siteIds, 'chairs { active }');
  for (const site of found) if (site) chairs.set(site.id, site.chairs.filter((c) => c.active).length);
  return chairs;
}

/** A management_contract row as a report reads it. */
interface ContractRow {
  id: string;
  client_id: string;
  name: string;
  services: ManagedService[];
  effective_from: string;
  effective_to: string | null;
  billing_period: BillingPeriod;
  currency: string;
  created_at: string;
  updated_at: string;
}

/** A client's rows of one month as the engine reads them (see `reportPricing`). */
export interface MonthActivityRows {
  treatments: ClientTreatments[];
  collections: ClientCollections[];
}

type ClientTreatments = DailyTreatments & { clientId: string };
type ClientCollections = DailyCollections & { clientId: string };

/** What prices a contract, but its activity. */
type ContractTerms = Pick<PeriodPricing, 'contract' | 'versions' | 'sites'>;

export interface ReportPricing {
  /** The contracts in force, by client and name. */
  contracts: ManagementContract[];
  /** The engine's terms per contract id. */
  terms: Map<string, ContractTerms>;
  /** Each client's activity by month (its first day), every site of the client's. */
  activity: Map<string, Map<string, MonthActivityRows>>;
}

/** A fee_schedule row as read for reports (decimals as text, exactly as the entity holds them). */
interface ScheduleRow {
  basis: FeeBasis;
  percent: string | null;
  monthly_minimum: string | null;
  monthly_cap: string | null;
  flat_per_site_monthly: string | null;
  flat_per_chair_monthly: string | null;
  fixed_annual_fee: string | null;
  collections_floor: string | null;
  tiers_per_site: boolean;
}

function rowTerms(
  v: ScheduleRow,
  tiers: { from_treatments: number; to_treatments: number | null; fee_per_treatment: string; therapy_class: TherapyClass | null }[],
  bands: { up_to_collections: string | null; percent: string }[],
): FeeScheduleTerms {
  return scheduleTerms(
    {
      basis: v.basis,
      percent: v.percent,
      monthlyMinimum: v.monthly_minimum,
      monthlyCap: v.monthly_cap,
      flatPerSiteMonthly: v.flat_per_site_monthly,
      flatPerChairMonthly: v.flat_per_chair_monthly,
      fixedAnnualFee: v.fixed_annual_fee,
      collectionsFloor: v.collections_floor,
      tiersPerSite: v.tiers_per_site,
    },
    tiers.map((t) => ({ fromTreatments: t.from_treatments, toTreatments: t.to_treatments, feePerTreatment: t.fee_per_treatment, therapyClass: t.therapy_class })),
    bands.map((b) => ({ upToCollections: b.up_to_collections, percent: b.percent })),
  );
}

/** The map's value for a key, made and kept first if it has none. */
export function entryOf<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make();
  map.set(key, made);
  return made;
}

/** Items by a key, in their order. */
export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
