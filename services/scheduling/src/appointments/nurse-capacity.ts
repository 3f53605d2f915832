import { conflict, type RequestContext } from '@infusion/subgraph-kit';
import { Appointment } from './appointment.entity';
import { RELEASED_STATUSES, nurseChairLimit, peakOverlap, type BookingTimes } from './appointment.rules';

/**
 * A nurse may have at most N patients in chairs at once (the site's chairs-per-nurse ratio). That
 * is not an exclusion constraint ("none overlap"), and numbering a nurse's N parallel lanes with
 * one refuses bookings that fit when they arrive out of order. So every write that gives a nurse a
 * visit serialises on that nurse: a transaction-scoped advisory lock keyed on the nurse, taken
 * before the count. Under READ COMMITTED each statement after the lock is granted sees every
 * booking committed by the previous holder, and the lock is held until this transaction commits
 * its own booking, so two bookings of one nurse can never both count the same free lane. Bookings
 * of other nurses do not wait. Every writer of `appointment.nurse_id` must call this first.
 */
export async function holdNurseCapacity(
  ctx: RequestContext,
  visit: BookingTimes & { clientId: string; nurseId: string; excludeAppointmentId?: string },
  chairsPerNurse: number,
): Promise<void> {
  await ctx.em.execute(`select pg_advisory_xact_lock(hashtextextended('scheduling.nurse:' || ?, 0))`, [visit.nurseId]);
  const overlapping = await ctx.em.find(
    Appointment,
    {
      clientId: visit.clientId,
      nurseId: visit.nurseId,
      status: { $nin: [...RELEASED_STATUSES] },
      startsAt: { $lt: visit.endsAt },
      endsAt: { $gt: visit.startsAt },
      ...(visit.excludeAppointmentId ? { id: { $ne: visit.excludeAppointmentId } } : {}),
    },
    // Rows committed by the previous lock holder, not this request's identity map.
    { refresh: true },
  );
  const limit = nurseChairLimit(chairsPerNurse);
  if (peakOverlap(overlapping, visit) + 1 > limit) {
    throw conflict(`The nurse already has ${limit} patient${limit === 1 ? '' : 's'} in chairs at that time`, {
      argument: 'nurseId',
      reason: 'NURSE_AT_CAPACITY',
      limit,
    });
  }
}
