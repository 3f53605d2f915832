import { ConnectionType, PageArgs, graphqlEnum, paginate, whereEquals, type RequestContext, stubOf } from '@infusion/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Administration } from '../administrations/administration.entity';
import { Order } from '../orders/order.entity';
import { Patient } from '../patients/patient.entity';
import { Chair } from '../references/chair.stub';
import { Site } from '../references/site.stub';
import { StaffMember } from '../references/staff-member.stub';
import { Appointment, AppointmentStatusEnum } from './appointment.entity';
import { BookAppointmentInput, CancelAppointmentArgs, RescheduleAppointmentInput } from './appointment.input';
import { checkRange } from './appointment.loader';
import { minutesBetween, type AppointmentStatus } from './appointment.rules';
import { DIRECT_STATUSES, advanceAppointment, bookAppointment, cancelAppointment, recordNoShow, rescheduleAppointment, type DirectStatus } from './appointment.service';
import { RecordAdministrationInput } from '../administrations/administration.input';
import { recordAdministration } from '../administrations/administration.service';
import { VisitRecord } from '../administrations/visit-record.entity';
import { BookingOverride } from '../booking-rules/booking-override.entity';

const AppointmentConnection = ConnectionType(Appointment, 'Appointment');
const VisitProgressEnum = graphqlEnum(DIRECT_STATUSES, 'VisitProgress', 'A step of a visit made directly: CONFIRMED by the patient, CHECKED_IN at the desk, IN_CHAIR for treatment.');

@Resolver(() => Appointment)
export class AppointmentResolver {
  @Query(() => AppointmentConnection, { description: 'Appointments of one site starting within [from, to), in time order.' })
  appointments(
    @Arg('siteId', () => ID, { description: 'Site whose appointments to list.' }) siteId: string,
    @Arg('from', { description: 'Earliest start (inclusive, UTC).' }) from: Date,
    @Arg('to', { description: 'Latest start (exclusive, UTC).' }) to: Date,
    @Args() page: PageArgs,
    @Ctx() { em }: RequestContext,
    @Arg('status', () => AppointmentStatusEnum, { nullable: true, description: 'Only appointments in this status.' }) status?: AppointmentStatus | null,
  ) {
    checkRange({ from, to });
    const where: FilterQuery<Appointment> = { $and: [whereEquals<Appointment>({ siteId, status }), { startsAt: { $gte: from, $lt: to } }] };
    return paginate(em, Appointment, where, page, 'startsAt');
  }

  @Query(() => Appointment, { description: 'One appointment.' })
  async appointment(@Arg('id', () => ID, { description: 'Appointment id.' }) id: string, @Ctx() { loaders }: RequestContext): Promise<Appointment> {
    return loaders.require(Appointment, id);
  }

  @Mutation(() => Appointment, { description: 'Books a dose of a therapy order into a chair; CONFLICT when the chair is taken at that time.' })
  bookAppointment(@Arg('input', { description: 'What to book.' }) input: BookAppointmentInput, @Ctx() ctx: RequestContext): Promise<Appointment> {
    return bookAppointment(ctx, input);
  }

  @Mutation(() => Appointment, { description: 'Cancels a scheduled or checked-in appointment and frees its chair; CONFLICT otherwise.' })
  cancelAppointment(@Args() { id, reason, expectedVersion }: CancelAppointmentArgs, @Ctx() ctx: RequestContext): Promise<Appointment> {
    return cancelAppointment(ctx, id, reason, expectedVersion);
  }

  @Mutation(() => Appointment, {
    description: 'Moves a visit to a new time (and chair or nurse), keeping the old one as RESCHEDULED; returns the new visit. CONFLICT when the slot is taken.',
  })
  rescheduleAppointment(@Arg('input', { description: 'Where the visit moves.' }) input: RescheduleAppointmentInput, @Ctx() ctx: RequestContext): Promise<Appointment> {
    return rescheduleAppointment(ctx, input);
  }

  @Mutation(() => Appointment, { description: 'Marks a visit confirmed (recording the window of starts the patient accepts), checked in or in the chair; CONFLICT when its status does not allow it.' })
  advanceAppointment(
    @Arg('id', () => ID, { description: 'Appointment to move along.' }) id: string,
    @Arg('status', () => VisitProgressEnum, { description: 'The step reached.' }) status: DirectStatus,
    @Ctx() ctx: RequestContext,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version the caller last read; refuses the change if it has moved on.' }) expectedVersion?: number | null,
    @Arg('acceptedFrom', () => Date, { nullable: true, description: 'CONFIRMED only: earliest start the patient accepts (with `acceptedUntil`; the booked start ± 90 minutes when both are omitted).' }) acceptedFrom?: Date | null,
    @Arg('acceptedUntil', () => Date, { nullable: true, description: 'CONFIRMED only: latest start the patient accepts.' }) acceptedUntil?: Date | null,
  ): Promise<Appointment> {
    return advanceAppointment(ctx, id, status, expectedVersion, { from: acceptedFrom, until: acceptedUntil });
  }

  @Mutation(() => Appointment, {
    description: 'Records that the patient did not come to a visit that has started; frees the chair. CONFLICT for a visit not scheduled or confirmed.',
  })
  recordNoShow(
    @Arg('id', () => ID, { description: 'The missed visit.' }) id: string,
    @Ctx() ctx: RequestContext,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version the caller last read; refuses the change if it has moved on.' }) expectedVersion?: number | null,
  ): Promise<Appointment> {
    return recordNoShow(ctx, id, expectedVersion);
  }

  @Mutation(() => Appointment, {
    description:
      'Completes a visit with its administration record (drug lines with lots, amounts, times, pauses; IV sites; vitals; reactions) and publishes AdministrationCompleted per line. CONFLICT unless checked in or in the chair.',
  })
  recordAdministration(@Arg('input', { description: 'The administration record.' }) input: RecordAdministrationInput, @Ctx() ctx: RequestContext): Promise<Appointment> {
    return recordAdministration(ctx, input);
  }

  @FieldResolver(() => VisitRecord, { nullable: true, description: 'IV sites, vitals and reactions recorded when the visit was completed.' })
  async visitRecord(@Root() appointment: Appointment, @Ctx() { loaders }: RequestContext): Promise<VisitRecord | null> {
    const [record] = await loaders.manyBy(VisitRecord, 'appointmentId').load(appointment.id);
    return record ?? null;
  }

  @FieldResolver(() => [BookingOverride], { description: 'Soft booking rules ops overrode to book this visit, with who and why; empty when every rule passed.' })
  overrides(@Root() appointment: Appointment, @Ctx() { loaders }: RequestContext): Promise<BookingOverride[]> {
    return loaders.manyBy(BookingOverride, 'appointmentId', { orderBy: { ruleCode: 'asc' } }).load(appointment.id);
  }

  @FieldResolver(() => Appointment, { nullable: true, description: 'The visit this one replaced, when it was rescheduled.' })
  async rescheduledFrom(@Root() appointment: Appointment, @Ctx() { loaders }: RequestContext): Promise<Appointment | null> {
    return appointment.rescheduledFromId ? ((await loaders.byId(Appointment).load(appointment.rescheduledFromId)) ?? null) : null;
  }

  @FieldResolver(() => Site, { description: 'Site where the visit takes place.' })
  site(@Root() appointment: Appointment): Site {
    return stubOf(Site, appointment.siteId);
  }

  @FieldResolver(() => Chair, { description: 'Chair the visit holds.' })
  chair(@Root() appointment: Appointment): Chair {
    return stubOf(Chair, appointment.chairId);
  }

  @FieldResolver(() => StaffMember, { description: 'Nurse assigned to the visit.' })
  nurse(@Root() appointment: Appointment): StaffMember {
    return stubOf(StaffMember, appointment.nurseId);
  }

  @FieldResolver(() => Patient, { description: 'Patient treated.' })
  async patient(@Root() appointment: Appointment, @Ctx() { loaders }: RequestContext): Promise<Patient> {
    return loaders.require(Patient, appointment.patientId);
  }

  @FieldResolver(() => Order, { description: 'Therapy order this dose belongs to.' })
  async order(@Root() appointment: Appointment, @Ctx() { loaders }: RequestContext): Promise<Order> {
    return loaders.require(Order, appointment.orderId);
  }

  @FieldResolver(() => [Administration], { description: 'Drugs given at the visit, in the order they were started.' })
  administrations(@Root() appointment: Appointment, @Ctx() { loaders }: RequestContext): Promise<Administration[]> {
    return loaders.manyBy(Administration, 'appointmentId', { orderBy: { startedAt: 'asc', id: 'asc' } }).load(appointment.id);
  }

  @FieldResolver(() => Int, { description: 'Chair time booked, in minutes.' })
  durationMinutes(@Root() appointment: Appointment): number {
    return minutesBetween(appointment.startsAt, appointment.endsAt);
  }
}
