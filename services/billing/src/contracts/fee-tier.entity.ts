import { Entity, Property } from '@mikro-orm/core';
import { TenantEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { THERAPY_CLASSES, type TherapyClass } from '../fees/fee.rules';
import { FEES_READ } from './management-contract.entity';

export const TherapyClassEnum = graphqlEnum(THERAPY_CLASSES, 'TherapyClass', 'The class a treatment is counted in for fees, from its administration: HYDRATION for hydration lines whatever the indication, otherwise the order’s indication family (ONCOLOGY or NON_ONCOLOGY).');

/** One band of treatments per month and its fee per treatment. */
@Directive('@key(fields: "id")')
@Directive(FEES_READ)
@ObjectType({ description: 'A tier of a per-treatment fee schedule: treatments from–to in a month and the fee for each.' })
@Entity({ tableName: 'fee_tier' })
export class FeeTier extends TenantEntity<'toTreatments' | 'therapyClass'> {
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

  @Field(() => TherapyClassEnum, { nullable: true, description: 'The therapy class whose treatments this tier prices; null = every class without tiers of its own.' })
  @Property({ type: 'string', nullable: true })
  therapyClass: TherapyClass | null = null;
}
