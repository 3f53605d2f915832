import { AppError, badInput, conflict, forbidden, isUuid, notFound, type RequestContext } from '@infusion/subgraph-kit';
import { Appointment } from './appointment.entity';
import { Order } from '../orders/order.entity';
import { RetiredChair } from '../chairs/retired-chair.entity';
import { findBookingReferences } from './appointment.references';
import { AppointmentCancelled, AppointmentMissed, publish } from '@infusion/events';
import type { RequiredEntityData } from '@mikro-orm/core';
import { acceptedWindowProblem } from './accepted-window';
import { bookingReferenceProblems, bookingTimeProblems, cancellationProblem, retiredChairProblem, transitionProblem, type AppointmentStatus, type BookingIds, type BookingTimes } from './appointment.rules';
import { holdNurseCapacity } from './nurse-capacity';
import { checkBookingRules, checkMayOverride, recordOverrides } from '../booking-rules/booking-rules.service';
import type { RuleOverride } from '../booking-rules/booking.rules';
import { graphBookingFacts } from '../ports/booking-facts';

export interface BookingRequest extends BookingIds {
  startsAt: Date;
  endsAt: Date;
  /** Soft rules to book past, with reasons (ops users only). */
  overrides?: readonly RuleOverride[] | null;
}

/** PostgreSQL's exclusion_violation: an overlap constraint refused the row. */
const EXCLUSION_VIOLATION = '23P01';

/** Which overlap constraint refused a visit, answered as CONFLICT naming the argument at fault. */
const OVERLAPS: Record<string, { argument: keyof BookingIds; message: string }> = {
  appointment_chair_no_overlap: { argument: 'chairId', message: 'The chair is already booked at that time' },
  appointment_patient_no_overlap: { argument: 'patientId', message: 'The patient already has a visit at that time' },
};

function overlapConflict(error: unknown, visit: BookingTimes): AppError | undefined {
  const e = error as { name?: string; code?: string; constraint?: string } | undefined;
  if (e?.name === 'DeadlockException' || e?.code === '40P01') return conflict('Another booking took the slot at the same moment', { startsAt: visit.startsAt, endsAt: visit.endsAt });
  if (e?.name !== 'ExclusionConstraintViolationException' && e?.code !== EXCLUSION_VIOLATION) return undefined;
  const overlap = OVERLAPS[e.constraint ?? ''] ?? OVERLAPS.appointment_chair_no_overlap!;
  return conflict(overlap.message, { argument: overlap.argument, startsAt: visit.startsAt, endsAt: visit.endsAt });
}

/**
 * Writes a new visit: the nurse's capacity is checked under the nurse's lock, then the row is
 * inserted and the database's exclusion constraints decide chair and patient, so no concurrent
 * request can slip in between a check and the write.
 */
export async function insertVisit(ctx: RequestContext, visit: Omit<RequiredEntityData<Appointment>, 'status'>, chairsPerNurse: number): Promise<Appointment> {
  // Concurrent inserts that collide in two exclusion constraints can deadlock each other (each waits
  // on the other's uncommitted row). Bookings of one chair or one patient queue on advisory locks
  // instead, always in the order chair, patient, then nurse (holdNurseCapacity), so they cannot; the
  // constraints stay the guarantee, and a deadlock that still happens is answered as the conflict it is.
  await ctx.em.execute(
    `select pg_advisory_xact_lock(hashtextextended('scheduling.chair:' || ?, 0)), pg_advisory_xact_lock(hashtextextended('scheduling.patient:' || ?, 0))`,
    [visit.chairId, visit.patientId],
  );
  await holdNurseCapacity(ctx, { clientId: visit.clientId, nurseId: visit.nurseId, startsAt: visit.startsAt as Date, endsAt: visit.endsAt as Date }, chairsPerNurse);
  const appointment = ctx.em.create(Appointment, visit);
  try {
    await ctx.em.flush();
  } catch (error) {
    throw overlapConflict(error, appointment) ?? error;
  }
  return appointment;
}

function checkIds(request: BookingRequest): void {
  for (const argument of ['clientId', 'siteId', 'chairId', 'nurseId', 'patientId', 'orderId'] as const) {
    if (!isUuid(request[argument])) throw badInput(`\`${argument}\` is not a valid id`, { argument });
  }
}

/** The caller may book only for its own clients and, when limited to sites, at those sites. */
function checkTenant(ctx: RequestContext, request: BookingRequest): void {
  const { clientIds, siteIds } = ctx.tenant;
  if (clientIds && !clientIds.includes(request.clientId)) throw forbidden('You may only book appointments for your own clients', { argument: 'clientId' });
  if (siteIds && !siteIds.includes(request.siteId)) throw forbidden('You may only book appointments at your own sites', { argument: 'siteId' });
}

/**
 * Books one dose of an order into a chair. Runs inside the request's transaction: the chair's
 * availability is decided by the database's exclusion constraint at insert time, not by a prior
 * read, so two concurrent bookings of one slot cannot both succeed.
 */
export async function bookAppointment(ctx: RequestContext, request: BookingRequest): Promise<Appointment> {
  checkIds(request);
  const [timeProblem] = bookingTimeProblems(request, new Date());
  if (timeProblem) throw badInput(timeProblem.message, { argument: timeProblem.argument });
  checkTenant(ctx, request);
  checkMayOverride(ctx, request.overrides);
  const chairProblem = retiredChairProblem(request.chairId, await ctx.em.findOne(RetiredChair, { chairId: request.chairId }));
  if (chairProblem) throw conflict(chairProblem, { argument: 'chairId', chairId: request.chairId });

  // Every id must name something this caller may book into, before anything is written: the
  // owners answer for the caller's own clients and sites (see GraphClient).
  const references = await findBookingReferences(ctx, request);
  const [problem] = bookingReferenceProblems(request, references);
  if (problem) throw new AppError(problem.code, problem.message, { argument: problem.argument });
  const overridden = await checkBookingRules(graphBookingFacts(ctx), { ...request, order: await ctx.loaders.require(Order, request.orderId) }, request.overrides ?? []);

  const appointment = await insertVisit(
    ctx,
    {
      clientId: request.clientId,
      siteId: request.siteId,
      chairId: request.chairId,
      nurseId: request.nurseId,
      patientId: request.patientId,
      orderId: request.orderId,
      startsAt: request.startsAt,
      endsAt: request.endsAt,
    },
    references.site!.chairsPerNurse,
  );
  await recordOverrides(ctx, 'bookAppointment', appointment, overridden);
  return appointment;
}

/**
 * Cancels a visit that has not happened yet, freeing its chair. `expectedVersion`, when given,
 * refuses the change if someone else changed the appointment since the caller read it.
 */
export async function cancelAppointment(ctx: RequestContext, id: string, reason: string, expectedVersion?: number | null): Promise<Appointment> {
  const why = reason.trim();
  if (!why) throw badInput('Say why the appointment is cancelled', { argument: 'reason' });
  const appointment = await ctx.loaders.byId(Appointment).load(id);
  if (!appointment) throw notFound('Appointment', id);
  if (expectedVersion != null && expectedVersion !== appointment.version) {
    throw conflict('The appointment was changed by someone else; reload and try again', { version: appointment.version });
  }
  const problem = cancellationProblem(appointment.status);
  if (problem) throw conflict(problem, { status: appointment.status });
  appointment.status = 'CANCELLED';
  appointment.cancelReason = why;
  // The UPDATE carries `where version = <read version>`: a concurrent change makes it fail (CONFLICT).
  await ctx.em.flush();
  await publish(ctx, AppointmentCancelled, appointment.clientId, {
    appointmentId: appointment.id,
    orderId: appointment.orderId,
    patientId: appointment.patientId,
    siteId: appointment.siteId,
    startsAt: appointment.startsAt.toISOString(),
    reason: why,
    cancelledAt: new Date().toISOString(),
  });
  return appointment;
}

/** The caller's visit by id, or NOT_FOUND naming the argument; CONFLICT when it changed since `expectedVersion`. */
async function visitToChange(ctx: RequestContext, id: string, expectedVersion: number | null | undefined): Promise<Appointment> {
  const appointment = isUuid(id) ? await ctx.loaders.byId(Appointment).load(id) : undefined;
  if (!appointment) throw new AppError('NOT_FOUND', `Appointment ${id} was not found`, { type: 'Appointment', id, argument: 'id' });
  if (expectedVersion != null && expectedVersion !== appointment.version) {
    throw conflict('The appointment was changed by someone else; reload and try again', { version: appointment.version });
  }
  return appointment;
}

export interface RescheduleRequest {
  id: string;
  startsAt: Date;
  /** Same chair time as before when omitted. */
  endsAt?: Date | null;
  chairId?: string | null;
  nurseId?: string | null;
  reason: string;
  expectedVersion?: number | null;
  /** Soft rules to book past, with reasons (ops users only). */
  overrides?: readonly RuleOverride[] | null;
}

/**
 * Moves a visit, keeping its history: the old row stays, RESCHEDULED (which frees its chair,
 * patient and nurse), and a new visit that names it (`rescheduledFrom`) takes the new time, chair
 * and nurse, each verified as for a booking. Both in one transaction: nothing moves if the new
 * slot is refused.
 */
export async function rescheduleAppointment(ctx: RequestContext, request: RescheduleRequest): Promise<Appointment> {
  const why = request.reason.trim();
  if (!why) throw badInput('Say why the appointment is moved', { argument: 'reason' });
  checkMayOverride(ctx, request.overrides);
  for (const argument of ['chairId', 'nurseId'] as const) {
    const value = request[argument];
    if (value != null && !isUuid(value)) throw badInput(`\`${argument}\` is not a valid id`, { argument });
  }
  const old = await visitToChange(ctx, request.id, null);
  const ids: BookingIds = {
    clientId: old.clientId,
    siteId: old.siteId,
    chairId: request.chairId ?? old.chairId,
    nurseId: request.nurseId ?? old.nurseId,
    patientId: old.patientId,
    orderId: old.orderId,
  };
  // Every id first: a chair or nurse the caller cannot see is NOT_FOUND whatever else is wrong.
  const references = await findBookingReferences(ctx, ids);
  const [refProblem] = bookingReferenceProblems(ids, references);
  if (refProblem) throw new AppError(refProblem.code, refProblem.message, { argument: refProblem.argument });
  if (request.expectedVersion != null && request.expectedVersion !== old.version) {
    throw conflict('The appointment was changed by someone else; reload and try again', { version: old.version });
  }
  const problem = transitionProblem(old.status, 'RESCHEDULED');
  if (problem) throw conflict(problem, { status: old.status });
  const endsAt = request.endsAt ?? new Date(request.startsAt.getTime() + (old.endsAt.getTime() - old.startsAt.getTime()));
  const [timeProblem] = bookingTimeProblems({ startsAt: request.startsAt, endsAt }, new Date());
  if (timeProblem) throw badInput(timeProblem.message, { argument: timeProblem.argument });
  const chairProblem = retiredChairProblem(ids.chairId, await ctx.em.findOne(RetiredChair, { chairId: ids.chairId }));
  if (chairProblem) throw conflict(chairProblem, { argument: 'chairId', chairId: ids.chairId });
  const overridden = await checkBookingRules(graphBookingFacts(ctx), { ...ids, startsAt: request.startsAt, endsAt, order: await ctx.loaders.require(Order, ids.orderId) }, request.overrides ?? []);

  // Release the old slot first, so the visit may move within its own time (the same chair, later).
  old.status = 'RESCHEDULED';
  await ctx.em.flush();
  const moved = await insertVisit(
    ctx,
    { ...ids, startsAt: request.startsAt, endsAt, rescheduledFromId: old.id, rescheduleReason: why },
    references.site!.chairsPerNurse,
  );
  await recordOverrides(ctx, 'rescheduleAppointment', moved, overridden);
  return moved;
}

/** Status changes made directly; completion comes with the administration record, cancellation with a reason. */
export const DIRECT_STATUSES = ['CONFIRMED', 'CHECKED_IN', 'IN_CHAIR'] as const satisfies readonly AppointmentStatus[];
export type DirectStatus = (typeof DIRECT_STATUSES)[number];

/**
 * Moves a visit along its course (confirmed, checked in, in the chair); CONFLICT for a move its
 * status does not allow. Confirming records the window of starts the patient accepts (`accepted`,
 * else the booked start ± the default tolerance): day optimisation never moves them outside it.
 */
export async function advanceAppointment(
  ctx: RequestContext,
  id: string,
  status: DirectStatus,
  expectedVersion?: number | null,
  accepted?: { from?: Date | null; until?: Date | null },
): Promise<Appointment> {
  const appointment = await visitToChange(ctx, id, expectedVersion);
  const problem = transitionProblem(appointment.status, status);
  if (problem) throw conflict(problem, { status: appointment.status });
  const window = acceptedWindowProblem(appointment, status, accepted);
  if (window.problem) throw badInput(window.problem.message, { argument: window.problem.argument });
  appointment.status = status;
  if (window.accepted) Object.assign(appointment, { acceptedFrom: window.accepted.from, acceptedUntil: window.accepted.until });
  await ctx.em.flush();
  return appointment;
}

/**
 * Records that the patient did not come: the visit frees its chair, and AppointmentMissed tells
 * whoever follows missed doses. Only once the visit has started (a no-show cannot be foreseen).
 */
export async function recordNoShow(ctx: RequestContext, id: string, expectedVersion?: number | null): Promise<Appointment> {
  const appointment = await visitToChange(ctx, id, expectedVersion);
  const problem = transitionProblem(appointment.status, 'NO_SHOW');
  if (problem) throw conflict(problem, { status: appointment.status });
  const now = new Date();
  if (appointment.startsAt.getTime() > now.getTime()) throw conflict('A visit that has not started yet is cancelled, not missed', { startsAt: appointment.startsAt });
  appointment.status = 'NO_SHOW';
  await ctx.em.flush();
  await publish(ctx, AppointmentMissed, appointment.clientId, {
    appointmentId: appointment.id,
    orderId: appointment.orderId,
    patientId: appointment.patientId,
    siteId: appointment.siteId,
    startsAt: appointment.startsAt.toISOString(),
    recordedAt: now.toISOString(),
  });
  return appointment;
}
