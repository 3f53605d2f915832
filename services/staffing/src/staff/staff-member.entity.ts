import { Entity, Property } from '@mikro-orm/core';
import { STAFF_ROLES, type StaffRole } from '@infusion/domain-codes';
import { TenantEntity } from '@infusion/subgraph-kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export const StaffRoleEnum = Object.fromEntries(STAFF_ROLES.map((r) => [r, r])) as { [K in StaffRole]: K };
registerEnumType(StaffRoleEnum, {
  name: 'StaffRole',
  description: 'What a staff member does: nurses (RN, LPN), providers who may prescribe and supervise (NP, PA, PHYSICIAN), and support roles.',
});

/** A person who works at a client's infusion sites: nurse, provider, pharmacist or support staff. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person on a client’s infusion staff: nurse, prescribing or supervising provider, pharmacist or support staff.' })
@Entity({ tableName: 'staff_member' })
// `fullName` is listed as optional because it is derived (a getter), never written.
export class StaffMember extends TenantEntity<'npi' | 'active' | 'fullName'> {
  @Field(() => ID, { description: 'Site the staff member normally works at (their roster).' })
  @Property({ type: 'uuid' })
  homeSiteId!: string;

  @Field({ description: 'Given name.' })
  @Property()
  firstName!: string;

  @Field({ description: 'Family name.' })
  @Property()
  lastName!: string;

  @Field(() => StaffRoleEnum, { description: 'Role, which decides what the person may do (e.g. only NP, PA and physicians supervise).' })
  @Property({ type: 'string' })
  role!: StaffRole;

  @Field({ description: 'Work email address, unique within the client.' })
  @Property()
  email!: string;

  @Field(() => String, { nullable: true, description: 'National Provider Identifier (10 digits) for prescribers and billing providers.' })
  @Property({ type: 'string', length: 10, nullable: true })
  npi: string | null = null;

  @Field({ description: 'False once the person has left; kept for history, left off site rosters.' })
  @Property()
  active: boolean = true;

  @Field(() => String, { description: 'First and last name, as shown on day boards.' })
  get fullName(): string {
    return `${this.firstName} ${this.lastName}`;
  }
}
