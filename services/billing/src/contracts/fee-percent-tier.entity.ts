import { Entity, Property } from '@mikro-orm/core';
import { TenantEntity } from '@infusion/subgraph-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { FEES_READ } from './management-contract.entity';

/** One band of a month's collections and the percentage taken of the collections inside it. */
@Directive('@key(fields: "id")')
@Directive(FEES_READ)
@ObjectType({ description: 'A band of a tiered percentage-of-collections fee: the percentage of the month’s collections that fall inside the band.' })
@Entity({ tableName: 'fee_percent_tier' })
export class FeePercentTier extends TenantEntity<'upToCollections'> {
  @Field(() => ID, { description: 'Fee schedule the band belongs to.' })
  @Property({ type: 'uuid' })
  feeScheduleId!: string;

  /** Upper end of the band (inclusive); the band starts where the previous ends; null = open-ended. */
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  upToCollections: string | null = null;

  @Field({ description: 'Percentage of the collections inside the band, as a decimal string, e.g. "6.00".' })
  @Property({ type: 'decimal', precision: 5, scale: 2 })
  percent!: string;
}
