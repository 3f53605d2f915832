import { Entity, Property } from '@mikro-orm/core';
import { TenantEntity } from '@infusion/subgraph-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A treatment chair (or bed) at a site; scheduling books appointments into it. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'An infusion chair at a site.' })
@Entity({ tableName: 'chair' })
export class Chair extends TenantEntity<'privateRoom' | 'active' | 'retiredAt' | 'retirementReason'> {
  @Field(() => ID, { description: 'Site the chair stands in.' })
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field({ description: 'Label shown on the day board, unique within the site.' })
  @Property()
  label!: string;

  @Field({ description: 'True when the chair is in a private room (long or isolating infusions).' })
  @Property()
  privateRoom: boolean = false;

  @Field({ description: 'False when the chair is out of service and cannot be booked.' })
  @Property()
  active: boolean = true;

  @Field(() => Date, { nullable: true, description: 'When the chair was retired for good (UTC); null while in use.' })
  @Property({ type: 'datetime', nullable: true })
  retiredAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Why the chair was retired.' })
  @Property({ type: 'text', nullable: true })
  retirementReason: string | null = null;
}
