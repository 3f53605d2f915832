import { Entity, Property } from '@mikro-orm/core';
import { TenantEntity } from '@infusion/subgraph-kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { FEES_READ } from './management-contract.entity';

/** One band of treatments per month and its fee per treatment. */
@Directive('@key(fields: "id")')
@Directive(FEES_READ)
@ObjectType({ description: 'A tier of a per-treatment fee schedule: treatments from–to in a month and the fee for each.' })
@Entity({ tableName: 'fee_tier' })
export class FeeTier extends TenantEntity<'toTreatments'> {
  @Field(() => ID, { description: 'Fee schedule the tier belongs to.' })
  @Property({ type: 'uuid' })
  feeScheduleId!: string;

  @Field(() => Int, { description: 'First treatment of the month this tier prices (1 for the first tier).' })
  @Property({ type: 'integer' })
  fromTreatments!: number;

  @Field(() => Int, { nullable: true, description: 'Last treatment of the month this tier prices; null = open-ended.' })
  @Property({ type: 'integer', nullable: true })
  toTreatments: number | null = null;

  @Property({ type: 'decimal', precision: 12, scale: 2 })
  feePerTreatment!: string;
}
