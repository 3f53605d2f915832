import { Entity, Property } from '@mikro-orm/core';
import { TenantEntity } from '@infusion/subgraph-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Leave of a staff member: no shift may be put in it. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A period a staff member is off work (leave, holiday, sickness); no shift may overlap it.' })
@Entity({ tableName: 'time_off' })
export class TimeOff extends TenantEntity<'reason'> {
  @Field(() => ID, { description: 'Staff member who is off.' })
  @Property({ type: 'uuid' })
  staffMemberId!: string;

  @Field({ description: 'Start of the leave (UTC): local midnight of its first day at the person’s home site.' })
  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Field({ description: 'End of the leave (UTC, exclusive): local midnight after its last day.' })
  @Property({ type: 'datetime' })
  endsAt!: Date;

  @Field(() => String, { nullable: true, description: 'Why, when given.' })
  @Property({ type: 'string', nullable: true })
  reason: string | null = null;
}
