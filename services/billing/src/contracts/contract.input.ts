import { InRange, LocalDate, MaxItems, MaxText } from '@infusion/subgraph-kit';
import { ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { FeeBasisEnum } from './fee-schedule.entity';
import { TherapyClassEnum } from './fee-tier.entity';
import { BillingPeriodEnum, ManagedServiceEnum, type BillingPeriod, type ManagedService } from './management-contract.entity';
import type { FeeBasis, TherapyClass } from '../fees/fee.rules';

@InputType({ description: 'A site a contract covers, from and to which day.' })
export class ContractSiteInput {
  @Field(() => ID, { description: 'The site (owned by facilities); must be the contract client’s.' })
  siteId!: string;

  @Field(() => LocalDate, { nullable: true, description: 'First day covered; the contract’s first day when left out.' })
  coveredFrom?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Last day covered; open-ended when left out.' })
  coveredTo?: string | null;
}

@InputType({ description: 'A new management contract with a client.' })
export class CreateManagementContractInput {
  @Field(() => ID, { description: 'The client (owned by facilities).' })
  clientId!: string;

  @MaxText('name')
  @Field({ description: 'Contract name, unique per client.' })
  name!: string;

  @MaxItems(20)
  @Field(() => [ManagedServiceEnum], { description: 'Services the operator performs under the contract (at least one).' })
  services!: ManagedService[];

  @Field(() => LocalDate, { description: 'First day in force.' })
  effectiveFrom!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Last day in force; open-ended when left out.' })
  effectiveTo?: string | null;

  @Field(() => BillingPeriodEnum, { nullable: true, description: 'How often the client is invoiced; MONTHLY when left out.' })
  billingPeriod?: BillingPeriod | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'ISO 4217 currency, e.g. "USD"; USD when left out.' })
  currency?: string | null;

  @MaxItems(1000)
  @ValidateNested({ each: true })
  @Field(() => [ContractSiteInput], { nullable: true, description: 'Sites covered; none when left out (add them with setContractSites).' })
  sites?: ContractSiteInput[] | null;
}

@InputType({ description: 'Changes to a management contract; fields left out stay as they are.' })
export class UpdateManagementContractInput {
  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @MaxItems(20)
  @Field(() => [ManagedServiceEnum], { nullable: true, description: 'New list of services performed.' })
  services?: ManagedService[] | null;

  @Field(() => LocalDate, { nullable: true, description: 'New last day in force (ends or extends the contract).' })
  effectiveTo?: string | null;

  @Field(() => BillingPeriodEnum, { nullable: true, description: 'New billing period.' })
  billingPeriod?: BillingPeriod | null;
}

@InputType({ description: 'A band of per-treatment fees.' })
export class FeeTierInput {
  @InRange(1, 1_000_000)
  @Field(() => Int, { description: 'First treatment of the month in the band (1 for the first band).' })
  fromTreatments!: number;

  @InRange(1, 1_000_000)
  @Field(() => Int, { nullable: true, description: 'Last treatment of the month in the band; open-ended when left out (last band only).' })
  toTreatments?: number | null;

  @MaxText('code')
  @Field({ description: 'Fee per treatment as a decimal string, e.g. "85.00".' })
  feePerTreatment!: string;

  @Field(() => TherapyClassEnum, { nullable: true, description: 'Only treatments of this class; left out for the general table.' })
  therapyClass?: TherapyClass | null;
}

@InputType({ description: 'A band of a tiered percentage of collections.' })
export class FeePercentTierInput {
  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Upper end of the band (inclusive) as a decimal string; open-ended when left out (last band only).' })
  upToCollections?: string | null;

  @MaxText('code')
  @Field({ description: 'Percentage of the collections inside the band, e.g. "6.00".' })
  percent!: string;
}

/** Amounts are decimal strings with at most two decimals; the fee rules refuse other shapes. */
@InputType({ description: 'The terms of a fee schedule: its basis and the components that combine with it.' })
export class FeeScheduleTermsInput {
  @Field(() => FeeBasisEnum, { description: 'Main component of the fee.' })
  basis!: FeeBasis;

  @MaxItems(100)
  @ValidateNested({ each: true })
  @Field(() => [FeeTierInput], { nullable: true, description: 'Per-treatment bands (per-treatment bases only).' })
  tiers?: FeeTierInput[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Count each site’s treatments against the tiers separately.' })
  tiersPerSite?: boolean | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'One percentage of collections, e.g. "8.00" (PERCENT_OF_COLLECTIONS, instead of percentTiers).' })
  percent?: string | null;

  @MaxItems(20)
  @ValidateNested({ each: true })
  @Field(() => [FeePercentTierInput], { nullable: true, description: 'Tiered percentage of collections (PERCENT_OF_COLLECTIONS, instead of percent).' })
  percentTiers?: FeePercentTierInput[] | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Floor of the percentage-of-collections component alone.' })
  collectionsFloor?: string | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Flat monthly fee per covered site.' })
  flatPerSiteMonthly?: string | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Flat monthly fee per chair at the covered sites.' })
  flatPerChairMonthly?: string | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Fixed fee a year, billed a quarter at a time and prorated by days.' })
  fixedAnnualFee?: string | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Floor of each month’s fee (prorated for a partial month).' })
  monthlyMinimum?: string | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Ceiling of each month’s fee at fair market value (prorated for a partial month).' })
  monthlyCap?: string | null;
}

@InputType({ description: 'A new version of a contract’s fee schedule, in force from its date until the next version.' })
export class AmendFeeScheduleInput extends FeeScheduleTermsInput {
  @Field(() => LocalDate, { description: 'First day the new terms price; the days before keep the terms in force then.' })
  effectiveFrom!: string;
}

@InputType({ description: 'A month’s activity to price a proposal against.' })
export class FeeActivityInput {
  @InRange(0, 1_000_000)
  @Field(() => Int, { description: 'Treatments in the month (of the general class, or all when no class is given).' })
  treatments!: number;

  @InRange(0, 1_000_000)
  @Field(() => Int, { nullable: true, description: 'Of these, oncology treatments.' })
  oncologyTreatments?: number | null;

  @InRange(0, 1_000_000)
  @Field(() => Int, { nullable: true, description: 'Of these, hydration treatments.' })
  hydrationTreatments?: number | null;

  @InRange(0, 10_000)
  @Field(() => Int, { description: 'Sites in service.' })
  activeSites!: number;

  @InRange(0, 100_000)
  @Field(() => Int, { nullable: true, description: 'Chairs in service at those sites.' })
  chairs?: number | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Collections in the month as a decimal string.' })
  collections?: string | null;

  @InRange(1, 31)
  @Field(() => Int, { nullable: true, description: 'Days of the month the contract is active (from its first day); the whole month when left out.' })
  daysActive?: number | null;
}
