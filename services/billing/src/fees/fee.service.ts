import { Money, badInput, type RequestContext } from '@infusion/subgraph-kit';
import { FeePercentTier } from '../contracts/fee-percent-tier.entity';
import { FeeSchedule } from '../contracts/fee-schedule.entity';
import { FeeTier } from '../contracts/fee-tier.entity';
import { FeeRuleError } from './decimal';
import { monthlyFee, type FeeLineItem, type FeeScheduleTerms, type MonthActivity, type MonthlyFee } from './fee.rules';
import { FeeLine, FeePreview } from './fee-preview.types';
import { periodFee, type CoveredSite, type DailyTreatments, type PeriodFeeLine } from './period.rules';

/** Tiers of many schedules in one SELECT per request, lowest band first. */
export function tiersOf(ctx: RequestContext, scheduleId: string): Promise<FeeTier[]> {
  return ctx.loaders.manyBy(FeeTier, 'feeScheduleId', { orderBy: { therapyClass: 'asc', fromTreatments: 'asc' } }).load(scheduleId);
}

/** Percentage bands of many schedules in one SELECT per request. */
export function percentTiersOf(ctx: RequestContext, scheduleId: string): Promise<FeePercentTier[]> {
  return ctx.loaders.manyBy(FeePercentTier, 'feeScheduleId', { orderBy: { upToCollections: 'asc' } }).load(scheduleId);
}

/** The engine's view of a stored schedule version. */
export async function termsOf(ctx: RequestContext, schedule: FeeSchedule): Promise<FeeScheduleTerms> {
  const [tiers, bands] = await Promise.all([tiersOf(ctx, schedule.id), percentTiersOf(ctx, schedule.id)]);
  return scheduleTerms(schedule, tiers, bands);
}

/** A stored version, its tiers and its bands as the engine's terms. */
export function scheduleTerms(
  schedule: Pick<FeeSchedule, 'basis' | 'percent' | 'monthlyMinimum' | 'monthlyCap' | 'flatPerSiteMonthly' | 'flatPerChairMonthly' | 'fixedAnnualFee' | 'collectionsFloor' | 'tiersPerSite'>,
  tiers: Pick<FeeTier, 'fromTreatments' | 'toTreatments' | 'feePerTreatment' | 'therapyClass'>[],
  bands: Pick<FeePercentTier, 'upToCollections' | 'percent'>[],
): FeeScheduleTerms {
  const { basis, percent, monthlyMinimum, monthlyCap, flatPerSiteMonthly, flatPerChairMonthly, fixedAnnualFee, collectionsFloor, tiersPerSite } = schedule;
  return {
    basis,
    percent,
    monthlyMinimum,
    monthlyCap,
    flatPerSiteMonthly,
    flatPerChairMonthly,
    fixedAnnualFee,
    collectionsFloor,
    tiersPerSite,
    tiers: tiers.map(({ fromTreatments, toTreatments, feePerTreatment, therapyClass }) => ({ fromTreatments, toTreatments, feePerTreatment, therapyClass })),
    percentTiers: bands.map(({ upToCollections, percent: p }) => ({ upToCollections, percent: p })),
  };
}

const money = (amount: string, currency: string) => Object.assign(new Money(), { amount, currency });

export function feeLine(line: FeeLineItem | PeriodFeeLine, currency: string): FeeLine {
  const stamped = 'versionId' in line ? line : null;
  return Object.assign(new FeeLine(), {
    kind: line.kind,
    description: line.description,
    fromTreatments: line.tier?.fromTreatments ?? null,
    toTreatments: line.tier?.toTreatments ?? null,
    treatments: line.treatments,
    sites: line.sites,
    therapyClass: line.therapyClass ?? null,
    siteId: line.siteId ?? null,
    collections: line.collections === null ? null : money(line.collections, currency),
    rate: line.rate,
    amount: money(line.amount, currency),
    from: stamped?.from ?? null,
    to: stamped?.to ?? null,
  });
}

function asBadInput(error: unknown, details: Record<string, unknown>): never {
  if (error instanceof FeeRuleError) throw badInput(error.message, { field: error.field, ...details });
  throw error;
}

/** What the schedule would bill for a month with this activity; nothing is stored. */
export async function previewFee(ctx: RequestContext, schedule: FeeSchedule, activity: MonthActivity, currency = 'USD'): Promise<FeePreview> {
  const terms = await termsOf(ctx, schedule);
  let fee: MonthlyFee;
  try {
    fee = monthlyFee(terms, activity);
  } catch (error) {
    asBadInput(error, { feeScheduleId: schedule.id });
  }
  return Object.assign(new FeePreview(), { amount: money(fee.amount, currency), lines: fee.lines.map((line) => feeLine(line, currency)) });
}

/** A month's activity given as totals, for pricing a proposal (see `previewProposal`). */
export interface ProposalActivity {
  treatments: number;
  oncologyTreatments: number;
  hydrationTreatments: number;
  activeSites: number;
  chairs: number;
  collections: string;
  /** Days of the month the contract is active, from its first day. */
  daysActive: number | null;
}

const daysIn = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();

/**
 * Prices a proposed schedule (not stored) against one month of activity, through the same
 * period engine invoices use: the activity is laid on the month's first day at the first site,
 * the sites and chairs are in service the days the contract is active. So finance sees exactly
 * the lines an invoice would show, before the proposal is signed.
 */
export function previewProposal(terms: FeeScheduleTerms, month: string, activity: ProposalActivity, currency: string): FeePreview {
  const monthStart = `${month.slice(0, 7)}-01`;
  const days = daysIn(monthStart);
  const monthEnd = `${monthStart.slice(0, 8)}${String(days).padStart(2, '0')}`;
  const active = activity.daysActive ?? days;
  if (active > days) throw badInput(`${monthStart.slice(0, 7)} has ${days} days`, { argument: 'activity.daysActive' });
  const general = activity.treatments - activity.oncologyTreatments - activity.hydrationTreatments;
  if (general < 0) throw badInput('Oncology and hydration treatments are part of the treatments, so they cannot exceed them', { argument: 'activity.treatments' });
  const hasActivity = activity.treatments > 0 || activity.collections !== '0.00';
  if (hasActivity && activity.activeSites === 0) throw badInput('Treatments and collections happen at a site: give at least one active site', { argument: 'activity.activeSites' });

  const sites: CoveredSite[] = Array.from({ length: activity.activeSites }, (_, i) => ({
    siteId: `site-${i + 1}`,
    coveredFrom: monthStart,
    coveredTo: null,
    chairs: Math.floor(activity.chairs / activity.activeSites) + (i < activity.chairs % activity.activeSites ? 1 : 0),
  }));
  const treatments: DailyTreatments[] = [
    { serviceDate: monthStart, siteId: 'site-1', therapyClass: 'NON_ONCOLOGY' as const, treatments: general },
    { serviceDate: monthStart, siteId: 'site-1', therapyClass: 'ONCOLOGY' as const, treatments: activity.oncologyTreatments },
    { serviceDate: monthStart, siteId: 'site-1', therapyClass: 'HYDRATION' as const, treatments: activity.hydrationTreatments },
  ].filter((t) => t.treatments > 0);
  const lastActive = new Date(Date.parse(monthStart) + (active - 1) * 86_400_000).toISOString().slice(0, 10);
  try {
    const fee = periodFee({
      period: { from: monthStart, to: monthEnd },
      contract: { effectiveFrom: monthStart, effectiveTo: lastActive },
      versions: [{ id: 'proposal', effectiveFrom: monthStart, terms }],
      sites,
      treatments,
      collections: activity.activeSites > 0 ? [{ serviceDate: monthStart, siteId: 'site-1', amount: activity.collections }] : [],
    });
    return Object.assign(new FeePreview(), { amount: money(fee.amount, currency), lines: fee.lines.map((line) => feeLine(line, currency)) });
  } catch (error) {
    if (error instanceof FeeRuleError) throw badInput(error.message, { argument: error.field === 'collections' ? 'activity.collections' : `terms.${error.field ?? 'basis'}` });
    throw error;
  }
}
