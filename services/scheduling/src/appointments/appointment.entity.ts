import { Entity, Property } from '@mikro-orm/core';
import { TenantEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { APPOINTMENT_STATUSES, type AppointmentStatus } from './appointment.rules';

export const AppointmentStatusEnum = graphqlEnum(APPOINTMENT_STATUSES, 'AppointmentStatus', 'Where a visit stands: SCHEDULED, CONFIRMED (by the patient), CHECKED_IN, IN_CHAIR, COMPLETED, or CANCELLED, NO_SHOW, RESCHEDULED (these three free the chair, patient and nurse).');

/**
 * One dose of an order booked into a chair with a nurse. The database refuses two chair-holding
 * appointments that overlap in one chair (an exclusion constraint), so double booking is
 * impossible even under concurrent requests.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A visit: one dose of a therapy order booked into a chair with a nurse.' })
@Entity({ tableName: 'appointment' })
export class Appointment extends TenantEntity<'status' | 'cancelReason' | 'version' | 'rescheduledFromId' | 'rescheduleReason' | 'doseNumber' | 'acceptedFrom' | 'acceptedUntil'> {
  @Field(() => ID, { description: 'Site where the visit takes place.' })
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => ID, { description: 'Chair the visit holds.' })
  @Property({ type: 'uuid' })
  chairId!: string;

  @Field(() => ID, { description: 'Nurse assigned to the visit.' })
  @Property({ type: 'uuid' })
  nurseId!: string;

  @Field(() => ID, { description: 'Patient treated.' })
  @Property({ type: 'uuid' })
  patientId!: string;

  @Field(() => ID, { description: 'Therapy order this dose belongs to.' })
  @Property({ type: 'uuid' })
  orderId!: string;

  @Field({ description: 'When the chair is taken (UTC).' })
  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Field({ description: 'When the chair is free again (UTC).' })
  @Property({ type: 'datetime' })
  endsAt!: Date;

  @Field(() => AppointmentStatusEnum, { description: 'Where the visit stands.' })
  @Property({ type: 'string' })
  status: AppointmentStatus = 'SCHEDULED';

  @Field(() => String, { nullable: true, description: 'Why the visit was cancelled, when it was.' })
  @Property({ type: 'text', nullable: true })
  cancelReason: string | null = null;

  @Field(() => Int, { nullable: true, description: 'Which dose of the order this visit gives (1 = first), when a series placed it.' })
  @Property({ type: 'integer', nullable: true })
  doseNumber: number | null = null;

  @Field(() => ID, { nullable: true, description: 'The visit this one replaced when it was rescheduled (that visit is kept, RESCHEDULED).' })
  @Property({ type: 'uuid', nullable: true })
  rescheduledFromId: string | null = null;

  @Field(() => String, { nullable: true, description: 'Why the visit this one replaced was moved.' })
  @Property({ type: 'text', nullable: true })
  rescheduleReason: string | null = null;

  /** Earliest start the patient accepted; null until recorded (see `acceptedWindow`). */
  @Property({ type: 'datetime', nullable: true })
  acceptedFrom: Date | null = null;

  /** Latest start the patient accepted; null until recorded. */
  @Property({ type: 'datetime', nullable: true })
  acceptedUntil: Date | null = null;

  // Optimistic lock: a change made from a stale copy fails instead of silently overwriting.
  @Field(() => Int, { description: 'Revision of the record; increases with every change.' })
  @Property({ version: true })
  version!: number;
}
