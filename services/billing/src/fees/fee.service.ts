import { Money, badInput, type RequestContext } from '@infusion/subgraph-kit';
import { FeeSchedule } from '../contracts/fee-schedule.entity';
import { FeeTier } from '../contracts/fee-tier.entity';
import { FeeRuleError } from './decimal';
import { monthlyFee, type MonthActivity, type MonthlyFee } from './fee.rules';
import { FeeLine, FeePreview } from './fee-preview.types';

/** Tiers of many schedules in one SELECT per request, lowest band first. */
export function tiersOf(ctx: RequestContext, scheduleId: string): Promise<FeeTier[]> {
  return ctx.loaders.manyBy(FeeTier, 'feeScheduleId', { orderBy: { fromTreatments: 'asc' } }).load(scheduleId);
}

/** What the schedule would bill for a month with this activity; nothing is stored. */
export async function previewFee(ctx: RequestContext, schedule: FeeSchedule, activity: MonthActivity): Promise<FeePreview> {
  const tiers = await tiersOf(ctx, schedule.id);
  let fee: MonthlyFee;
  try {
    const { basis, percent, monthlyMinimum, monthlyCap, flatPerSiteMonthly } = schedule;
    fee = monthlyFee({ basis, percent, monthlyMinimum, monthlyCap, flatPerSiteMonthly, tiers }, activity);
  } catch (error) {
    if (error instanceof FeeRuleError) throw badInput(error.message, { field: error.field, feeScheduleId: schedule.id });
    throw error;
  }
  return Object.assign(new FeePreview(), {
    amount: Money.usd(fee.amount),
    lines: fee.lines.map((line) =>
      Object.assign(new FeeLine(), {
        kind: line.kind,
        description: line.description,
        fromTreatments: line.tier?.fromTreatments ?? null,
        toTreatments: line.tier?.toTreatments ?? null,
        treatments: line.treatments,
        sites: line.sites,
        collections: line.collections === null ? null : Money.usd(line.collections),
        rate: line.rate,
        amount: Money.usd(line.amount),
      }),
    ),
  });
}
