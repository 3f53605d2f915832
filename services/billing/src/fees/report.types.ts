import { LocalDate, Money } from '@infusion/subgraph-kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { TherapyClassEnum } from '../contracts/fee-tier.entity';
import { ManagementContract } from '../contracts/management-contract.entity';
import { Client } from '../references/client.stub';
import { Site } from '../references/site.stub';
import type { MonthActivityRows } from './activity.service';
import type { TherapyClass } from './fee.rules';
import type { PeriodFeeLine } from './period.rules';

@ObjectType({ description: 'A client’s treatments and collections at one site in one month.' })
export class SiteMonthVolume {
  @Field(() => Site, { description: 'The site.' })
  site!: Site;

  @Field(() => Int, { description: 'Treatments given there in the month.' })
  treatments!: number;

  @Field(() => Money, { description: 'Collections received there in the month.' })
  collections!: Money;
}

@ObjectType({ description: 'Treatments of one therapy class (service line) in one month.' })
export class ClassMonthVolume {
  @Field(() => TherapyClassEnum, { description: 'The therapy class.' })
  therapyClass!: TherapyClass;

  @Field(() => Int, { description: 'Treatments of the class in the month.' })
  treatments!: number;
}

@ObjectType({ description: 'The part of a month’s fee priced at one site (per-site tier lines), or, without a site, by the contract as a whole.' })
export class SiteFee {
  @Field(() => Site, { nullable: true, description: 'The site; null for what the contract prices as a whole (tiers over all sites, percentages, flat and fixed fees, minimum, cap).' })
  site!: Site | null;

  @Field(() => Money, { description: 'Sum of those lines.' })
  fee!: Money;
}

@ObjectType({ description: 'The part of a month’s fee priced on one therapy class (service line) by its own tier table, or, without a class, on all classes together.' })
export class ClassFee {
  @Field(() => TherapyClassEnum, { nullable: true, description: 'The class; null for lines not tied to one class (general tiers, percentages, flat and fixed fees, minimum, cap).' })
  therapyClass!: TherapyClass | null;

  @Field(() => Money, { description: 'Sum of those lines.' })
  fee!: Money;
}

@ObjectType({ description: 'One contract’s month for finance: volume, collections, the fee as it would be invoiced, and the flags that need a look.' })
export class FeeReportRow {
  @Field(() => ManagementContract, { description: 'The contract.' })
  contract!: ManagementContract;

  @Field(() => Client, { description: 'Its client.' })
  client!: Client;

  @Field(() => ID, { description: 'Id of the client (for grouping without another lookup).' })
  clientId!: string;

  @Field(() => LocalDate, { description: 'First day of the month.' })
  month!: string;

  @Field(() => Int, { description: 'Treatments the fee counted (covered sites and days).' })
  treatments!: number;

  @Field(() => Money, { description: 'Collections the fee counted.' })
  collections!: Money;

  @Field(() => Money, { description: 'The month’s fee as the engine prices it now (the fixed annual share included).' })
  fee!: Money;

  @Field(() => Money, { nullable: true, description: 'Fee ÷ treatments; null without treatments.' })
  effectiveFeePerTreatment!: Money | null;

  @Field(() => Money, { nullable: true, description: 'The month before’s fee, for the trend.' })
  previousFee!: Money | null;

  @Field(() => String, { nullable: true, description: 'Change of the fee from the month before, in percent with two decimals; null when that was zero.' })
  feeChangePercent!: string | null;

  @Field(() => String, { nullable: true, description: 'Change of treatments from the month before, in percent with two decimals; null when that was zero.' })
  treatmentsChangePercent!: string | null;

  @Field(() => Money, { description: 'Collections minus fee: what the client keeps of what it collected.' })
  collectionsLessFee!: Money;

  @Field({ description: 'The fee is at the monthly minimum or within 10% above it.' })
  nearMinimum!: boolean;

  @Field({ description: 'The fee is at the monthly cap or within 10% below it.' })
  nearCap!: boolean;

  @Field({
    description: 'Fair-market-value guard: the effective fee per treatment moved more than the band (fmvBandPercent) from the month before.',
  })
  outsideFmvBand!: boolean;

  /** The client's rows of the month as the report read them (every site, covered or not): the
   *  drill-down by site and class is built from them, and from the lines, only when asked. */
  activity!: MonthActivityRows;

  /** The engine's lines of the month. */
  lines!: PeriodFeeLine[];
}
