import { FeeRuleError, divideRounded, formatHundredths, toHundredths } from './decimal';
import { pricePart, type FeeLineItem, type FeeScheduleTerms, type TherapyClass, type TreatmentCell } from './fee.rules';

/**
 * The fee of a billing period (a month or a quarter) under a contract whose schedule changes by
 * effective-dated versions. The calendar is this file's business; the prices are fee.rules.ts'.
 *
 * - Each month of the period is priced on its own (tiers, minimum and cap are monthly), and only
 *   on the days the contract is in force.
 * - A month in which an amendment takes effect is priced in parts, one per version in force: each
 *   part prices the treatments of its own days with its own terms. Tier positions follow the
 *   month, not the part (treatment 201 of the month is in the 201+ tier whichever version prices
 *   it; a volume tier is reached by the month's total), so an amendment never resets a client's
 *   volume. Monthly amounts (flat fees, minimum, cap, collections floor) are prorated by days.
 * - Only treatments and collections at a site the contract covers, on a day it covers it, count.
 * - The fixed annual fee is a quarter's quarter of the year, prorated by days in force in the
 *   quarter; it is outside the monthly minimum and cap. Its share of a part is computed from the
 *   days in force since the quarter began, so the parts of a whole quarter add up to exactly a
 *   quarter of the annual fee, whether it is billed monthly or quarterly.
 */

export interface ScheduleVersion {
  id: string;
  /** First day the version prices; it prices every day until the next version takes effect. */
  effectiveFrom: string;
  terms: FeeScheduleTerms;
}

export interface CoveredSite {
  siteId: string;
  coveredFrom: string;
  /** Last day covered; null = open-ended. */
  coveredTo: string | null;
  /** Chairs in service at the site (FLAT_PER_CHAIR). */
  chairs: number;
}

/**
 * The treatment ledger's daily rollup: treatments per site, therapy class and service date (or a
 * monthly rollup's row dated on the 1st, for a month in which nothing changes mid-month).
 */
export interface DailyTreatments {
  serviceDate: string;
  siteId: string;
  therapyClass: TherapyClass | null;
  treatments: number;
}

/** The collections ledger's daily rollup. */
export interface DailyCollections {
  serviceDate: string;
  siteId: string;
  amount: string;
}

export interface PeriodPricing {
  period: { from: string; to: string };
  contract: { effectiveFrom: string; effectiveTo: string | null };
  versions: ScheduleVersion[];
  sites: CoveredSite[];
  treatments: DailyTreatments[];
  collections: DailyCollections[];
}

export interface PeriodFeeLine extends FeeLineItem {
  /** First and last day the line prices (a month, or the part of it one version was in force). */
  from: string;
  to: string;
  /** The schedule version that priced it. */
  versionId: string;
  /** First day of the month the contract was in force: tier ordinals count from there. */
  countedFrom: string;
}

export interface PeriodFee {
  amount: string;
  lines: PeriodFeeLine[];
  /** Treatments and collections the period counted (after coverage). */
  treatments: number;
  collections: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * Day numbers of dates already read, and the other way round, and month bounds of days. A report
 * prices hundreds of contract-months over the same few hundred dates, and reading one (regex,
 * Date, ISO round trip) was the engine's top cost. Only valid dates are kept; each map is
 * bounded so a long-running process never grows it without end.
 */
const dayNumbers = new Map<string, number>();
const datesOfDays = new Map<number, string>();
const monthsOfDays = new Map<number, { start: number; end: number }>();
const DAYS_KEPT = 20_000;

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= DAYS_KEPT) map.clear();
  map.set(key, value);
  return value;
}

/** The last date read (a valid one): ledger rows come in date order (a monthly rollup's rows share the 1st). */
let lastDate = '1970-01-01';
let lastDay = 0;

function dayNumber(date: string, field: string): number {
  if (date === lastDate) return lastDay;
  const known = dayNumbers.get(date);
  if (known !== undefined) {
    lastDate = date;
    lastDay = known;
    return known;
  }
  const match = DATE.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) throw new FeeRuleError(`${field} must be a date like 2026-01-31`, field);
  return remember(dayNumbers, date, ms / DAY_MS);
}

const dateOf = (day: number) => datesOfDays.get(day) ?? remember(datesOfDays, day, new Date(day * DAY_MS).toISOString().slice(0, 10));

/** First and last day of a day's month (shared objects: read them, never change them). */
function monthBounds(day: number): { start: number; end: number } {
  const known = monthsOfDays.get(day);
  if (known) return known;
  const d = new Date(day * DAY_MS);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS - 1;
  return remember(monthsOfDays, day, { start, end });
}

function quarterBounds(day: number): { start: number; end: number } {
  const d = new Date(day * DAY_MS);
  const firstMonth = Math.floor(d.getUTCMonth() / 3) * 3;
  return { start: Date.UTC(d.getUTCFullYear(), firstMonth, 1) / DAY_MS, end: Date.UTC(d.getUTCFullYear(), firstMonth + 3, 1) / DAY_MS - 1 };
}

/** Days of [from, to] inside [lo, hi] (inclusive). */
const overlap = (from: number, to: number, lo: number, hi: number) => Math.max(0, Math.min(to, hi) - Math.max(from, lo) + 1);

/** A billing period is whole months: from the first day of a month to the last day of a month, at most a year. */
export function checkPeriod(period: { from: string; to: string }): { from: number; to: number } {
  const from = dayNumber(period.from, 'from');
  const to = dayNumber(period.to, 'to');
  if (monthBounds(from).start !== from) throw new FeeRuleError('A billing period starts on the first day of a month', 'from');
  if (monthBounds(to).end !== to) throw new FeeRuleError('A billing period ends on the last day of a month', 'to');
  if (to < from) throw new FeeRuleError('A billing period ends after it starts', 'to');
  if (to - from > 366) throw new FeeRuleError('A billing period is at most a year', 'to');
  return { from, to };
}

interface Version {
  id: string;
  from: number;
  /** Last day in force (the day before the next version); Infinity for the latest. */
  to: number;
  terms: FeeScheduleTerms;
  effectiveFrom: string;
}

function orderedVersions(versions: ScheduleVersion[]): Version[] {
  const ordered: Version[] = [];
  for (const v of versions) ordered.push({ id: v.id, from: dayNumber(v.effectiveFrom, 'effectiveFrom'), to: Number.POSITIVE_INFINITY, terms: v.terms, effectiveFrom: v.effectiveFrom });
  if (ordered.length > 1) ordered.sort((a, b) => a.from - b.from);
  for (let i = 0; i < ordered.length - 1; i++) {
    const version = ordered[i]!;
    const next = ordered[i + 1]!;
    if (next.from === version.from) throw new FeeRuleError(`Two schedule versions take effect on ${version.effectiveFrom}`, 'effectiveFrom');
    version.to = next.from - 1;
  }
  return ordered;
}

export function periodFee(input: PeriodPricing): PeriodFee {
  const period = checkPeriod(input.period);
  const contractFrom = dayNumber(input.contract.effectiveFrom, 'effectiveFrom');
  const contractTo = input.contract.effectiveTo === null ? Number.POSITIVE_INFINITY : dayNumber(input.contract.effectiveTo, 'effectiveTo');
  const versions = orderedVersions(input.versions);
  // Plain loops and literal objects, no spreads or closures per row: a report runs this for every contract and month.
  const sites: Span[] = [];
  // Each covered site once, numbered in order of first appearance: rows are grouped by that number.
  const coverage = new Map<string, SiteCoverage>();
  for (const s of input.sites) {
    const from = dayNumber(s.coveredFrom, 'coveredFrom');
    const to = s.coveredTo === null ? Number.POSITIVE_INFINITY : dayNumber(s.coveredTo, 'coveredTo');
    let covered = coverage.get(s.siteId);
    if (!covered) {
      covered = { index: coverage.size, spans: [] };
      coverage.set(s.siteId, covered);
    }
    const site: Span = { siteId: s.siteId, chairs: s.chairs, from, to, spans: covered.spans };
    covered.spans.push(site);
    sites.push(site);
  }
  const lo = Math.max(period.from, contractFrom);
  const hi = Math.min(period.to, contractTo);

  // Every row's date and amount is read (and refused if bad) before the period and coverage filter.
  const treatments: DailyTreatments[] = [];
  const treatmentDays: number[] = [];
  const treatmentSites: number[] = [];
  let treated = 0;
  for (const t of input.treatments) {
    const day = dayNumber(t.serviceDate, 'serviceDate');
    const site = day < lo || day > hi ? -1 : coveredOn(coverage.get(t.siteId), day);
    if (site < 0) continue;
    treatments.push(t);
    treatmentDays.push(day);
    treatmentSites.push(site);
    treated += t.treatments;
  }
  const collectionDays: number[] = [];
  const collectionCents: bigint[] = [];
  let collected = 0n;
  for (const c of input.collections) {
    const day = dayNumber(c.serviceDate, 'serviceDate');
    const cents = toHundredths(c.amount, 'collections');
    if (day < lo || day > hi || coveredOn(coverage.get(c.siteId), day) < 0) continue;
    collectionDays.push(day);
    collectionCents.push(cents);
    collected += cents;
  }

  const lines: PeriodFeeLine[] = [];
  let total = 0n;
  for (let monthStart = period.from; monthStart <= period.to; monthStart = monthBounds(monthStart).end + 1) {
    const month = monthBounds(monthStart);
    const daysInMonth = month.end - month.start + 1;
    const activeFrom = Math.max(month.start, contractFrom);
    const activeTo = Math.min(month.end, contractTo);
    if (activeFrom > activeTo) continue;
    for (const version of versions) {
      const from = Math.max(activeFrom, version.from);
      const to = Math.min(activeTo, version.to);
      if (from > to) continue;
      // One cell per (site, class), in order of first appearance; looked up by site, then class.
      // Only tiers read them: the other bases price collections, sites and chairs.
      const basis = version.terms.basis;
      const tiered = basis === 'PER_TREATMENT_GRADUATED' || basis === 'PER_TREATMENT_VOLUME';
      const cells: TreatmentCell[] = [];
      const cellsOfSite: TreatmentCell[][] = [];
      for (let i = 0; tiered && i < treatments.length; i++) {
        const day = treatmentDays[i]!;
        if (day < activeFrom || day > activeTo) continue;
        const t = treatments[i]!;
        const site = treatmentSites[i]!;
        let ofSite = cellsOfSite[site];
        if (!ofSite) {
          ofSite = [];
          cellsOfSite[site] = ofSite;
        }
        let cell: TreatmentCell | undefined;
        for (const c of ofSite) {
          if (c.therapyClass === t.therapyClass) {
            cell = c;
            break;
          }
        }
        if (!cell) {
          cell = { siteId: t.siteId, therapyClass: t.therapyClass, inPart: 0, beforePart: 0, inMonth: 0 };
          ofSite.push(cell);
          cells.push(cell);
        }
        cell.inMonth += t.treatments;
        if (day < from) cell.beforePart += t.treatments;
        else if (day <= to) cell.inPart += t.treatments;
      }
      let inPart = 0n;
      let before = 0n;
      for (let i = 0; i < collectionDays.length; i++) {
        const day = collectionDays[i]!;
        if (day >= activeFrom && day < from) before += collectionCents[i]!;
        else if (day >= from && day <= to) inPart += collectionCents[i]!;
      }
      let siteDays = 0;
      let chairDays = 0;
      let inService = 0;
      let chairs = 0;
      for (const site of sites) {
        const days = overlap(from, to, site.from, site.to);
        if (days === 0) continue;
        siteDays += days;
        chairDays += days * site.chairs;
        // A site counts once, with the chairs of its first span in service in the part.
        if (!earlierSpanInService(site, from, to)) {
          inService += 1;
          chairs += site.chairs;
        }
      }
      const fee = pricePart(version.terms, {
        cells,
        collections: inPart,
        collectionsBefore: before,
        siteDays,
        chairDays,
        sites: inService,
        chairs,
        days: to - from + 1,
        daysInMonth,
      });
      const partFrom = dateOf(from);
      const partTo = dateOf(to);
      const countedFrom = dateOf(activeFrom);
      // The engine's lines are new objects: stamped in place rather than copied.
      for (const line of fee.lines) lines.push(stamped(line, partFrom, partTo, version.id, countedFrom));
      total += fee.cents;

      const annual = version.terms.fixedAnnualFee;
      if (annual !== null && annual !== undefined) {
        const fixed = fixedAnnualLine(toHundredths(annual, 'fixedAnnualFee'), { from, to }, version, { from: contractFrom, to: contractTo });
        lines.push(stamped(fixed.line, partFrom, partTo, version.id, countedFrom));
        total += fixed.cents;
      }
    }
  }
  return { amount: formatHundredths(total), lines, treatments: treated, collections: formatHundredths(collected) };
}

/** A covered site: its number (order of first appearance) and its spans in input order. */
interface SiteCoverage {
  index: number;
  spans: Span[];
}

/** The site's number if one of its spans covers the day, else -1. */
function coveredOn(covered: SiteCoverage | undefined, day: number): number {
  if (covered) for (const span of covered.spans) if (day >= span.from && day <= span.to) return covered.index;
  return -1;
}

/** A covered site's span in day numbers, with every span of its site in input order (itself included). */
interface Span {
  siteId: string;
  chairs: number;
  from: number;
  to: number;
  spans: Span[];
}

/** Whether a span of the same site listed before this one is in service in [from, to]. */
function earlierSpanInService(site: Span, from: number, to: number): boolean {
  for (const span of site.spans) {
    if (span === site) return false;
    if (overlap(from, to, span.from, span.to) > 0) return true;
  }
  return false;
}

/** The part's stamp on a line, in the order `Object.assign(line, stamp)` would add it. */
function stamped(line: FeeLineItem, from: string, to: string, versionId: string, countedFrom: string): PeriodFeeLine {
  const out = line as PeriodFeeLine;
  out.from = from;
  out.to = to;
  out.versionId = versionId;
  out.countedFrom = countedFrom;
  return out;
}

/**
 * The fixed annual fee's share of a part: a quarter of the fee × days in force / days of the
 * quarter, computed as the difference of the rounded shares up to the part's end and before its
 * start (days this version was in force since the quarter began), so the cents never drift.
 */
function fixedAnnualLine(annual: bigint, part: { from: number; to: number }, version: Version, contract: { from: number; to: number }): { line: FeeLineItem; cents: bigint } {
  if (annual < 0n) throw new FeeRuleError('fixedAnnualFee must not be negative', 'fixedAnnualFee');
  const quarter = quarterBounds(part.from);
  const quarterDays = quarter.end - quarter.start + 1;
  const lo = Math.max(quarter.start, version.from, contract.from);
  const before = overlap(lo, part.from - 1, lo, Math.min(version.to, contract.to));
  const days = part.to - part.from + 1;
  const share = (d: number) => divideRounded(annual * BigInt(d), 4n * BigInt(quarterDays));
  const amount = share(before + days) - share(before);
  const whole = days === quarterDays;
  const annualText = formatHundredths(annual);
  return {
    line: {
      kind: 'FIXED_ANNUAL',
      description: whole ? `A quarter of the annual fee of ${annualText}` : `A quarter of the annual fee of ${annualText}, for ${days} of the quarter's ${quarterDays} days`,
      tier: null,
      treatments: null,
      sites: null,
      collections: null,
      rate: annualText,
      amount: formatHundredths(amount),
    },
    cents: amount,
  };
}
