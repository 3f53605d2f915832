import { Entity, Property } from '@mikro-orm/core';
import { STAFF_ROLES, type StaffRole } from '@infusion/domain-codes';
import { TenantEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { EMPLOYMENT_TYPES, type EmploymentType } from './staff.rules';

export const StaffRoleEnum = graphqlEnum(STAFF_ROLES, 'StaffRole', 'What a staff member does: nurses (RN, LPN), medical assistants, providers who may prescribe and supervise (NP, PA, PHYSICIAN), and support roles.');

export const EmploymentTypeEnum = graphqlEnum(
  EMPLOYMENT_TYPES,
  'EmploymentType',
  'How a staff member is engaged: EMPLOYEE of the client or operator, AGENCY (supplied and billed by a staffing agency, which is named), or CONTRACT (an individual contractor).',
);

/** A person who works at a client's infusion sites: nurse, provider, pharmacist or support staff. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person on a client’s infusion staff: nurse, prescribing or supervising provider, pharmacist or support staff.' })
@Entity({ tableName: 'staff_member' })
// `fullName` is listed as optional because it is derived (a getter), never written.
export class StaffMember extends TenantEntity<'npi' | 'active' | 'fullName' | 'employment' | 'agencyName'> {
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

  @Field(() => EmploymentTypeEnum, { description: 'Employee, agency or contract staff.' })
  @Property({ type: 'string' })
  employment: EmploymentType = 'EMPLOYEE';

  @Field(() => String, { nullable: true, description: 'Staffing agency that supplies the person (AGENCY staff always, CONTRACT staff optionally).' })
  @Property({ type: 'string', nullable: true })
  agencyName: string | null = null;

  /** What an hour of this person's time costs the operator, numeric(8,2) as a decimal string; exposed as Money. */
  @Property({ type: 'decimal', precision: 8, scale: 2 })
  hourlyCost!: string;

  @Field(() => String, { description: 'First and last name, as shown on day boards.' })
  get fullName(): string {
    return `${this.firstName} ${this.lastName}`;
  }
}
