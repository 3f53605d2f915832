import { Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { LICENSE_TYPES, type LicenseType } from './licensure.rules';

export const LicenseTypeEnum = graphqlEnum(LICENSE_TYPES, 'LicenseType', 'Kind of professional licence. Only RN and LPN licences can be multistate (Nurse Licensure Compact).');

/** A professional licence issued by a state board. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A state-issued professional licence of a staff member (nursing or medical).' })
@Entity({ tableName: 'license' })
export class License extends TenantEntity<'multistate'> {
  @Field(() => ID, { description: 'Staff member who holds the licence.' })
  @Property({ type: 'uuid' })
  staffMemberId!: string;

  @Field({ description: 'Two-letter US state whose board issued the licence.' })
  @Property({ length: 2 })
  state!: string;

  @Field({ description: 'Licence number as issued by the board.' })
  @Property()
  number!: string;

  @Field(() => LicenseTypeEnum, { description: 'Kind of licence.' })
  @Property({ type: 'string' })
  type!: LicenseType;

  @Field({ description: 'True for a Nurse Licensure Compact licence, valid in other compact states (RN and LPN only).' })
  @Property()
  multistate: boolean = false;

  @Field(() => LocalDate, { description: 'Last day the licence is valid.' })
  @Property({ type: 'date' })
  expiresOn!: string;
}
