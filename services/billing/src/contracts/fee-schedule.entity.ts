import { Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { FEE_BASES, type FeeBasis } from '../fees/fee.rules';
import { FEES_READ } from './management-contract.entity';

export const FeeBasisEnum = graphqlEnum(FEE_BASES, 'FeeBasis', 'The main component of the fee: graduated per-treatment tiers (each treatment at its own tier), volume tiers (all treatments at the tier the total reaches), percent of collections (flat or tiered), a flat fee per site, or FIXED_COMPONENTS: only the flat and fixed components given (per site, per chair, fixed annual fee; none = a fee holiday).');

/**
 * What a contract's services cost each month. Amounts are numeric(12,2) in SQL and decimal
 * strings here; GraphQL exposes them as Money through the resolver.
 */
@Directive('@key(fields: "id")')
@Directive(FEES_READ)
@ObjectType({
  description:
    'One version of the fee schedule of a management contract, in force from its effective date until the next version: basis, tiers, flat and fixed fees, monthly minimum and cap.',
})
@Entity({ tableName: 'fee_schedule' })
export class FeeSchedule extends TenantEntity<
  'percent' | 'monthlyMinimum' | 'monthlyCap' | 'flatPerSiteMonthly' | 'flatPerChairMonthly' | 'fixedAnnualFee' | 'collectionsFloor' | 'tiersPerSite'
> {
  @Field(() => ID, { description: 'Management contract the schedule prices.' })
  @Property({ type: 'uuid' })
  contractId!: string;

  @Field(() => LocalDate, { description: 'First day this version prices; it prices every day until the next version takes effect.' })
  @Property({ type: 'date' })
  effectiveFrom!: string;

  @Field(() => FeeBasisEnum, { description: 'How the monthly fee is computed.' })
  @Property({ type: 'string' })
  basis!: FeeBasis;

  @Field(() => String, { nullable: true, description: 'Percent of collections as a decimal string, e.g. "8.00" (PERCENT_OF_COLLECTIONS only).' })
  @Property({ type: 'decimal', precision: 5, scale: 2, nullable: true })
  percent: string | null = null;

  @Property({ type: 'decimal', precision: 12, scale: 2, nullable: true })
  monthlyMinimum: string | null = null;

  @Property({ type: 'decimal', precision: 12, scale: 2, nullable: true })
  monthlyCap: string | null = null;

  @Property({ type: 'decimal', precision: 12, scale: 2, nullable: true })
  flatPerSiteMonthly: string | null = null;

  @Property({ type: 'decimal', precision: 12, scale: 2, nullable: true })
  flatPerChairMonthly: string | null = null;

  @Property({ type: 'decimal', precision: 12, scale: 2, nullable: true })
  fixedAnnualFee: string | null = null;

  @Property({ type: 'decimal', precision: 12, scale: 2, nullable: true })
  collectionsFloor: string | null = null;

  @Field({ description: 'Whether tiers count each site’s treatments separately (otherwise all the contract’s sites together).' })
  @Property({ type: 'boolean' })
  tiersPerSite: boolean = false;
}
