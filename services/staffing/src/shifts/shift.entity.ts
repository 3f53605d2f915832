import { Entity, Property } from '@mikro-orm/core';
import { TenantEntity } from '@infusion/subgraph-kit';
import type { StaffRole } from '@infusion/domain-codes';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { StaffRoleEnum } from '../staff/staff-member.entity';

/** A staff member rostered at a site for a period of time. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A period a staff member is on duty at a site.' })
@Entity({ tableName: 'shift' })
export class Shift extends TenantEntity {
  @Field(() => ID, { description: 'Site where the shift is worked.' })
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => ID, { description: 'Staff member on duty.' })
  @Property({ type: 'uuid' })
  staffMemberId!: string;

  @Field(() => StaffRoleEnum, { description: 'Role worked on this shift (an RN may work an LPN or medical-assistant shift).' })
  @Property({ type: 'string' })
  role!: StaffRole;

  @Field({ description: 'When the shift starts (UTC).' })
  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Field({ description: 'When the shift ends (UTC); always after the start.' })
  @Property({ type: 'datetime' })
  endsAt!: Date;
}
