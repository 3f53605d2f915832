import { InRange, MaxItems, MaxText } from '@infusion/subgraph-kit';
import { BookingRuleOverrideInput } from '../booking-rules/booking-override.input';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import type { BookingRequest, RescheduleRequest } from './appointment.service';

@InputType({ description: 'A dose of a therapy order to book into a chair with a nurse.' })
export class BookAppointmentInput implements BookingRequest {
  @Field(() => ID, { description: 'Client the visit is for.' })
  clientId!: string;

  @Field(() => ID, { description: 'Site where the visit takes place.' })
  siteId!: string;

  @Field(() => ID, { description: 'Chair to hold.' })
  chairId!: string;

  @Field(() => ID, { description: 'Nurse to assign.' })
  nurseId!: string;

  @Field(() => ID, { description: 'Patient to treat; must be the order’s patient.' })
  patientId!: string;

  @Field(() => ID, { description: 'Therapy order the dose belongs to.' })
  orderId!: string;

  @Field({ description: 'When the chair is taken (UTC); must be in the future.' })
  startsAt!: Date;

  @Field({ description: 'When the chair is free again (UTC); after `startsAt`.' })
  endsAt!: Date;

  @MaxItems(10)
  @Field(() => [BookingRuleOverrideInput], { nullable: true, description: 'Soft booking rules to book past, each with a reason (ops users only; FORBIDDEN for API keys).' })
  overrides?: BookingRuleOverrideInput[] | null;
}

@ArgsType()
export class CancelAppointmentArgs {
  @Field(() => ID, { description: 'Appointment to cancel.' })
  id!: string;

  @MaxText('freeText')
  @Field({ description: 'Why it is cancelled.' })
  reason!: string;

  // Versions start at 1 and grow by one per change.
  @InRange(1, 2_147_483_647)
  @Field(() => Int, { nullable: true, description: 'The version the caller last read; refuses the change if it has moved on.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'A new time (and optionally chair and nurse) for a visit; the old visit is kept as RESCHEDULED.' })
export class RescheduleAppointmentInput implements RescheduleRequest {
  @Field(() => ID, { description: 'Appointment to move.' })
  id!: string;

  @Field({ description: 'New start (UTC); must be in the future.' })
  startsAt!: Date;

  @Field(() => Date, { nullable: true, description: 'New end (UTC); the same chair time as before when omitted.' })
  endsAt?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Another chair at the same site; the same chair when omitted.' })
  chairId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Another nurse; the same nurse when omitted.' })
  nurseId?: string | null;

  @MaxText('freeText')
  @Field({ description: 'Why the visit moves.' })
  reason!: string;

  @InRange(1, 2_147_483_647)
  @Field(() => Int, { nullable: true, description: 'The version the caller last read; refuses the change if it has moved on.' })
  expectedVersion?: number | null;

  @MaxItems(10)
  @Field(() => [BookingRuleOverrideInput], { nullable: true, description: 'Soft booking rules to book past, each with a reason (ops users only; FORBIDDEN for API keys).' })
  overrides?: BookingRuleOverrideInput[] | null;
}
