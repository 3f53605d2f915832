import type { RequestContext } from '@infusion/subgraph-kit';
import { ContractSite } from '../contracts/contract-site.entity';
import type { ManagementContract } from '../contracts/management-contract.entity';
import { scheduleVersionsOf } from '../contracts/management-contract.resolver';
import type { FeeBasis, FeeScheduleTerms, TherapyClass } from './fee.rules';
import { scheduleTerms, termsOf } from './fee.service';
import type { PeriodPricing } from './period.rules';

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
  const chairsBySite = new Map<string, number>();
  if (terms.some((t) => t.flatPerChairMonthly) && sites.length) {
    const found = await ctx.graph.entities<{ id: string; chairs: { active: boolean }[] }>('facilities', 'Site', sites.map((s) => s.siteId), 'chairs { active }');
    for (const site of found) if (site) chairsBySite.set(site.id, site.chairs.filter((c) => c.active).length);
  }
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
 * The same inputs for many contracts over a range of whole months at once, for reports: a
 * handful of statements whatever the number of contracts (versions, tiers, bands, sites, and the
 * rollups of all their clients), grouped here by contract. Volumes come from the monthly rollups,
 * so the rows read depend on clients, sites and months, not on the size of the ledger; the daily
 * rollups are read only for the client-months in which a contract changes mid-month.
 */
export async function contractsPricing(ctx: RequestContext, contracts: ManagementContract[], range: { from: string; to: string }): Promise<ContractsPricing> {
  const out = new Map<string, Omit<PeriodPricing, 'period'>>();
  if (contracts.length === 0) return { inputs: out, months: { treatments: [], collections: [] } };
  const ids = contracts.map((c) => c.id);
  const clientIds = [...new Set(contracts.map((c) => c.clientId))];
  // Plain rows, not entities: a report reads a thousand or more of them and only reads them, and
  // hydrating them was a fifth of its CPU. Only ids of contracts the caller sees are asked for.
  const idList = `{${ids.join(',')}}`;
  const [versions, sites, tiers, bands] = await Promise.all([
    ctx.em.execute<(ScheduleRow & { id: string; contract_id: string; effective_from: string })[]>(
      `select id, contract_id, to_char(effective_from, 'YYYY-MM-DD') as effective_from, basis, percent::text as percent,
              monthly_minimum::text as monthly_minimum, monthly_cap::text as monthly_cap, flat_per_site_monthly::text as flat_per_site_monthly,
              flat_per_chair_monthly::text as flat_per_chair_monthly, fixed_annual_fee::text as fixed_annual_fee,
              collections_floor::text as collections_floor, tiers_per_site
         from billing.fee_schedule where contract_id = any(?::uuid[]) order by effective_from`,
      [idList],
    ),
    ctx.em.execute<{ contract_id: string; site_id: string; covered_from: string; covered_to: string | null }[]>(
      `select contract_id, site_id, to_char(covered_from, 'YYYY-MM-DD') as covered_from, to_char(covered_to, 'YYYY-MM-DD') as covered_to
         from billing.contract_site where contract_id = any(?::uuid[]) order by contract_id, site_id`,
      [idList],
    ),
    ctx.em.execute<{ fee_schedule_id: string; from_treatments: number; to_treatments: number | null; fee_per_treatment: string; therapy_class: TherapyClass | null }[]>(
      `select t.fee_schedule_id, t.from_treatments, t.to_treatments, t.fee_per_treatment::text as fee_per_treatment, t.therapy_class
         from billing.fee_tier t join billing.fee_schedule s on s.client_id = t.client_id and s.id = t.fee_schedule_id
        where s.contract_id = any(?::uuid[]) order by t.therapy_class, t.from_treatments`,
      [idList],
    ),
    ctx.em.execute<{ fee_schedule_id: string; up_to_collections: string | null; percent: string }[]>(
      `select b.fee_schedule_id, b.up_to_collections::text as up_to_collections, b.percent::text as percent
         from billing.fee_percent_tier b join billing.fee_schedule s on s.client_id = b.client_id and s.id = b.fee_schedule_id
        where s.contract_id = any(?::uuid[]) order by b.up_to_collections`,
      [idList],
    ),
  ]);
  const versionsOf = groupBy(versions, (v) => v.contract_id);
  const sitesOf = groupBy(sites, (s) => s.contract_id);
  const tiersOf = groupBy(tiers, (t) => t.fee_schedule_id);
  const bandsOf = groupBy(bands, (b) => b.fee_schedule_id);
  const terms = new Map(versions.map((v) => [v.id, rowTerms(v, tiersOf.get(v.id) ?? [], bandsOf.get(v.id) ?? [])] as const));
  // Chairs only matter to a contract with a per-chair fee: only its sites are asked of facilities
  // (asking for every site of a 200-client report was a 600-site call to another subgraph).
  const chairsBySite = new Map<string, number>();
  const pricesChairs = new Set(versions.filter((v) => terms.get(v.id)!.flatPerChairMonthly).map((v) => v.contract_id));
  const siteIds = [...new Set(sites.filter((s) => pricesChairs.has(s.contract_id)).map((s) => s.site_id))];
  if (siteIds.length) {
    const found = await ctx.graph.entities<{ id: string; chairs: { active: boolean }[] }>('facilities', 'Site', siteIds, 'chairs { active }');
    for (const site of found) if (site) chairsBySite.set(site.id, site.chairs.filter((c) => c.active).length);
  }

  // Client-months that need the daily rollups (a change inside the month for any of the client's contracts).
  const daily = new Set<string>();
  for (const contract of contracts) {
    const contractVersions = (versionsOf.get(contract.id) ?? []).map((v) => ({ effectiveFrom: v.effective_from }));
    const contractSites = (sitesOf.get(contract.id) ?? []).map((s) => ({ coveredFrom: s.covered_from, coveredTo: s.covered_to }));
    for (const month of monthsNeedingDays(contract, contractVersions, contractSites)) {
      if (month >= monthOf(range.from) && month <= range.to) daily.add(`${contract.clientId}|${month}`);
    }
  }
  const pairs = [...daily].map((key) => key.split('|') as [string, string]);
  const params = [`{${clientIds.join(',')}}`, monthOf(range.from), range.to];
  const dailyParams = [`{${pairs.map((p) => p[0]).join(',')}}`, `{${pairs.map((p) => p[1]).join(',')}}`];
  const [monthTreatments, monthCollections, dayTreatments, dayCollections] = await Promise.all([
    ctx.em.execute<MonthTreatments[]>(
      `select client_id, site_id, to_char(month, 'YYYY-MM-DD') as day, therapy_class, treatments
         from billing.treatment_month where client_id = any(?::uuid[]) and month between ? and ?`,
      params,
    ),
    ctx.em.execute<MonthCollections[]>(
      `select client_id, site_id, to_char(month, 'YYYY-MM-DD') as day, amount::text as amount
         from billing.collection_month where client_id = any(?::uuid[]) and month between ? and ?`,
      params,
    ),
    pairs.length === 0
      ? []
      : ctx.em.execute<{ client_id: string; site_id: string; day: string; therapy_class: TherapyClass; treatments: number }[]>(
          `select t.client_id, t.site_id, to_char(t.service_date, 'YYYY-MM-DD') as day, t.therapy_class, t.treatments
             from unnest(?::uuid[], ?::date[]) as p (client_id, month)
             join billing.treatment_day t on t.client_id = p.client_id and t.service_date >= p.month and t.service_date < p.month + interval '1 month'`,
          dailyParams,
        ),
    pairs.length === 0
      ? []
      : ctx.em.execute<{ client_id: string; site_id: string; day: string; amount: string }[]>(
          `select c.client_id, c.site_id, to_char(c.received_on, 'YYYY-MM-DD') as day, c.amount::text as amount
             from unnest(?::uuid[], ?::date[]) as p (client_id, month)
             join billing.collection_day c on c.client_id = p.client_id and c.received_on >= p.month and c.received_on < p.month + interval '1 month'`,
          dailyParams,
        ),
  ]);
  const dailyMonths = new Map<string, Set<string>>();
  for (const [clientId, month] of pairs) dailyMonths.set(clientId, (dailyMonths.get(clientId) ?? new Set()).add(month));
  const monthly = <T extends { client_id: string; day: string }>(rows: T[]) => (pairs.length === 0 ? rows : rows.filter((r) => !dailyMonths.get(r.client_id)?.has(r.day)));
  const treatmentsOf = groupBy([...monthly(monthTreatments), ...dayTreatments], (t) => t.client_id);
  const collectionsOf = groupBy([...monthly(monthCollections), ...dayCollections], (c) => c.client_id);
  for (const contract of contracts) {
    out.set(contract.id, {
      contract: { effectiveFrom: contract.effectiveFrom, effectiveTo: contract.effectiveTo },
      versions: (versionsOf.get(contract.id) ?? []).map((v) => ({ id: v.id, effectiveFrom: v.effective_from, terms: terms.get(v.id)! })),
      sites: (sitesOf.get(contract.id) ?? []).map((s) => ({ siteId: s.site_id, coveredFrom: s.covered_from, coveredTo: s.covered_to, chairs: chairsBySite.get(s.site_id) ?? 0 })),
      treatments: (treatmentsOf.get(contract.clientId) ?? []).map((t) => ({ serviceDate: t.day, siteId: t.site_id, therapyClass: t.therapy_class, treatments: Number(t.treatments) })),
      collections: (collectionsOf.get(contract.clientId) ?? []).map((c) => ({ serviceDate: c.day, siteId: c.site_id, amount: c.amount })),
    });
  }
  return { inputs: out, months: { treatments: monthTreatments, collections: monthCollections } };
}

/** A row of `billing.treatment_month` (one per client, month, site and class), dated on the 1st. */
export interface MonthTreatments {
  client_id: string;
  site_id: string;
  day: string;
  therapy_class: TherapyClass;
  treatments: number;
}

/** A row of `billing.collection_month` (one per client, month and site). */
export interface MonthCollections {
  client_id: string;
  site_id: string;
  day: string;
  amount: string;
}

export interface ContractsPricing {
  /** The engine's inputs per contract id. */
  inputs: Map<string, Omit<PeriodPricing, 'period'>>;
  /** The clients' monthly rollups over the range as read: every site, covered or not. */
  months: { treatments: MonthTreatments[]; collections: MonthCollections[] };
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
