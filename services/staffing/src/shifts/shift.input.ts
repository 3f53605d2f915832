import type { StaffRole } from '@infusion/domain-codes';
import { LocalDate, MaxText } from '@infusion/subgraph-kit';
import { Field, ID, InputType } from 'type-graphql';
import { StaffRoleEnum } from '../staff/staff-member.entity';

/**
 * When something happens at a site, as rosters are written: the site's local date and 24-hour
 * "HH:MM" times in the site's time zone. An end at or before the start is on the next day; a time
 * skipped by daylight saving is refused; a repeated one means its first occurrence.
 */
@InputType({ description: 'A period at a site in the site’s local time.' })
export class LocalPeriodInput {
  @Field(() => LocalDate, { description: 'Local date the period starts on, at the site.' })
  date!: string;

  @MaxText('code')
  @Field({ description: 'Local start time, 24-hour "HH:MM" (e.g. 07:30). A time that does not exist that day (spring forward) is refused; one that exists twice (fall back) means the first.' })
  startTime!: string;

  @MaxText('code')
  @Field({ description: 'Local end time, 24-hour "HH:MM"; at or before `startTime` means the next day.' })
  endTime!: string;
}

@InputType({ description: 'A shift to put a staff member on at a site.' })
export class NewShiftInput extends LocalPeriodInput {
  @Field(() => ID, { description: 'Site where the shift is worked (a site of the staff member’s client).' })
  siteId!: string;

  @Field(() => ID, { description: 'Staff member to put on the shift (active, not on time off then).' })
  staffMemberId!: string;

  @Field(() => StaffRoleEnum, { nullable: true, description: 'Role worked; default the person’s own role (an RN may work an LPN or medical-assistant shift).' })
  role?: StaffRole | null;
}

@InputType({ description: 'New times (and optionally role) of a shift, in the site’s local time.' })
export class ShiftChangesInput extends LocalPeriodInput {
  @Field(() => StaffRoleEnum, { nullable: true, description: 'Role worked; left out, it stays.' })
  role?: StaffRole | null;
}

@InputType({ description: 'A supervising provider covering a site for a period, in the site’s local time.' })
export class NewSupervisionCoverageInput extends LocalPeriodInput {
  @Field(() => ID, { description: 'Site covered.' })
  siteId!: string;

  @Field(() => ID, { description: 'Supervising provider (physician, NP or PA of the same client, licensed in the site’s state).' })
  providerId!: string;
}
