import { Field, ID, InputType } from 'type-graphql';
import type { BookingRequest } from './appointment.service';

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
}
