import { Entity, Property } from '@mikro-orm/core';
import { TenantEntity } from '@infusion/subgraph-kit';
import { Field, ID, ObjectType } from 'type-graphql';

/** A soft booking rule that ops overrode for a visit, and why. */
@ObjectType({ description: 'A soft booking rule overridden for a visit, with the reason given.' })
@Entity({ tableName: 'booking_override' })
export class BookingOverride extends TenantEntity {
  @Field(() => ID, { description: 'The visit booked despite the rule.' })
  @Property({ type: 'uuid' })
  appointmentId!: string;

  /** The visit's site (kept equal by a foreign key): site limits apply through it. */
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field({ description: 'Rule code, e.g. PRIOR_AUTH_MISSING.' })
  @Property()
  ruleCode!: string;

  @Field({ description: 'What the rule found.' })
  @Property({ type: 'text' })
  detail!: string;

  @Field({ description: 'Why ops booked anyway.' })
  @Property({ type: 'text' })
  reason!: string;

  @Field({ description: 'Who overrode it (principal name).' })
  @Property()
  overriddenBy!: string;
}
