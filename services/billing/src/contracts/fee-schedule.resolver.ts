import { Money, type RequestContext } from '@infusion/subgraph-kit';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { FeePreviewArgs } from '../fees/fee-preview.input';
import { FeePreview } from '../fees/fee-preview.types';
import { percentTiersOf, previewFee, tiersOf } from '../fees/fee.service';
import { FeePercentTier } from './fee-percent-tier.entity';
import { FeeSchedule } from './fee-schedule.entity';
import { FeeTier } from './fee-tier.entity';
import { ManagementContract } from './management-contract.entity';

const money = (amount: string | null, currency: string): Money | null => (amount === null ? null : Object.assign(new Money(), { amount, currency }));

/** Amounts of a schedule are in its contract's currency. */
async function currencyOf(schedule: FeeSchedule, { loaders }: RequestContext): Promise<string> {
  return (await loaders.byId(ManagementContract).load(schedule.contractId))?.currency ?? 'USD';
}

async function currencyOfSchedule(scheduleId: string, ctx: RequestContext): Promise<string> {
  const schedule = await ctx.loaders.byId(FeeSchedule).load(scheduleId);
  return schedule ? currencyOf(schedule, ctx) : 'USD';
}

@Resolver(() => FeeSchedule)
export class FeeScheduleResolver {
  @FieldResolver(() => ManagementContract, { description: 'The contract this schedule prices.' })
  async contract(@Root() schedule: FeeSchedule, @Ctx() { loaders }: RequestContext): Promise<ManagementContract> {
    return loaders.require(ManagementContract, schedule.contractId);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Floor of the monthly fee; null = none.' })
  async monthlyMinimum(@Root() schedule: FeeSchedule, @Ctx() ctx: RequestContext): Promise<Money | null> {
    return money(schedule.monthlyMinimum, await currencyOf(schedule, ctx));
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Ceiling of the monthly fee (fair market value); null = none.' })
  async monthlyCap(@Root() schedule: FeeSchedule, @Ctx() ctx: RequestContext): Promise<Money | null> {
    return money(schedule.monthlyCap, await currencyOf(schedule, ctx));
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Flat monthly fee per active site, added to the basis; null = none.' })
  async flatPerSiteMonthly(@Root() schedule: FeeSchedule, @Ctx() ctx: RequestContext): Promise<Money | null> {
    return money(schedule.flatPerSiteMonthly, await currencyOf(schedule, ctx));
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Flat monthly fee per chair at the covered sites; null = none.' })
  async flatPerChairMonthly(@Root() schedule: FeeSchedule, @Ctx() ctx: RequestContext): Promise<Money | null> {
    return money(schedule.flatPerChairMonthly, await currencyOf(schedule, ctx));
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Fixed fee a year, billed a quarter at a time and prorated by days; null = none.' })
  async fixedAnnualFee(@Root() schedule: FeeSchedule, @Ctx() ctx: RequestContext): Promise<Money | null> {
    return money(schedule.fixedAnnualFee, await currencyOf(schedule, ctx));
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Floor of the percentage-of-collections component alone; null = none.' })
  async collectionsFloor(@Root() schedule: FeeSchedule, @Ctx() ctx: RequestContext): Promise<Money | null> {
    return money(schedule.collectionsFloor, await currencyOf(schedule, ctx));
  }

  @FieldResolver(() => [FeePercentTier], { description: 'Bands of a tiered percentage of collections, lowest first (empty otherwise).' })
  percentTiers(@Root() schedule: FeeSchedule, @Ctx() ctx: RequestContext): Promise<FeePercentTier[]> {
    return percentTiersOf(ctx, schedule.id);
  }

  @FieldResolver(() => [FeeTier], { description: 'Per-treatment tiers, general table first then by therapy class, lowest band first (empty for other bases).' })
  tiers(@Root() schedule: FeeSchedule, @Ctx() ctx: RequestContext): Promise<FeeTier[]> {
    return tiersOf(ctx, schedule.id);
  }

  @FieldResolver(() => FeePreview, { description: 'The fee this schedule gives for a month with the activity described; nothing is stored.' })
  async preview(@Root() schedule: FeeSchedule, @Ctx() ctx: RequestContext, @Args() { treatments, activeSites, collections, chairs }: FeePreviewArgs): Promise<FeePreview> {
    return previewFee(ctx, schedule, { treatments, activeSites, collections: collections ?? null, chairs: chairs ?? 0 }, await currencyOf(schedule, ctx));
  }
}

@Resolver(() => FeeTier)
export class FeeTierResolver {
  @FieldResolver(() => Money, { description: 'Fee for each treatment in this tier.' })
  async feePerTreatment(@Root() tier: FeeTier, @Ctx() ctx: RequestContext): Promise<Money> {
    return money(tier.feePerTreatment, await currencyOfSchedule(tier.feeScheduleId, ctx))!;
  }
}

@Resolver(() => FeePercentTier)
export class FeePercentTierResolver {
  @FieldResolver(() => Money, { nullable: true, description: 'Upper end of the band (inclusive); the band starts where the previous one ends; null = open-ended.' })
  async upToCollections(@Root() band: FeePercentTier, @Ctx() ctx: RequestContext): Promise<Money | null> {
    return money(band.upToCollections, await currencyOfSchedule(band.feeScheduleId, ctx));
  }
}
