import { FeeRuleError, formatHundredths, percentOfCents, toHundredths } from './decimal';

/**
 * The management fee for one month under a contract's fee schedule (DOMAIN.md "The management
 * company and its fees"). Fees must stay at fair market value, so every amount comes with the
 * lines it was built from: each tier's treatments and rate, the collections and percentage, the
 * sites counted, and any raise to the minimum or cut to the cap. The lines always add up to
 * the amount, to the cent.
 */

export const FEE_BASES = ['PER_TREATMENT_GRADUATED', 'PER_TREATMENT_VOLUME', 'PERCENT_OF_COLLECTIONS', 'FLAT_PER_SITE'] as const;
export type FeeBasis = (typeof FEE_BASES)[number];

export const FEE_LINE_KINDS = ['GRADUATED_TIER', 'VOLUME_TIER', 'PERCENT_OF_COLLECTIONS', 'FLAT_PER_SITE', 'MONTHLY_MINIMUM', 'MONTHLY_CAP'] as const;
export type FeeLineKind = (typeof FEE_LINE_KINDS)[number];

export interface FeeTierTerms {
  fromTreatments: number;
  /** Last treatment of the tier; null = open-ended. */
  toTreatments: number | null;
  feePerTreatment: string;
}

export interface FeeScheduleTerms {
  basis: FeeBasis;
  /** Percent of collections, e.g. "8.00"; PERCENT_OF_COLLECTIONS only. */
  percent: string | null;
  monthlyMinimum: string | null;
  monthlyCap: string | null;
  /** Added per active site on top of the basis (or the whole fee for FLAT_PER_SITE). */
  flatPerSiteMonthly: string | null;
  tiers: FeeTierTerms[];
}

export interface MonthActivity {
  /** Treatments (completed administrations) counted in the month. */
  treatments: number;
  /** Sites of the client open in the month. */
  activeSites: number;
  /** Collections received in the month, decimal string; needed for PERCENT_OF_COLLECTIONS. */
  collections: string | null;
}

export interface FeeLineItem {
  kind: FeeLineKind;
  /** Human-readable explanation, e.g. "Treatments 1–200 at 85.00 each". */
  description: string;
  /** The tier the line prices (tier lines only). */
  tier: { fromTreatments: number; toTreatments: number | null } | null;
  /** Treatments priced on this line (tier lines). */
  treatments: number | null;
  /** Sites priced on this line (FLAT_PER_SITE). */
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
}

export interface MonthlyFee {
  amount: string;
  lines: FeeLineItem[];
}

const range = (t: { fromTreatments: number; toTreatments: number | null }) =>
  t.toTreatments === null ? `${t.fromTreatments}+` : `${t.fromTreatments}–${t.toTreatments}`;

/**
 * Tiers must start at treatment 1 and follow each other without gap or overlap; only the last
 * may be open-ended. Returns them in order.
 */
export function orderedTiers(tiers: FeeTierTerms[]): FeeTierTerms[] {
  const sorted = [...tiers].sort((a, b) => a.fromTreatments - b.fromTreatments);
  let expectedFrom = 1;
  sorted.forEach((tier, index) => {
    if (toHundredths(tier.feePerTreatment, 'feePerTreatment') < 0n) throw new FeeRuleError(`Tier ${range(tier)} has a negative fee`, 'tiers');
    if (!Number.isInteger(tier.fromTreatments) || tier.fromTreatments !== expectedFrom) {
      throw new FeeRuleError(`Tier ${range(tier)} should start at treatment ${expectedFrom}: tiers must start at 1 with no gap or overlap`, 'tiers');
    }
    if (tier.toTreatments === null) {
      if (index !== sorted.length - 1) throw new FeeRuleError(`Only the last tier may be open-ended (tier ${range(tier)})`, 'tiers');
      return;
    }
    if (!Number.isInteger(tier.toTreatments) || tier.toTreatments < tier.fromTreatments) {
      throw new FeeRuleError(`Tier ${range(tier)} ends before it starts`, 'tiers');
    }
    expectedFrom = tier.toTreatments + 1;
  });
  return sorted;
}

function tierOf(tiers: FeeTierTerms[], ordinal: number): FeeTierTerms {
  const tier = tiers.find((t) => ordinal >= t.fromTreatments && (t.toTreatments === null || ordinal <= t.toTreatments));
  if (!tier) throw new FeeRuleError(`The fee schedule has no tier for treatment ${ordinal}`, 'treatments');
  return tier;
}

function requireCount(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0) throw new FeeRuleError(`${field} must be a whole number, zero or more`, field);
}

function optionalAmount(value: string | null, field: string): bigint | null {
  if (value === null) return null;
  const cents = toHundredths(value, field);
  if (cents < 0n) throw new FeeRuleError(`${field} must not be negative`, field);
  return cents;
}

/** Graduated: each treatment is priced by the tier its ordinal falls in (like tax brackets). */
function graduatedLines(tiers: FeeTierTerms[], treatments: number): FeeLineItem[] {
  if (treatments > 0) tierOf(tiers, treatments); // every ordinal up to N needs a tier
  const lines: FeeLineItem[] = [];
  for (const tier of tiers) {
    const last = tier.toTreatments === null ? treatments : Math.min(treatments, tier.toTreatments);
    const count = last - tier.fromTreatments + 1;
    if (count <= 0) break;
    const rate = toHundredths(tier.feePerTreatment, 'feePerTreatment');
    lines.push({
      kind: 'GRADUATED_TIER',
      description: `Treatments ${tier.fromTreatments}–${last} at ${formatHundredths(rate)} each (tier ${range(tier)})`,
      tier: { fromTreatments: tier.fromTreatments, toTreatments: tier.toTreatments },
      treatments: count,
      sites: null,
      collections: null,
      rate: formatHundredths(rate),
      amount: formatHundredths(rate * BigInt(count)),
    });
  }
  return lines;
}

/** Volume: every treatment of the month is priced at the rate of the tier the total falls in. */
function volumeLines(tiers: FeeTierTerms[], treatments: number): FeeLineItem[] {
  if (treatments === 0) return [];
  const tier = tierOf(tiers, treatments);
  const rate = toHundredths(tier.feePerTreatment, 'feePerTreatment');
  return [
    {
      kind: 'VOLUME_TIER',
      description: `All ${treatments} treatments at ${formatHundredths(rate)} each (volume tier ${range(tier)})`,
      tier: { fromTreatments: tier.fromTreatments, toTreatments: tier.toTreatments },
      treatments,
      sites: null,
      collections: null,
      rate: formatHundredths(rate),
      amount: formatHundredths(rate * BigInt(treatments)),
    },
  ];
}

function percentLine(terms: FeeScheduleTerms, collections: string | null): FeeLineItem {
  if (terms.percent === null) throw new FeeRuleError('A percent-of-collections schedule needs its percent', 'percent');
  const percent = toHundredths(terms.percent, 'percent');
  if (percent < 0n || percent > 10_000n) throw new FeeRuleError('percent must be between 0 and 100', 'percent');
  if (collections === null) throw new FeeRuleError('collections are needed to price a percent-of-collections fee', 'collections');
  const base = toHundredths(collections, 'collections');
  if (base < 0n) throw new FeeRuleError('collections must not be negative', 'collections');
  return {
    kind: 'PERCENT_OF_COLLECTIONS',
    description: `${formatHundredths(percent)}% of collections of ${formatHundredths(base)}`,
    tier: null,
    treatments: null,
    sites: null,
    collections: formatHundredths(base),
    rate: formatHundredths(percent),
    amount: formatHundredths(percentOfCents(base, percent)),
  };
}

/**
 * Prices one month: the basis (graduated tiers, volume tiers, percent of collections, or nothing
 * for flat-per-site), plus the flat fee per active site where the schedule has one, then raised
 * to the monthly minimum (floor) and cut to the monthly cap (ceiling).
 */
export function monthlyFee(terms: FeeScheduleTerms, activity: MonthActivity): MonthlyFee {
  requireCount(activity.treatments, 'treatments');
  requireCount(activity.activeSites, 'activeSites');
  const minimum = optionalAmount(terms.monthlyMinimum, 'monthlyMinimum');
  const cap = optionalAmount(terms.monthlyCap, 'monthlyCap');
  const perSite = optionalAmount(terms.flatPerSiteMonthly, 'flatPerSiteMonthly');
  if (minimum !== null && cap !== null && minimum > cap) throw new FeeRuleError('The monthly minimum is above the monthly cap', 'monthlyCap');

  const lines: FeeLineItem[] = [];
  switch (terms.basis) {
    case 'PER_TREATMENT_GRADUATED':
      lines.push(...graduatedLines(orderedTiers(terms.tiers), activity.treatments));
      break;
    case 'PER_TREATMENT_VOLUME':
      lines.push(...volumeLines(orderedTiers(terms.tiers), activity.treatments));
      break;
    case 'PERCENT_OF_COLLECTIONS':
      lines.push(percentLine(terms, activity.collections));
      break;
    case 'FLAT_PER_SITE':
      if (perSite === null) throw new FeeRuleError('A flat-per-site schedule needs its monthly fee per site', 'flatPerSiteMonthly');
      break;
    default:
      throw new FeeRuleError(`Unknown fee basis ${String(terms.basis)}`, 'basis');
  }
  if (perSite !== null && activity.activeSites > 0) {
    lines.push({
      kind: 'FLAT_PER_SITE',
      description: `${activity.activeSites} active site${activity.activeSites === 1 ? '' : 's'} at ${formatHundredths(perSite)} each`,
      tier: null,
      treatments: null,
      sites: activity.activeSites,
      collections: null,
      rate: formatHundredths(perSite),
      amount: formatHundredths(perSite * BigInt(activity.activeSites)),
    });
  }

  const subtotal = lines.reduce((sum, line) => sum + toHundredths(line.amount), 0n);
  let total = subtotal;
  if (minimum !== null && total < minimum) {
    lines.push(adjustment('MONTHLY_MINIMUM', `Raised to the monthly minimum of ${formatHundredths(minimum)}`, minimum, minimum - total));
    total = minimum;
  }
  if (cap !== null && total > cap) {
    lines.push(adjustment('MONTHLY_CAP', `Limited to the monthly cap of ${formatHundredths(cap)}`, cap, cap - total));
    total = cap;
  }
  return { amount: formatHundredths(total), lines };
}

function adjustment(kind: 'MONTHLY_MINIMUM' | 'MONTHLY_CAP', description: string, limit: bigint, amount: bigint): FeeLineItem {
  return { kind, description, tier: null, treatments: null, sites: null, collections: null, rate: formatHundredths(limit), amount: formatHundredths(amount) };
}
