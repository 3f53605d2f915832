import { InRange, LocalDate, RequiresScopes, type RequestContext } from '@infusion/subgraph-kit';
import { Arg, ArgsType, Args, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { feeByClass, feeBySite, feeReport, volumeByClass, volumeBySite } from './report.service';
import { ClassFee, ClassMonthVolume, FeeReportRow, SiteFee, SiteMonthVolume } from './report.types';

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

  // The drill-down is built only for the rows and fields a query asks for: most reports ask
  // for the totals of every contract, and building it for each of 200 rows was wasted work.
  @FieldResolver(() => [SiteMonthVolume], { description: 'The client’s volume and collections by site in the month.' })
  bySite(@Root() row: FeeReportRow): SiteMonthVolume[] {
    return volumeBySite(row);
  }

  @FieldResolver(() => [ClassMonthVolume], { description: 'The client’s treatments by therapy class (service line) in the month.' })
  byTherapyClass(@Root() row: FeeReportRow): ClassMonthVolume[] {
    return volumeByClass(row);
  }

  @FieldResolver(() => [SiteFee], {
    description: 'The fee split by site as the engine priced it: lines of per-site tiers under their site, every other line under no site (never an apportionment); the parts add up to `fee`.',
  })
  feeBySite(@Root() row: FeeReportRow): SiteFee[] {
    return feeBySite(row);
  }

  @FieldResolver(() => [ClassFee], {
    description: 'The fee split by therapy class (service line) as the engine priced it: lines of a class’s own tier table under the class, every other line under none; the parts add up to `fee`.',
  })
  feeByTherapyClass(@Root() row: FeeReportRow): ClassFee[] {
    return feeByClass(row);
  }
}
