import type { StaffRole } from '@infusion/domain-codes';
import { LocalDate, Money, graphqlEnum } from '@infusion/subgraph-kit';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Site } from '../references/site.stub';
import { Shift } from '../shifts/shift.entity';
import { Competency } from '../staff/competency.entity';
import { License } from '../staff/license.entity';
import { StaffMember, StaffRoleEnum } from '../staff/staff-member.entity';
import { SupervisionCoverage } from '../supervision/supervision-coverage.entity';
import { TimeOff } from '../time-off/time-off.entity';

@ObjectType({ description: 'Who works at a site in a window: shifts, supervising providers’ cover, and the time off of the people on it.' })
export class SiteRoster {
  @Field(() => Site, { description: 'The site.' })
  site!: Site;

  @Field({ description: 'Window start (UTC).' })
  from!: Date;

  @Field({ description: 'Window end (UTC, exclusive).' })
  to!: Date;

  @Field(() => [Shift], { description: 'Shifts at the site overlapping the window, in time order.' })
  shifts!: Shift[];

  @Field(() => [SupervisionCoverage], { description: 'Supervising providers’ coverage at the site overlapping the window, in time order.' })
  supervisionCoverage!: SupervisionCoverage[];

  @Field(() => [TimeOff], { description: 'Time off overlapping the window of staff based at the site or on its shifts.' })
  timeOff!: TimeOff[];
}

@ObjectType({ description: 'Staffing at a site for one hour: nurses on shift against chairs booked and the chairs-per-nurse target, and supervision.' })
export class CoverageHour {
  @Field({ description: 'Start of the hour (UTC).' })
  startsAt!: Date;

  @Field({ description: 'End of the hour (UTC); the last row of a window may be shorter.' })
  endsAt!: Date;

  @Field(() => Int, { description: 'Nurses (RN or LPN shifts) on shift at any time in the hour.' })
  nursesOnShift!: number;

  @Field(() => Int, { description: 'Chairs with a booking (not cancelled or missed) in the hour, from scheduling.' })
  chairsBooked!: number;

  @Field(() => Float, { description: 'The site’s target of chairs per nurse.' })
  chairsPerNurse!: number;

  @Field(() => Int, { description: 'Chairs the nurses on shift can cover at that target (rounded down).' })
  nurseCapacity!: number;

  @Field({ description: 'True when more chairs are booked than the nurses on shift can cover.' })
  understaffed!: boolean;

  @Field({ description: 'True when the site requires DIRECT supervision and nurses work or chairs are booked in the hour.' })
  supervisionRequired!: boolean;

  @Field({ description: 'True unless supervision is required and some minute of nursing or booked chair time in the hour has no supervising provider’s cover.' })
  supervisionMet!: boolean;
}

export const CREDENTIAL_KINDS = ['LICENSE', 'COMPETENCY'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];
export const CredentialKindEnum = graphqlEnum(CREDENTIAL_KINDS, 'CredentialKind', 'A state licence or a competency/certification.');

@ObjectType({ description: 'A licence or competency of an active staff member that expires soon.' })
export class ExpiringCredential {
  @Field(() => CredentialKindEnum, { description: 'Licence or competency.' })
  credential!: CredentialKind;

  @Field({ description: 'What it is: the licence’s state and type (e.g. "TX REGISTERED_NURSE") or the competency’s kind.' })
  name!: string;

  @Field(() => LocalDate, { description: 'Last day it is valid.' })
  expiresOn!: string;

  @Field(() => Int, { description: 'Days from today (UTC) to its last valid day; 0 when it lapses after today.' })
  daysLeft!: number;

  @Field(() => ID, { description: 'Client of the staff member.' })
  clientId!: string;

  @Field(() => StaffMember, { description: 'Who holds it.' })
  staffMember!: StaffMember;

  @Field(() => License, { nullable: true, description: 'The licence, for a licence.' })
  license!: License | null;

  @Field(() => Competency, { nullable: true, description: 'The competency, for a competency.' })
  competency!: Competency | null;
}

@ObjectType({ description: 'A period when nurses work (or chairs are booked) at a site that requires DIRECT supervision and no supervising provider covers it.' })
export class SupervisionGap {
  @Field(() => Site, { description: 'The site.' })
  site!: Site;

  @Field({ description: 'Start of the uncovered period (UTC).' })
  startsAt!: Date;

  @Field({ description: 'End of the uncovered period (UTC).' })
  endsAt!: Date;

  @Field(() => Int, { description: 'Length in minutes.' })
  minutes!: number;
}

@ObjectType({ description: 'What in staffing needs attention soon, across every client and site the caller may see.' })
export class StaffingAttention {
  @Field(() => Int, { description: 'How many days ahead this looks.' })
  withinDays!: number;

  @Field(() => [ExpiringCredential], { description: 'Licences and competencies of active staff expiring from today to `withinDays` ahead, soonest first.' })
  expiringCredentials!: ExpiringCredential[];

  @Field(() => [SupervisionGap], { description: 'Uncovered supervision at DIRECT-supervision sites from now to `withinDays` ahead, in time order.' })
  supervisionGaps!: SupervisionGap[];
}

@ObjectType({ description: 'Labour cost of one role’s shifts in the week.' })
export class LabourCostLine {
  @Field(() => StaffRoleEnum, { description: 'Role worked.' })
  role!: StaffRole;

  @Field(() => Int, { description: 'Shifts worked in that role.' })
  shifts!: number;

  @Field(() => Float, { description: 'Hours worked.' })
  hours!: number;

  @Field(() => Money, { description: 'Cost of those hours at each person’s hourly cost.' })
  cost!: Money;
}

@ObjectType({ description: 'Labour cost of a site for one local week, from its shifts and each person’s hourly cost (feeds the per-site P&L).' })
export class LabourCostWeek {
  @Field(() => Site, { description: 'The site.' })
  site!: Site;

  @Field(() => LocalDate, { description: 'First local day of the week.' })
  weekStarting!: string;

  @Field(() => Int, { description: 'Shifts that start in the week.' })
  shifts!: number;

  @Field(() => Float, { description: 'Hours of those shifts.' })
  hours!: number;

  @Field(() => Money, { description: 'Total cost (the sum of the role lines).' })
  cost!: Money;

  @Field(() => [LabourCostLine], { description: 'Cost per role worked.' })
  byRole!: LabourCostLine[];
}
