import { Money, notFound, type RequestContext } from '@infusion/subgraph-kit';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { FeePreviewArgs } from '../fees/fee-preview.input';
import { FeePreview } from '../fees/fee-preview.types';
import { previewFee, tiersOf } from '../fees/fee.service';
import { FeeSchedule } from './fee-schedule.entity';
import { FeeTier } from './fee-tier.entity';
import { ManagementContract } from './management-contract.entity';

const money = (amount: string | null): Money | null => (amount === null ? null : Money.usd(amount));

@Resolver(() => FeeSchedule)
export class FeeScheduleResolver {
  @FieldResolver(() => ManagementContract, { description: 'The contract this schedule prices.' })
  async contract(@Root() schedule: FeeSchedule, @Ctx() { loaders }: RequestContext): Promise<ManagementContract> {
    return (await loaders.byId(ManagementContract).load(schedule.contractId)) ?? Promise.reject(notFound('ManagementContract', schedule.contractId));
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Floor of the monthly fee; null = none.' })
  monthlyMinimum(@Root() schedule: FeeSchedule): Money | null {
    return money(schedule.monthlyMinimum);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Ceiling of the monthly fee (fair market value); null = none.' })
  monthlyCap(@Root() schedule: FeeSchedule): Money | null {
    return money(schedule.monthlyCap);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Flat monthly fee per active site, added to the basis; null = none.' })
  flatPerSiteMonthly(@Root() schedule: FeeSchedule): Money | null {
    return money(schedule.flatPerSiteMonthly);
  }

  @FieldResolver(() => [FeeTier], { description: 'Per-treatment tiers, lowest band first (empty for other bases).' })
  tiers(@Root() schedule: FeeSchedule, @Ctx() ctx: RequestContext): Promise<FeeTier[]> {
    return tiersOf(ctx, schedule.id);
  }

  @FieldResolver(() => FeePreview, { description: 'The fee this schedule gives for a month with the activity described; nothing is stored.' })
  preview(@Root() schedule: FeeSchedule, @Ctx() ctx: RequestContext, @Args() { treatments, activeSites, collections }: FeePreviewArgs): Promise<FeePreview> {
    return previewFee(ctx, schedule, { treatments, activeSites, collections: collections ?? null });
  }
}

@Resolver(() => FeeTier)
export class FeeTierResolver {
  @FieldResolver(() => Money, { description: 'Fee for each treatment in this tier.' })
  feePerTreatment(@Root() tier: FeeTier): Money {
    return Money.usd(tier.feePerTreatment);
  }
}
