import { FeeRuleError, divideRounded, formatHundredths, percentOfCents, toHundredths } from './decimal';

/**
 * The management fee for one month under a contract's fee schedule (DOMAIN.md "The management
 * company and its fees"). Fees must stay at fair market value, so every amount comes with the
 * lines it was built from: each tier's treatments and rate, the collections and percentage, the
 * sites counted, and any raise to the minimum or cut to the cap. The lines always add up to
 * the amount, to the cent.
 */

/**
 * The main component of a fee. FIXED_COMPONENTS has none: the fee is only its flat and fixed
 * components (per site, per chair, fixed annual fee), held to the minimum and cap; with none of
 * them it is a fee holiday (nothing, or the minimum).
 */
export const FEE_BASES = ['PER_TREATMENT_GRADUATED', 'PER_TREATMENT_VOLUME', 'PERCENT_OF_COLLECTIONS', 'FLAT_PER_SITE', 'FIXED_COMPONENTS'] as const;
export type FeeBasis = (typeof FEE_BASES)[number];

export const FEE_LINE_KINDS = [
  'GRADUATED_TIER',
  'VOLUME_TIER',
  'PERCENT_OF_COLLECTIONS',
  'COLLECTIONS_FLOOR',
  'FLAT_PER_SITE',
  'FLAT_PER_CHAIR',
  'FIXED_ANNUAL',
  'MONTHLY_MINIMUM',
  'MONTHLY_CAP',
  'ADJUSTMENT',
] as const;
export type FeeLineKind = (typeof FEE_LINE_KINDS)[number];

/**
 * The therapy class a treatment is counted under for fees, from the administration's line kind and
 * indication family (AdministrationCompleted): hydration is its own class whatever the indication
 * (it is priced lower everywhere), every other dose goes by its indication family.
 */
export const THERAPY_CLASSES = ['ONCOLOGY', 'NON_ONCOLOGY', 'HYDRATION'] as const;
export type TherapyClass = (typeof THERAPY_CLASSES)[number];

export function therapyClassOf(lineKind: string, indicationFamily: string): TherapyClass {
  if (lineKind === 'HYDRATION') return 'HYDRATION';
  return indicationFamily === 'ONCOLOGY' ? 'ONCOLOGY' : 'NON_ONCOLOGY';
}

export interface FeeTierTerms {
  fromTreatments: number;
  /** Last treatment of the tier; null = open-ended. */
  toTreatments: number | null;
  feePerTreatment: string;
  /** Tiers of one therapy class only; null (or absent) = the tiers for every class without its own. */
  therapyClass?: TherapyClass | null;
}

/** A band of a month's collections and the percentage taken of the part of collections inside it. */
export interface PercentTierTerms {
  /** Upper end of the band (inclusive); null = open-ended. The band starts where the previous ends. */
  upToCollections: string | null;
  percent: string;
}

export interface FeeScheduleTerms {
  basis: FeeBasis;
  /** Percent of collections, e.g. "8.00"; PERCENT_OF_COLLECTIONS with one flat percentage. */
  percent: string | null;
  monthlyMinimum: string | null;
  monthlyCap: string | null;
  /** Added per active site on top of the basis (or the whole fee for FLAT_PER_SITE). */
  flatPerSiteMonthly: string | null;
  tiers: FeeTierTerms[];
  /** Added per chair in service. */
  flatPerChairMonthly?: string | null;
  /** A fixed fee a year, billed a quarter at a time and prorated by days. */
  fixedAnnualFee?: string | null;
  /** Tiered percentage of collections (PERCENT_OF_COLLECTIONS instead of `percent`). */
  percentTiers?: PercentTierTerms[];
  /** Floor of the percentage-of-collections component alone (the hybrid "tiered percentage against a floor"). */
  collectionsFloor?: string | null;
  /** Count tiers per site rather than over all the client's sites. */
  tiersPerSite?: boolean;
}

export interface MonthActivity {
  /** Treatments (completed administrations) counted in the month. */
  treatments: number;
  /** Sites of the client open in the month. */
  activeSites: number;
  /** Collections received in the month, decimal string; needed for PERCENT_OF_COLLECTIONS. */
  collections: string | null;
  /** Chairs in service in the month (FLAT_PER_CHAIR); 0 when absent. */
  chairs?: number;
}

export interface FeeLineItem {
  kind: FeeLineKind;
  /** Human-readable explanation, e.g. "Treatments 1–200 at 85.00 each". */
  description: string;
  /** The tier the line prices (tier lines only). */
  tier: { fromTreatments: number; toTreatments: number | null } | null;
  /** Treatments priced on this line (tier lines). */
  treatments: number | null;
  /** Sites (chairs) priced on this line (FLAT_PER_SITE, FLAT_PER_CHAIR). */
  sites: number | null;
  /** Collections the percentage is taken of (PERCENT_OF_COLLECTIONS). */
  collections: string | null;
  /**
   * Per treatment or per site for those lines, a percentage for PERCENT_OF_COLLECTIONS, the floor
   * or ceiling for MONTHLY_MINIMUM / MONTHLY_CAP.
   */
  rate: string;
  /** Signed: a cap line is negative. */
  amount: string;
  /** The therapy class a class-specific tier line counted; null otherwise. */
  therapyClass?: TherapyClass | null;
  /** The site a per-site tier line counted; null otherwise. */
  siteId?: string | null;
  /**
   * Tier lines: the positions, among the month's treatments of the line's group in service order,
   * of the treatments this line priced (so an invoice line drills down to exactly them).
   */
  ordinals?: { first: number; last: number } | null;
  /** Tier lines: the therapy classes the line's group counts (null: every class). */
  classes?: TherapyClass[] | null;
}

export interface MonthlyFee {
  amount: string;
  lines: FeeLineItem[];
}

const range = (t: { fromTreatments: number; toTreatments: number | null }) =>
  t.toTreatments === null ? `${t.fromTreatments}+` : `${t.fromTreatments}–${t.toTreatments}`;

/**
 * A tier ready to price: its rate read once per pricing; its rate and range printed when a line
 * first names them (most tiers of a table price nothing in a given month).
 */
interface PricedTier {
  fromTreatments: number;
  toTreatments: number | null;
  rate: bigint;
  rateText: string | null;
  range: string | null;
  terms: FeeTierTerms;
}

const rateTextOf = (tier: PricedTier) => (tier.rateText ??= formatHundredths(tier.rate));
const rangeOf = (tier: PricedTier) => (tier.range ??= range(tier));

/** `orderedTiers` with each tier's rate read (the check reads it anyway). */
function readTiers(tiers: FeeTierTerms[]): PricedTier[] {
  const sorted = tiers.length > 1 ? tiers.slice().sort((a, b) => a.fromTreatments - b.fromTreatments) : tiers;
  const priced: PricedTier[] = [];
  let expectedFrom = 1;
  for (let index = 0; index < sorted.length; index++) {
    const tier = sorted[index]!;
    const rate = toHundredths(tier.feePerTreatment, 'feePerTreatment');
    if (rate < 0n) throw new FeeRuleError(`Tier ${range(tier)} has a negative fee`, 'tiers');
    if (!Number.isInteger(tier.fromTreatments) || tier.fromTreatments !== expectedFrom) {
      throw new FeeRuleError(`Tier ${range(tier)} should start at treatment ${expectedFrom}: tiers must start at 1 with no gap or overlap`, 'tiers');
    }
    if (tier.toTreatments === null) {
      if (index !== sorted.length - 1) throw new FeeRuleError(`Only the last tier may be open-ended (tier ${range(tier)})`, 'tiers');
    } else {
      if (!Number.isInteger(tier.toTreatments) || tier.toTreatments < tier.fromTreatments) {
        throw new FeeRuleError(`Tier ${range(tier)} ends before it starts`, 'tiers');
      }
      expectedFrom = tier.toTreatments + 1;
    }
    priced.push({ fromTreatments: tier.fromTreatments, toTreatments: tier.toTreatments, rate, rateText: null, range: null, terms: tier });
  }
  return priced;
}

/**
 * Tiers must start at treatment 1 and follow each other without gap or overlap; only the last
 * may be open-ended. Returns them in order.
 */
export function orderedTiers(tiers: FeeTierTerms[]): FeeTierTerms[] {
  return readTiers(tiers).map((tier) => tier.terms);
}

/** `tierTables` with each tier's rate read. */
function readTierTables(tiers: FeeTierTerms[]): Map<TherapyClass | null, PricedTier[]> {
  let general = tiers.length > 0;
  for (const tier of tiers) if (tier.therapyClass !== null && tier.therapyClass !== undefined) general = false;
  // Most schedules have one table for every class: no grouping to do.
  if (general) {
    const only = new Map<TherapyClass | null, PricedTier[]>();
    only.set(null, readTiers(tiers));
    return only;
  }
  const byClass = new Map<TherapyClass | null, FeeTierTerms[]>();
  for (const tier of tiers) {
    const key = tier.therapyClass ?? null;
    if (key !== null && !THERAPY_CLASSES.includes(key)) throw new FeeRuleError(`Unknown therapy class ${String(key)}`, 'tiers');
    const table = byClass.get(key);
    if (table) table.push(tier);
    else byClass.set(key, [tier]);
  }
  const priced = new Map<TherapyClass | null, PricedTier[]>();
  for (const [key, table] of byClass) priced.set(key, readTiers(table));
  return priced;
}

/** The tier tables of a schedule by therapy class (`null`: the general table), each in order. */
export function tierTables(tiers: FeeTierTerms[]): Map<TherapyClass | null, FeeTierTerms[]> {
  const byClass = new Map<TherapyClass | null, FeeTierTerms[]>();
  for (const [key, table] of readTierTables(tiers)) byClass.set(key, table.map((tier) => tier.terms));
  return byClass;
}

/** Percentage bands in order: rising upper ends, only the last open-ended, percentages 0–100. */
export function orderedPercentTiers(tiers: PercentTierTerms[]): { upTo: bigint | null; percent: bigint }[] {
  const bands = tiers.map((t) => ({ upTo: t.upToCollections === null ? null : toHundredths(t.upToCollections, 'percentTiers'), percent: toHundredths(t.percent, 'percentTiers') }));
  bands.sort((a, b) => (a.upTo === null ? 1 : b.upTo === null ? -1 : a.upTo < b.upTo ? -1 : a.upTo > b.upTo ? 1 : 0));
  let previous = 0n;
  bands.forEach((band, index) => {
    if (band.percent < 0n || band.percent > 10_000n) throw new FeeRuleError('A percentage tier must be between 0 and 100 percent', 'percentTiers');
    if (band.upTo === null) {
      if (index !== bands.length - 1) throw new FeeRuleError('Only the last percentage tier may be open-ended', 'percentTiers');
      return;
    }
    if (band.upTo <= previous) throw new FeeRuleError('Percentage tiers must rise: each ends above the one before (and above 0)', 'percentTiers');
    previous = band.upTo;
  });
  if (bands.length > 0 && bands.at(-1)!.upTo !== null) throw new FeeRuleError('The last percentage tier must be open-ended, so every dollar collected has a rate', 'percentTiers');
  return bands;
}

function tierOf(tiers: PricedTier[], ordinal: number): PricedTier {
  for (const tier of tiers) if (ordinal >= tier.fromTreatments && (tier.toTreatments === null || ordinal <= tier.toTreatments)) return tier;
  throw new FeeRuleError(`The fee schedule has no tier for treatment ${ordinal}`, 'treatments');
}

function requireCount(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0) throw new FeeRuleError(`${field} must be a whole number, zero or more`, field);
}

function optionalAmount(value: string | null | undefined, field: string): bigint | null {
  if (value === null || value === undefined) return null;
  const cents = toHundredths(value, field);
  if (cents < 0n) throw new FeeRuleError(`${field} must not be negative`, field);
  return cents;
}

/** What a tier line says it counted: the class or site of a class-specific or per-site table. */
interface TierGroup {
  therapyClass: TherapyClass | null;
  siteId: string | null;
  /** The classes the group counts: its own class, or for the general table every class without a table (null: all). */
  classes?: TherapyClass[] | null;
}

/** "oncology treatments, site …": what a group's lines add to their description ('' for the general table over all sites). */
function groupLabel(group: TierGroup): string {
  const therapyClass = group.therapyClass ? `${group.therapyClass.toLowerCase().replace('_', '-')} treatments` : '';
  const site = group.siteId ? `site ${group.siteId}` : '';
  return therapyClass && site ? `${therapyClass}, ${site}` : therapyClass || site;
}

/** A group's counts, its tier table and its label (written once for all its lines). */
interface CountedGroup extends TierGroup {
  table: PricedTier[];
  label: string;
  inPart: number;
  beforePart: number;
  inMonth: number;
}

/**
 * The lines of a part and the sum of their amounts in cents, added as each line is made, so no
 * amount is read back from its text (a report prices hundreds of parts per request).
 */
interface PricedLines {
  lines: FeeLineItem[];
  cents: bigint;
}

function addLine(out: PricedLines, line: FeeLineItem, cents: bigint): void {
  out.lines.push(line);
  out.cents += cents;
}

/**
 * Graduated: each treatment is priced by the tier its ordinal in the month falls in (like tax
 * brackets). `before` treatments of the month were priced in an earlier part (an amendment took
 * effect mid-month), so this part's ordinals continue after them.
 */
function graduatedLines(out: PricedLines, group: CountedGroup): void {
  const { table: tiers, inPart: treatments, beforePart: before } = group;
  if (treatments > 0) tierOf(tiers, before + treatments); // every ordinal up to N needs a tier
  const firstOrdinal = before + 1;
  const lastOrdinal = before + treatments;
  for (const tier of tiers) {
    const first = Math.max(firstOrdinal, tier.fromTreatments);
    const last = tier.toTreatments === null ? lastOrdinal : Math.min(lastOrdinal, tier.toTreatments);
    if (last < first) continue;
    addTierLine(out, group, 'GRADUATED_TIER', tier, `Treatments ${first}–${last} at ${rateTextOf(tier)} each (tier ${rangeOf(tier)})`, first, last);
  }
}

/**
 * Volume: every treatment of the month is priced at the rate of the tier the month's total falls
 * in. The group's `inMonth` is the whole month's count when this part is one of several.
 */
function volumeLines(out: PricedLines, group: CountedGroup): void {
  const { table: tiers, inPart: treatments, inMonth: monthTotal, beforePart: before } = group;
  if (treatments === 0) return;
  const tier = tierOf(tiers, monthTotal);
  const whole = monthTotal === treatments ? `All ${treatments} treatments` : `${treatments} of the month's ${monthTotal} treatments`;
  addTierLine(out, group, 'VOLUME_TIER', tier, `${whole} at ${rateTextOf(tier)} each (volume tier ${rangeOf(tier)})`, before + 1, before + treatments);
}

/** A group's line of the treatments with month ordinals `first`–`last`, each at the tier's rate. */
function addTierLine(out: PricedLines, group: CountedGroup, kind: 'GRADUATED_TIER' | 'VOLUME_TIER', tier: PricedTier, text: string, first: number, last: number): void {
  const count = last - first + 1;
  const amount = tier.rate * BigInt(count);
  addLine(
    out,
    {
      kind,
      description: group.label ? `${text} — ${group.label}` : text,
      tier: { fromTreatments: tier.fromTreatments, toTreatments: tier.toTreatments },
      treatments: count,
      sites: null,
      collections: null,
      rate: rateTextOf(tier),
      amount: formatHundredths(amount),
      therapyClass: group.therapyClass,
      siteId: group.siteId,
      ordinals: { first, last },
      classes: group.classes ?? null,
    },
    amount,
  );
}

/** Collections in cents: the period engine passes cents it has summed, a caller of `partFee` text. */
const collectionCents = (value: string | bigint) => (typeof value === 'bigint' ? value : toHundredths(value, 'collections'));

function percentLine(out: PricedLines, terms: FeeScheduleTerms, collections: string | bigint | null): bigint {
  if (terms.percent === null) throw new FeeRuleError('A percent-of-collections schedule needs its percent', 'percent');
  const percent = toHundredths(terms.percent, 'percent');
  if (percent < 0n || percent > 10_000n) throw new FeeRuleError('percent must be between 0 and 100', 'percent');
  if (collections === null) throw new FeeRuleError('collections are needed to price a percent-of-collections fee', 'collections');
  const base = collectionCents(collections);
  if (base < 0n) throw new FeeRuleError('collections must not be negative', 'collections');
  return collectionsPercentLine(out, base, percent, '');
}

/** A line of `percent` of `base` cents of collections (`band` says which band, if any); returns its cents. */
function collectionsPercentLine(out: PricedLines, base: bigint, percent: bigint, band: string): bigint {
  const percentText = formatHundredths(percent);
  const baseText = formatHundredths(base);
  const amount = percentOfCents(base, percent);
  addLine(
    out,
    {
      kind: 'PERCENT_OF_COLLECTIONS',
      description: `${percentText}% of collections of ${baseText}${band}`,
      tier: null,
      treatments: null,
      sites: null,
      collections: baseText,
      rate: percentText,
      amount: formatHundredths(amount),
    },
    amount,
  );
  return amount;
}

/**
 * Tiered percentage: each band's percentage applies to the collections inside the band (graduated,
 * like the treatment tiers). `before` cents of the month were priced in an earlier part. Returns
 * the cents the bands earned.
 */
function percentTierLines(out: PricedLines, tiers: PercentTierTerms[], collections: bigint, before: bigint): bigint {
  let earned = 0n;
  let lower = 0n;
  for (const band of orderedPercentTiers(tiers)) {
    const from = before > lower ? before : lower;
    const end = before + collections;
    const to = band.upTo === null || end < band.upTo ? end : band.upTo;
    if (to > from) {
      const bandText = band.upTo === null ? `above ${formatHundredths(lower)}` : `${formatHundredths(lower)}–${formatHundredths(band.upTo)}`;
      earned += collectionsPercentLine(out, to - from, band.percent, ` (band ${bandText})`);
    }
    if (band.upTo === null) break;
    lower = band.upTo;
  }
  return earned;
}

/** The counts a part of a month gives one (site, class) cell: in the part, earlier in the month, the whole month. */
export interface TreatmentCell {
  siteId: string;
  therapyClass: TherapyClass | null;
  inPart: number;
  beforePart: number;
  inMonth: number;
}

/**
 * What a part of a month (the whole month, or the days one schedule version was in force) gives
 * the engine. Days prorate the monthly amounts (flat fees, minimum, cap, collections floor):
 * site-days and chair-days are each site's (chair's) days in service inside the part.
 */
export interface PartActivity {
  cells: TreatmentCell[];
  collections: string | null;
  /** Collections of the month priced in earlier parts (tiered percentages continue after them). */
  collectionsBefore?: string;
  siteDays: number;
  chairDays: number;
  /** Sites (chairs) in service on at least one day of the part, for the line's count. */
  sites?: number;
  chairs?: number;
  days: number;
  daysInMonth: number;
}

/** A part as the period engine gives it: collections already in cents. */
export interface PartInCents extends Omit<PartActivity, 'collections' | 'collectionsBefore'> {
  collections: string | bigint | null;
  collectionsBefore?: string | bigint;
}

/** amount × days / daysInMonth, to the cent: a monthly amount for part of a month. */
function prorate(cents: bigint, days: number, daysInMonth: number): bigint {
  return days === daysInMonth ? cents : divideRounded(cents * BigInt(days), BigInt(daysInMonth));
}

const prorated = (days: number, daysInMonth: number) => (days === daysInMonth ? '' : `, prorated ${days}/${daysInMonth} days`);

const sameKey = (a: string | null, b: string | null) => (a ?? '') === (b ?? '');
/** `localeCompare`, skipped when the texts are the same (most groups share their class or site). */
const byText = (a: string, b: string) => (a === b ? 0 : a.localeCompare(b));

/** Treatments grouped the way the schedule counts them: per class with its own table, per site if asked. */
function tierGroups(terms: FeeScheduleTerms, tables: Map<TherapyClass | null, PricedTier[]>, cells: TreatmentCell[]): CountedGroup[] {
  // Few groups (one per class table, or per site): a list searched in order beats keyed lookups.
  const groups: CountedGroup[] = [];
  let general: TherapyClass[] | undefined;
  for (const cell of cells) {
    requireCount(cell.inPart, 'treatments');
    requireCount(cell.beforePart, 'treatments');
    requireCount(cell.inMonth, 'treatments');
    const therapyClass = cell.therapyClass !== null && tables.has(cell.therapyClass) ? cell.therapyClass : null;
    const siteId = terms.tiersPerSite ? cell.siteId : null;
    let group: CountedGroup | undefined;
    for (const g of groups) {
      if (sameKey(g.therapyClass, therapyClass) && sameKey(g.siteId, siteId)) {
        group = g;
        break;
      }
    }
    if (!group) {
      general ??= THERAPY_CLASSES.filter((c) => !tables.has(c));
      const classes = therapyClass !== null ? [therapyClass] : general.length === THERAPY_CLASSES.length ? null : general;
      group = { therapyClass, siteId, classes, table: tables.get(therapyClass) ?? [], label: '', inPart: 0, beforePart: 0, inMonth: 0 };
      group.label = groupLabel(group);
      groups.push(group);
    }
    group.inPart += cell.inPart;
    group.beforePart += cell.beforePart;
    group.inMonth += cell.inMonth;
  }
  // Stable order: general table first, then classes, then sites, so lines read the same every time.
  if (groups.length > 1) groups.sort((a, b) => byText(a.therapyClass ?? '', b.therapyClass ?? '') || byText(a.siteId ?? '', b.siteId ?? ''));
  return groups;
}

/**
 * Prices one part of a month: the basis (graduated or volume tiers, percent of collections, or
 * nothing for the flat and fixed bases), the flat fees per site and per chair, then raised to the
 * monthly minimum (floor) and cut to the monthly cap (ceiling), both prorated by the part's days.
 * The fixed annual fee is priced per quarter (see period.rules.ts), outside minimum and cap.
 */
export function partFee(terms: FeeScheduleTerms, activity: PartActivity): MonthlyFee {
  const part = pricePart(terms, activity);
  return { amount: formatHundredths(part.cents), lines: part.lines };
}

/** `partFee` for the period engine: collections in cents may come in, the amount goes out in cents. */
export function pricePart(terms: FeeScheduleTerms, activity: PartInCents): { cents: bigint; lines: FeeLineItem[] } {
  requireCount(activity.siteDays, 'activeSites');
  requireCount(activity.chairDays, 'chairs');
  if (!Number.isInteger(activity.daysInMonth) || activity.daysInMonth < 28 || activity.daysInMonth > 31) throw new FeeRuleError('daysInMonth must be 28 to 31', 'daysInMonth');
  if (!Number.isInteger(activity.days) || activity.days < 1 || activity.days > activity.daysInMonth) throw new FeeRuleError('days must be between 1 and the days of the month', 'daysActive');
  const minimum = optionalAmount(terms.monthlyMinimum, 'monthlyMinimum');
  const cap = optionalAmount(terms.monthlyCap, 'monthlyCap');
  const perSite = optionalAmount(terms.flatPerSiteMonthly, 'flatPerSiteMonthly');
  const perChair = optionalAmount(terms.flatPerChairMonthly, 'flatPerChairMonthly');
  const floor = optionalAmount(terms.collectionsFloor, 'collectionsFloor');
  optionalAmount(terms.fixedAnnualFee, 'fixedAnnualFee');
  if (minimum !== null && cap !== null && minimum > cap) throw new FeeRuleError('The monthly minimum is above the monthly cap', 'monthlyCap');
  const { days, daysInMonth } = activity;

  const out: PricedLines = { lines: [], cents: 0n };
  switch (terms.basis) {
    case 'PER_TREATMENT_GRADUATED':
    case 'PER_TREATMENT_VOLUME': {
      const tables = readTierTables(terms.tiers);
      for (const group of tierGroups(terms, tables, activity.cells)) {
        if (terms.basis === 'PER_TREATMENT_GRADUATED') graduatedLines(out, group);
        else volumeLines(out, group);
      }
      break;
    }
    case 'PERCENT_OF_COLLECTIONS': {
      const tiered = (terms.percentTiers?.length ?? 0) > 0;
      if (tiered && terms.percent !== null) throw new FeeRuleError('Give either one percent or percentage tiers, not both', 'percent');
      let earned: bigint;
      if (tiered) {
        if (activity.collections === null) throw new FeeRuleError('collections are needed to price a percent-of-collections fee', 'collections');
        const collections = collectionCents(activity.collections);
        const before = collectionCents(activity.collectionsBefore ?? '0');
        if (collections < 0n || before < 0n) throw new FeeRuleError('collections must not be negative', 'collections');
        earned = percentTierLines(out, terms.percentTiers!, collections, before);
      } else {
        earned = percentLine(out, terms, activity.collections);
      }
      if (floor !== null) {
        const limit = prorate(floor, days, daysInMonth);
        if (earned < limit) {
          const limitText = formatHundredths(limit);
          addLine(
            out,
            {
              kind: 'COLLECTIONS_FLOOR',
              description: `Percentage of collections raised to its floor of ${limitText}${prorated(days, daysInMonth)}`,
              tier: null,
              treatments: null,
              sites: null,
              collections: null,
              rate: limitText,
              amount: formatHundredths(limit - earned),
            },
            limit - earned,
          );
        }
      }
      break;
    }
    case 'FLAT_PER_SITE':
      if (perSite === null) throw new FeeRuleError('A flat-per-site schedule needs its monthly fee per site', 'flatPerSiteMonthly');
      break;
    case 'FIXED_COMPONENTS':
      break;
    default:
      throw new FeeRuleError(`Unknown fee basis ${String(terms.basis)}`, 'basis');
  }
  if (terms.basis !== 'PERCENT_OF_COLLECTIONS' && floor !== null) throw new FeeRuleError('A collections floor belongs to a percent-of-collections schedule', 'collectionsFloor');
  if (perSite !== null && activity.siteDays > 0) flatLine(out, 'FLAT_PER_SITE', 'site', perSite, activity.siteDays, activity.sites, activity);
  if (perChair !== null && activity.chairDays > 0) flatLine(out, 'FLAT_PER_CHAIR', 'chair', perChair, activity.chairDays, activity.chairs, activity);

  let total = out.cents;
  if (minimum !== null) {
    const limit = prorate(minimum, days, daysInMonth);
    if (total < limit) {
      adjustment(out, 'MONTHLY_MINIMUM', 'Raised to the monthly minimum of', limit, limit - total, prorated(days, daysInMonth));
      total = limit;
    }
  }
  if (cap !== null) {
    const limit = prorate(cap, days, daysInMonth);
    if (total > limit) {
      adjustment(out, 'MONTHLY_CAP', 'Limited to the monthly cap of', limit, limit - total, prorated(days, daysInMonth));
      total = limit;
    }
  }
  return { cents: total, lines: out.lines };
}

/**
 * A flat monthly fee per site (chair), prorated by the days each was in service: rate × unit-days
 * / days of the month. A whole month of N units is exactly N × rate.
 */
function flatLine(
  out: PricedLines,
  kind: 'FLAT_PER_SITE' | 'FLAT_PER_CHAIR',
  unit: string,
  rate: bigint,
  unitDays: number,
  count: number | undefined,
  { days, daysInMonth }: { days: number; daysInMonth: number },
): void {
  const units = count ?? Math.ceil(unitDays / days);
  const whole = unitDays === units * daysInMonth;
  const plural = units === 1 ? '' : 's';
  const rateText = formatHundredths(rate);
  const description = whole
    ? `${units} ${unit}${plural} at ${rateText} each`
    : `${units} ${unit}${plural} at ${rateText} each, prorated: ${unitDays} ${unit}-days of a ${daysInMonth}-day month`;
  const amount = divideRounded(rate * BigInt(unitDays), BigInt(daysInMonth));
  addLine(out, { kind, description, tier: null, treatments: null, sites: units, collections: null, rate: rateText, amount: formatHundredths(amount) }, amount);
}

/**
 * Prices one whole month from its totals (the ad-hoc preview and the original engine's entry
 * point): all treatments in one cell, every site and chair in service the whole month.
 */
export function monthlyFee(terms: FeeScheduleTerms, activity: MonthActivity, daysInMonth = 30): MonthlyFee {
  requireCount(activity.treatments, 'treatments');
  requireCount(activity.activeSites, 'activeSites');
  const chairs = activity.chairs ?? 0;
  requireCount(chairs, 'chairs');
  return partFee(terms, {
    cells: [{ siteId: 'all', therapyClass: null, inPart: activity.treatments, beforePart: 0, inMonth: activity.treatments }],
    collections: activity.collections,
    siteDays: activity.activeSites * daysInMonth,
    chairDays: chairs * daysInMonth,
    sites: activity.activeSites,
    chairs,
    days: daysInMonth,
    daysInMonth,
  });
}

function adjustment(out: PricedLines, kind: 'MONTHLY_MINIMUM' | 'MONTHLY_CAP', what: string, limit: bigint, amount: bigint, prorated: string): void {
  const limitText = formatHundredths(limit);
  addLine(
    out,
    { kind, description: `${what} ${limitText}${prorated}`, tier: null, treatments: null, sites: null, collections: null, rate: limitText, amount: formatHundredths(amount) },
    amount,
  );
}

/** Largest amount a schedule may name: far beyond any fee, and inside numeric(12,2). */
const MAX_AMOUNT = 1_000_000_000_00n;

/**
 * Refuses a schedule that could not price every month, before it is stored: amounts that are not
 * exact cents or out of range, tiers with gaps, components that do not belong to the basis, a
 * basis without the amount it is built on. The error names the schedule's field.
 */
export function checkScheduleTerms(terms: FeeScheduleTerms): void {
  if (!FEE_BASES.includes(terms.basis)) throw new FeeRuleError(`Unknown fee basis ${String(terms.basis)}`, 'basis');
  const amounts = ['monthlyMinimum', 'monthlyCap', 'flatPerSiteMonthly', 'flatPerChairMonthly', 'fixedAnnualFee', 'collectionsFloor'] as const;
  for (const field of amounts) {
    const cents = optionalAmount(terms[field], field);
    if (cents !== null && cents > MAX_AMOUNT) throw new FeeRuleError(`${field} must be at most ${formatHundredths(MAX_AMOUNT)}`, field);
  }
  const minimum = optionalAmount(terms.monthlyMinimum, 'monthlyMinimum');
  const cap = optionalAmount(terms.monthlyCap, 'monthlyCap');
  if (cap !== null && cap === 0n) throw new FeeRuleError('A monthly cap must be above zero (leave it out for none)', 'monthlyCap');
  if (minimum !== null && cap !== null && minimum > cap) throw new FeeRuleError('The monthly minimum is above the monthly cap', 'monthlyCap');

  const perTreatment = terms.basis === 'PER_TREATMENT_GRADUATED' || terms.basis === 'PER_TREATMENT_VOLUME';
  const percentBasis = terms.basis === 'PERCENT_OF_COLLECTIONS';
  if (perTreatment) {
    if (terms.tiers.length === 0) throw new FeeRuleError('A per-treatment schedule needs its tiers', 'tiers');
    for (const tier of terms.tiers) {
      if (toHundredths(tier.feePerTreatment, 'tiers') > MAX_AMOUNT) throw new FeeRuleError('A fee per treatment must be at most 1000000000.00', 'tiers');
      if (tier.fromTreatments > 1_000_000 || (tier.toTreatments ?? 0) > 1_000_000) throw new FeeRuleError('Tiers count at most 1,000,000 treatments a month', 'tiers');
    }
    const tables = tierTables(terms.tiers);
    if (!tables.has(null)) throw new FeeRuleError('Class tiers need a general table too, for the treatments of the other classes', 'tiers');
  } else {
    if (terms.tiers.length > 0) throw new FeeRuleError('Only a per-treatment schedule has tiers', 'tiers');
    if (terms.tiersPerSite) throw new FeeRuleError('Only a per-treatment schedule counts tiers per site', 'tiersPerSite');
  }
  const percentTiers = terms.percentTiers ?? [];
  if (percentBasis) {
    if ((terms.percent === null) === (percentTiers.length === 0)) throw new FeeRuleError('A percent-of-collections schedule needs either one percent or percentage tiers', 'percent');
    if (terms.percent !== null) {
      const percent = toHundredths(terms.percent, 'percent');
      if (percent <= 0n || percent > 10_000n) throw new FeeRuleError('percent must be above 0 and at most 100', 'percent');
    }
    for (const band of percentTiers) {
      if (band.upToCollections !== null && toHundredths(band.upToCollections, 'percentTiers') > MAX_AMOUNT * 100n) throw new FeeRuleError('A band may end at most at 100000000000.00', 'percentTiers');
    }
    if (percentTiers.length > 0) orderedPercentTiers(percentTiers);
  } else {
    if (terms.percent !== null || percentTiers.length > 0) throw new FeeRuleError('Only a percent-of-collections schedule has a percentage', 'percent');
    if (terms.collectionsFloor !== null && terms.collectionsFloor !== undefined) throw new FeeRuleError('A collections floor belongs to a percent-of-collections schedule', 'collectionsFloor');
  }
  if (terms.basis === 'FLAT_PER_SITE' && terms.flatPerSiteMonthly === null) throw new FeeRuleError('A flat-per-site schedule needs its monthly fee per site', 'flatPerSiteMonthly');
}
