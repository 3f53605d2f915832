import { AppError, badInput, conflict, forbidden, isUuid, notFound, type RequestContext } from '@infusion/subgraph-kit';
import { Appointment } from './appointment.entity';
import { RetiredChair } from '../chairs/retired-chair.entity';
import { findBookingReferences } from './appointment.references';
import { bookingReferenceProblems, bookingTimeProblems, cancellationProblem, retiredChairProblem, type BookingIds } from './appointment.rules';

export interface BookingRequest extends BookingIds {
  startsAt: Date;
  endsAt: Date;
}

/** PostgreSQL's exclusion_violation: the chair-overlap constraint refused the row. */
const EXCLUSION_VIOLATION = '23P01';

function isChairOverlap(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | undefined;
  return e?.name === 'ExclusionConstraintViolationException' || e?.code === EXCLUSION_VIOLATION;
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
  const chairProblem = retiredChairProblem(request.chairId, await ctx.em.findOne(RetiredChair, { chairId: request.chairId }));
  if (chairProblem) throw conflict(chairProblem, { argument: 'chairId', chairId: request.chairId });

  // Every id must name something this caller may book into, before anything is written: the
  // owners answer for the caller's own clients and sites (see GraphClient).
  const [problem] = bookingReferenceProblems(request, await findBookingReferences(ctx, request));
  if (problem) throw new AppError(problem.code, problem.message, { argument: problem.argument });

  const appointment = ctx.em.create(Appointment, {
    clientId: request.clientId,
    siteId: request.siteId,
    chairId: request.chairId,
    nurseId: request.nurseId,
    patientId: request.patientId,
    orderId: request.orderId,
    startsAt: request.startsAt,
    endsAt: request.endsAt,
  });
  try {
    await ctx.em.flush();
  } catch (error) {
    if (isChairOverlap(error)) {
      throw conflict('The chair is already booked at that time', { chairId: request.chairId, startsAt: request.startsAt, endsAt: request.endsAt });
    }
    throw error;
  }
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
  return appointment;
}
