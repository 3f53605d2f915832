import { Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity } from '@infusion/subgraph-kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** A patient's insurance with one payer, as benefits verification confirmed it. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A patient’s insurance coverage with one payer (primary or secondary).' })
@Entity({ tableName: 'coverage' })
export class Coverage extends TenantEntity<'effectiveTo'> {
  @Field(() => ID, { description: 'Patient covered (owned by scheduling).' })
  @Property({ type: 'uuid' })
  patientId!: string;

  /** The patient's home site, copied from scheduling: site limits apply to coverages through it. */
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => ID, { description: 'Payer of the coverage.' })
  @Property({ type: 'uuid' })
  payerId!: string;

  @Field({ description: 'Member (subscriber) id on the patient’s insurance card.' })
  @Property()
  memberId!: string;

  @Field({ description: 'Plan name, e.g. Original Medicare Part B.' })
  @Property()
  planName!: string;

  @Field(() => Int, { description: 'Order of billing: 1 primary, 2 secondary.' })
  @Property({ type: 'integer' })
  priority!: number;

  @Field(() => LocalDate, { description: 'First day covered.' })
  @Property({ type: 'date' })
  effectiveFrom!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Last day covered; null while open-ended.' })
  @Property({ type: 'date', nullable: true })
  effectiveTo: string | null = null;
}
