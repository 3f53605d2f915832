import { InRange, LocalDate, RequiresScopes, type RequestContext } from '@infusion/subgraph-kit';
import { Arg, ArgsType, Args, Ctx, Field, ID, Int, Query, Resolver } from 'type-graphql';
import { feeReport } from './report.service';
import { FeeReportRow } from './report.types';

@ArgsType()
class FeeReportArgs {
  @Field(() => LocalDate, { description: 'A day of the first month reported.' })
  from!: string;

  @Field(() => LocalDate, { description: 'A day of the last month reported (at most 24 months).' })
  to!: string;

  @InRange(1, 1000)
  @Field(() => Int, { defaultValue: 15, description: 'Fair-market-value band: flag a month whose effective fee per treatment moved more than this percentage from the month before.' })
  fmvBandPercent: number = 15;
}

@Resolver(() => FeeReportRow)
export class FeeReportResolver {
  @RequiresScopes('fees:read')
  @Query(() => [FeeReportRow], {
    description:
      'Finance’s monthly fee report over every contract the caller sees (a client key: its own): volume, collections, fee, effective fee per treatment, month-over-month trend, by site and service line, and the minimum, cap and fair-market-value flags.',
  })
  feeReport(
    @Args() { from, to, fmvBandPercent }: FeeReportArgs,
    @Ctx() ctx: RequestContext,
    @Arg('clientId', () => ID, { nullable: true, description: 'Only this client’s contracts.' }) clientId?: string | null,
  ): Promise<FeeReportRow[]> {
    return feeReport(ctx, from, to, clientId ? [clientId] : null, fmvBandPercent);
  }
}
