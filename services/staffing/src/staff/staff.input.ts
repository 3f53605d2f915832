import type { StaffRole } from '@infusion/domain-codes';
import { LocalDate, MaxText } from '@infusion/subgraph-kit';
import { Field, ID, InputType } from 'type-graphql';
import { LicenseTypeEnum } from './license.entity';
import type { LicenseType } from './licensure.rules';
import { EmploymentTypeEnum, StaffRoleEnum } from './staff-member.entity';
import type { EmploymentType } from './staff.rules';

@InputType({ description: 'A person joining a client’s infusion staff.' })
export class NewStaffMemberInput {
  @Field(() => ID, { description: 'Client the person works for.' })
  clientId!: string;

  @Field(() => ID, { description: 'Site the person normally works at (a site of that client).' })
  homeSiteId!: string;

  @MaxText('name')
  @Field({ description: 'Given name.' })
  firstName!: string;

  @MaxText('name')
  @Field({ description: 'Family name.' })
  lastName!: string;

  @Field(() => StaffRoleEnum, { description: 'Role.' })
  role!: StaffRole;

  @MaxText('email')
  @Field({ description: 'Work email address, unique within the client.' })
  email!: string;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'National Provider Identifier (10 digits); required for NP, PA and physicians.' })
  npi?: string | null;

  @Field(() => EmploymentTypeEnum, { nullable: true, description: 'Employee (default), agency or contract staff.' })
  employment?: EmploymentType | null;

  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'Staffing agency that supplies the person; required for AGENCY staff.' })
  agencyName?: string | null;

  @MaxText('code')
  @Field({ description: 'What an hour of this person’s time costs, in US dollars as a decimal string, e.g. "48.50" (agency rate for agency staff).' })
  hourlyCost!: string;
}

@InputType({ description: 'Changes to a staff member; fields left out stay as they are.' })
export class StaffMemberChangesInput {
  @Field(() => ID, { nullable: true, description: 'New home site (a site of the same client).' })
  homeSiteId?: string | null;

  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'Given name.' })
  firstName?: string | null;

  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'Family name.' })
  lastName?: string | null;

  @Field(() => StaffRoleEnum, { nullable: true, description: 'Role.' })
  role?: StaffRole | null;

  @MaxText('email')
  @Field(() => String, { nullable: true, description: 'Work email address.' })
  email?: string | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'National Provider Identifier (10 digits).' })
  npi?: string | null;

  @Field(() => EmploymentTypeEnum, { nullable: true, description: 'Employee, agency or contract staff.' })
  employment?: EmploymentType | null;

  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'Staffing agency; an empty string removes it.' })
  agencyName?: string | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Hourly cost in US dollars, e.g. "52.00"; applies to labour cost from now on and to past weeks asked again.' })
  hourlyCost?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'False when the person leaves (kept for history, off rosters, not put on new shifts).' })
  active?: boolean | null;
}

@InputType({ description: 'A professional licence issued by a state board.' })
export class NewLicenseInput {
  @Field(() => ID, { description: 'Staff member who holds it.' })
  staffMemberId!: string;

  @MaxText('code')
  @Field({ description: 'Two-letter code of the issuing state, e.g. TX.' })
  state!: string;

  @MaxText('name')
  @Field({ description: 'Licence number as issued.' })
  number!: string;

  @Field(() => LicenseTypeEnum, { description: 'Kind of licence.' })
  type!: LicenseType;

  @Field(() => Boolean, { nullable: true, description: 'True for a multistate (Nurse Licensure Compact) RN/LPN licence from a compact state; default false.' })
  multistate?: boolean | null;

  @Field(() => LocalDate, { description: 'Last day the licence is valid.' })
  expiresOn!: string;
}

@InputType({ description: 'A competency or certification with its expiry.' })
export class NewCompetencyInput {
  @Field(() => ID, { description: 'Staff member who holds it.' })
  staffMemberId!: string;

  @MaxText('code')
  @Field({ description: 'Kind, e.g. BIOTHERAPY, CHEMOTHERAPY, PORT_ACCESS, BLS, ACLS (letters, digits, underscores).' })
  kind!: string;

  @Field(() => LocalDate, { description: 'Last day it is valid.' })
  expiresOn!: string;
}
