import { Money, badInput, type RequestContext, stubOf } from '@infusion/subgraph-kit';
import { Client } from '../references/client.stub';
import { Site } from '../references/site.stub';
import { entryOf, type MonthActivityRows, reportPricing } from './activity.service';
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

  const { contracts, terms, activity } = await reportPricing(ctx, { from: first, to: last }, onlyClients);
  if (contracts.length === 0) return [];
  const periods = [first, ...shown].map((month) => ({ from: month, to: monthEnd(month) }));
  const band = BigInt(fmvBandPercent) * 100n;
  const rows: FeeReportRow[] = [];
  for (const contract of contracts) {
    const { contract: dates, versions, sites } = terms.get(contract.id)!;
    const months = activity.get(contract.clientId);
    let previous: { fee: bigint; treatments: number } | null = null;
    for (const period of periods) {
      const month = period.from;
      // Each month is priced from its own rows only.
      const rowsOfMonth = months?.get(month) ?? NO_ACTIVITY;
      let priced: ReturnType<typeof periodFee>;
      try {
        priced = periodFee({ period, contract: dates, versions, sites, treatments: rowsOfMonth.treatments, collections: rowsOfMonth.collections });
      } catch (error) {
        // Activity beyond a bounded last tier cannot be priced: the row says so rather than guess.
        if (error instanceof FeeRuleError) throw badInput(`Contract ${contract.name} cannot be priced for ${month.slice(0, 7)}: ${error.message}`, { argument: 'from', contractId: contract.id });
        throw error;
      }
      const fee = toHundredths(priced.amount);
      const current = { fee, treatments: priced.treatments };
      if (month !== first) {
        const version = versions.filter((v) => v.effectiveFrom <= period.to).at(-1);
        const minimum = version?.terms.monthlyMinimum ? toHundredths(version.terms.monthlyMinimum) : null;
        const cap = version?.terms.monthlyCap ? toHundredths(version.terms.monthlyCap) : null;
        const perTreatment = priced.treatments > 0 ? divideRounded(fee, BigInt(priced.treatments)) : null;
        const previousPerTreatment = previous && previous.treatments > 0 ? divideRounded(previous.fee, BigInt(previous.treatments)) : null;
        const moved = perTreatment !== null && previousPerTreatment !== null && previousPerTreatment !== 0n ? changePercent(perTreatment, previousPerTreatment) : null;
        const currency = contract.currency;
        const collections = toHundredths(priced.collections);
        rows.push(
          Object.assign(new FeeReportRow(), {
            contract,
            client: stubOf(Client, contract.clientId),
            clientId: contract.clientId,
            month,
            treatments: priced.treatments,
            collections: money(collections, currency),
            fee: money(fee, currency),
            effectiveFeePerTreatment: perTreatment === null ? null : money(perTreatment, currency),
            previousFee: previous ? money(previous.fee, currency) : null,
            feeChangePercent: previous ? changePercent(fee, previous.fee) : null,
            treatmentsChangePercent: previous ? changePercent(BigInt(priced.treatments), BigInt(previous.treatments)) : null,
            collectionsLessFee: money(collections - fee, currency),
            nearMinimum: minimum !== null && fee * 100n <= minimum * 110n,
            nearCap: cap !== null && fee * 100n >= cap * 90n,
            outsideFmvBand: moved !== null && (toHundredths(moved) > band || toHundredths(moved) < -band),
            activity: rowsOfMonth,
            lines: priced.lines,
          }),
        );
      }
      previous = current;
    }
  }
  return rows;
}

const NO_ACTIVITY: MonthActivityRows = { treatments: [], collections: [] };

const byKey = <K extends string, V>(entries: Map<K, V>): [K, V][] => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The client's treatments and collections of the row's month by site: every site of the client's,
 * covered or not, in id order (uuids sort the same in JavaScript as in PostgreSQL).
 */
export function volumeBySite(row: FeeReportRow): SiteMonthVolume[] {
  const sites = new Map<string, { treatments: number; collections: bigint }>();
  const at = (siteId: string) => entryOf(sites, siteId, () => ({ treatments: 0, collections: 0n }));
  for (const t of row.activity.treatments) at(t.siteId).treatments += t.treatments;
  for (const c of row.activity.collections) at(c.siteId).collections += toHundredths(c.amount);
  return byKey(sites).map(([siteId, s]) => Object.assign(new SiteMonthVolume(), { site: stubOf(Site, siteId), treatments: s.treatments, collections: money(s.collections, row.fee.currency) }));
}

/** The client's treatments of the row's month by therapy class, in class order. */
export function volumeByClass(row: FeeReportRow): ClassMonthVolume[] {
  const classes = new Map<TherapyClass, number>();
  for (const t of row.activity.treatments) if (t.therapyClass) classes.set(t.therapyClass, (classes.get(t.therapyClass) ?? 0) + t.treatments);
  return byKey(classes).map(([therapyClass, treatments]) => Object.assign(new ClassMonthVolume(), { therapyClass, treatments }));
}

/** The row's fee by the site its lines priced (none for the rest), in the order the engine priced them. */
export function feeBySite(row: FeeReportRow): SiteFee[] {
  return [...feeSplit(row.lines, (l) => l.siteId)].map(([siteId, cents]) => Object.assign(new SiteFee(), { site: siteId === null ? null : stubOf(Site, siteId), fee: money(cents, row.fee.currency) }));
}

/** The row's fee by the therapy class its lines priced (none for the rest), in the order the engine priced them. */
export function feeByClass(row: FeeReportRow): ClassFee[] {
  return [...feeSplit(row.lines, (l) => l.therapyClass)].map(([therapyClass, cents]) => Object.assign(new ClassFee(), { therapyClass, fee: money(cents, row.fee.currency) }));
}
