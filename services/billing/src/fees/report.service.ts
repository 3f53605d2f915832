import { Money, badInput, isUuid, type RequestContext, stubOf } from '@infusion/subgraph-kit';
import { ManagementContract } from '../contracts/management-contract.entity';
import { Client } from '../references/client.stub';
import { Site } from '../references/site.stub';
import { type ContractsPricing, contractsPricing, groupBy, monthOf } from './activity.service';
import { FeeRuleError, divideRounded, formatHundredths, toHundredths } from './decimal';
import type { TherapyClass } from './fee.rules';
import { periodFee, type PeriodFeeLine } from './period.rules';
import { ClassFee, ClassMonthVolume, FeeReportRow, SiteFee, SiteMonthVolume } from './report.types';

/** The most months one report spans (plus the month before, for the trend). */
const MAX_MONTHS = 24;

const money = (cents: bigint, currency: string) => Object.assign(new Money(), { amount: formatHundredths(cents), currency });

function months(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from.slice(0, 7)}-01T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCMonth(d.getUTCMonth() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
}

const monthEnd = (month: string) => {
  const d = new Date(`${month}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
};
const monthBefore = (month: string) => {
  const d = new Date(`${month}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
};

/** Sums of a month's fee lines by a key the engine put on them (site or class; null for the rest). */
function feeSplit<K extends string>(lines: PeriodFeeLine[], key: (line: PeriodFeeLine) => K | null | undefined): Map<K | null, bigint> {
  const parts = new Map<K | null, bigint>();
  for (const line of lines) {
    const k = key(line) ?? null;
    parts.set(k, (parts.get(k) ?? 0n) + toHundredths(line.amount));
  }
  return parts;
}

/**
 * Each client-month's treatments and collections by site and treatments by therapy class, every
 * site of the client's (covered or not), summed from the monthly rollups the pricing read; sites
 * and classes in order (uuids and class names sort the same in JavaScript as in PostgreSQL).
 */
function clientMonthVolumes(rollups: ContractsPricing['months']) {
  type Volumes = { sites: Map<string, { treatments: number; collections: bigint }>; classes: Map<TherapyClass, number> };
  const out = new Map<string, Map<string, Volumes>>();
  const volumesOf = (clientId: string, month: string) => {
    let months = out.get(clientId);
    if (!months) {
      months = new Map();
      out.set(clientId, months);
    }
    let volumes = months.get(month);
    if (!volumes) {
      volumes = { sites: new Map(), classes: new Map() };
      months.set(month, volumes);
    }
    return volumes;
  };
  const siteOf = (sites: Volumes['sites'], siteId: string) => {
    let site = sites.get(siteId);
    if (!site) {
      site = { treatments: 0, collections: 0n };
      sites.set(siteId, site);
    }
    return site;
  };
  for (const t of rollups.treatments) {
    const volumes = volumesOf(t.client_id, t.day);
    const treatments = Number(t.treatments);
    siteOf(volumes.sites, t.site_id).treatments += treatments;
    volumes.classes.set(t.therapy_class, (volumes.classes.get(t.therapy_class) ?? 0) + treatments);
  }
  for (const c of rollups.collections) siteOf(volumesOf(c.client_id, c.day).sites, c.site_id).collections += toHundredths(c.amount);
  const byKey = <K extends string, V>(entries: Map<K, V>) => new Map([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  for (const months of out.values()) {
    for (const volumes of months.values()) {
      volumes.sites = byKey(volumes.sites);
      volumes.classes = byKey(volumes.classes);
    }
  }
  return out;
}

/** (now − before) / before in percent, two decimals, or null when before is zero. */
function changePercent(now: bigint, before: bigint): string | null {
  if (before === 0n) return null;
  return formatHundredths(divideRounded((now - before) * 10_000n, before < 0n ? -before : before));
}

/**
 * Finance's monthly view of every contract the caller sees: volumes and collections aggregated in
 * PostgreSQL from the monthly rollups (by client, month, site and therapy class; so the cost does not
 * grow with the ledgers), the fee of each contract-month from the engine (one pricing per contract
 * and month, never per row) with its split by site and class as priced, the trend
 * against the month before, and the flags: near the minimum or the cap, and outside the
 * fair-market-value band of effective fee per treatment.
 */
export async function feeReport(ctx: RequestContext, from: string, to: string, onlyClients: string[] | null, fmvBandPercent: number): Promise<FeeReportRow[]> {
  if (to < from) throw badInput('`to` must not be before `from`', { argument: 'to' });
  const shown = months(from, to);
  if (shown.length > MAX_MONTHS) throw badInput(`A report spans at most ${MAX_MONTHS} months`, { argument: 'to' });
  const first = monthBefore(shown[0]!);
  const last = monthEnd(shown.at(-1)!);

  const contracts = await ctx.em.find(
    ManagementContract,
    { ...(onlyClients ? { clientId: { $in: onlyClients.filter(isUuid) } } : {}), effectiveFrom: { $lte: last }, $or: [{ effectiveTo: null }, { effectiveTo: { $gte: first } }] },
    // Read only: kept out of the identity map, so neither registered nor compared at commit.
    { orderBy: { clientId: 'asc', name: 'asc' }, disableIdentityMap: true },
  );
  if (contracts.length === 0) return [];
  const { inputs, months: rollups } = await contractsPricing(ctx, contracts, { from: first, to: last });
  const volumesOf = clientMonthVolumes(rollups);
  const periods = [first, ...shown].map((month) => ({ from: month, to: monthEnd(month) }));
  const rows: FeeReportRow[] = [];
  for (const contract of contracts) {
    const input = inputs.get(contract.id)!;
    // Each month is priced from its own rows only: the engine ignores rows outside the period,
    // but would still read and filter the whole range's rows for every month.
    const treatmentsIn = groupBy(input.treatments, (t) => monthOf(t.serviceDate));
    const collectionsIn = groupBy(input.collections, (c) => monthOf(c.serviceDate));
    let previous: { fee: bigint; treatments: number } | null = null;
    for (const period of periods) {
      const month = period.from;
      let priced: ReturnType<typeof periodFee>;
      try {
        priced = periodFee({ period, contract: input.contract, versions: input.versions, sites: input.sites, treatments: treatmentsIn.get(month) ?? [], collections: collectionsIn.get(month) ?? [] });
      } catch (error) {
        // Activity beyond a bounded last tier cannot be priced: the row says so rather than guess.
        if (error instanceof FeeRuleError) throw badInput(`Contract ${contract.name} cannot be priced for ${month.slice(0, 7)}: ${error.message}`, { argument: 'from', contractId: contract.id });
        throw error;
      }
      const fee = toHundredths(priced.amount);
      const current = { fee, treatments: priced.treatments };
      if (month !== first) {
        const version = input.versions.filter((v) => v.effectiveFrom <= period.to).at(-1);
        const minimum = version?.terms.monthlyMinimum ? toHundredths(version.terms.monthlyMinimum) : null;
        const cap = version?.terms.monthlyCap ? toHundredths(version.terms.monthlyCap) : null;
        const perTreatment = priced.treatments > 0 ? divideRounded(fee, BigInt(priced.treatments)) : null;
        const previousPerTreatment = previous && previous.treatments > 0 ? divideRounded(previous.fee, BigInt(previous.treatments)) : null;
        const band = BigInt(fmvBandPercent) * 100n;
        const moved = perTreatment !== null && previousPerTreatment !== null && previousPerTreatment !== 0n ? changePercent(perTreatment, previousPerTreatment) : null;
        const currency = contract.currency;
        const volumes = volumesOf.get(contract.clientId)?.get(month);
        rows.push(
          Object.assign(new FeeReportRow(), {
            contract,
            client: stubOf(Client, contract.clientId),
            clientId: contract.clientId,
            month,
            treatments: priced.treatments,
            collections: money(toHundredths(priced.collections), currency),
            fee: money(fee, currency),
            effectiveFeePerTreatment: perTreatment === null ? null : money(perTreatment, currency),
            previousFee: previous ? money(previous.fee, currency) : null,
            feeChangePercent: previous ? changePercent(fee, previous.fee) : null,
            treatmentsChangePercent: previous ? changePercent(BigInt(priced.treatments), BigInt(previous.treatments)) : null,
            collectionsLessFee: money(toHundredths(priced.collections) - fee, currency),
            nearMinimum: minimum !== null && fee * 100n <= minimum * 110n,
            nearCap: cap !== null && fee * 100n >= cap * 90n,
            outsideFmvBand: moved !== null && (toHundredths(moved) > band || toHundredths(moved) < -band),
            bySite: [...(volumes?.sites ?? [])].map(([siteId, s]) => Object.assign(new SiteMonthVolume(), { site: stubOf(Site, siteId), treatments: s.treatments, collections: money(s.collections, currency) })),
            feeBySite: [...feeSplit(priced.lines, (l) => l.siteId)].map(([siteId, cents]) =>
              Object.assign(new SiteFee(), { site: siteId === null ? null : stubOf(Site, siteId), fee: money(cents, currency) }),
            ),
            feeByTherapyClass: [...feeSplit(priced.lines, (l) => l.therapyClass)].map(([therapyClass, cents]) =>
              Object.assign(new ClassFee(), { therapyClass, fee: money(cents, currency) }),
            ),
            byTherapyClass: [...(volumes?.classes ?? [])].map(([therapyClass, treatments]) => Object.assign(new ClassMonthVolume(), { therapyClass, treatments })),
          }),
        );
      }
      previous = current;
    }
  }
  return rows;
}
