import { AppError, badInput, conflict, isUuid, type RequestContext, addLocalDays, localDateIn } from '@infusion/subgraph-kit';
import { Appointment } from '../appointments/appointment.entity';
import { RELEASED_STATUSES, type AppointmentStatus, type BookingTimes } from '../appointments/appointment.rules';
import { findBookingReferences } from '../appointments/appointment.references';
import { bookingReferenceProblems } from '../appointments/appointment.rules';
import { insertVisit } from '../appointments/appointment.service';
import { RetiredChair } from '../chairs/retired-chair.entity';
import { Order } from '../orders/order.entity';
import type { SiteCalendar } from '../ports/site-calendar';
import { dueDoses, placeSeries, planDay, type Bookings } from './series.rules';

/** The later of two local dates (YYYY-MM-DD compares as text). */
const laterDate = (a: string, b: string): string => (a.localeCompare(b) >= 0 ? a : b);

/** Visits not started yet: a regenerated series replaces them. */
const NOT_STARTED: readonly AppointmentStatus[] = ['SCHEDULED', 'CONFIRMED'];
/** How far ahead one run places doses; later doses are placed by a later run. */
export const SERIES_HORIZON_DAYS = 365;

export interface ScheduleSeriesRequest {
  orderId: string;
  chairId: string;
  nurseId: string;
  /** Preferred start, minutes after the site opens (default 60). */
  preferredMinutesAfterOpening?: number | null;
}

/**
 * Places the order's remaining doses for the coming year: its visits not yet started are cancelled
 * ("series regenerated"), doses given (or under way) are kept, and the next dose restarts at its
 * planned date — or tomorrow, when that has passed (a missed dose) — with the rest spaced from it.
 * Each dose lands inside its window on an open day, in the patient's chair and with their nurse
 * where free. All or nothing: a dose with no room in its window refuses the whole run (CONFLICT).
 */
export async function scheduleSeries(ctx: RequestContext, calendar: SiteCalendar, request: ScheduleSeriesRequest): Promise<Appointment[]> {
  for (const argument of ['orderId', 'chairId', 'nurseId'] as const) {
    if (!isUuid(request[argument])) throw badInput(`\`${argument}\` is not a valid id`, { argument });
  }
  const preferred = request.preferredMinutesAfterOpening ?? 60;
  const order = await ctx.loaders.byId(Order).load(request.orderId);
  if (!order) throw new AppError('NOT_FOUND', `Order ${request.orderId} was not found`, { type: 'Order', id: request.orderId, argument: 'orderId' });

  const ids = { clientId: order.clientId, siteId: order.siteId, chairId: request.chairId, nurseId: request.nurseId, patientId: order.patientId, orderId: order.id };
  const references = await findBookingReferences(ctx, ids);
  const [problem] = bookingReferenceProblems(ids, references);
  if (problem) throw new AppError(problem.code, problem.message, { argument: problem.argument });

  const visits = await ctx.em.find(Appointment, { orderId: order.id }, { orderBy: { startsAt: 'asc' } });
  const given = visits.filter((v) => !RELEASED_STATUSES.includes(v.status) && !NOT_STARTED.includes(v.status)).length;
  const fromDose = given + 1;
  if (fromDose > order.dosesPlanned) throw conflict('Every dose of the order has been given or is under way', { argument: 'orderId' });

  // The site's zone decides "tomorrow"; its calendar is asked once for the whole horizon.
  const probe = await calendar.site(order.siteId, order.startsOn, order.startsOn, 'orderId');
  const tomorrow = addLocalDays(localDateIn(new Date(), probe.timeZone), 1);
  const plannedOn = addLocalDays(order.startsOn, planDay(order, fromDose) - planDay(order, 1));
  const anchor = { doseNumber: fromDose, on: laterDate(plannedOn, tomorrow) };
  const horizon = addLocalDays(tomorrow, SERIES_HORIZON_DAYS);
  const doses = dueDoses(order, anchor).filter((d) => d.dueOn <= horizon);
  const from = laterDate(doses[0]!.earliest, tomorrow);
  const to = doses[doses.length - 1]!.latest;
  const site = await calendar.site(order.siteId, from, to, 'orderId');
  const days = new Map(site.days.filter((d) => d.date >= tomorrow).map((d) => [d.date, d]));

  for (const visit of visits.filter((v) => NOT_STARTED.includes(v.status))) {
    visit.status = 'CANCELLED';
    visit.cancelReason = 'Series regenerated';
  }
  await ctx.em.flush();

  const retired = new Set((await ctx.em.find(RetiredChair, { siteId: order.siteId })).map((r) => r.chairId));
  const chairIds = [request.chairId, ...site.chairs.filter((c) => c.active && !retired.has(c.id) && c.id !== request.chairId).map((c) => c.id)];
  const rangeStart = new Date(`${from}T00:00:00Z`).getTime() - 86_400_000;
  const rangeEnd = new Date(`${to}T00:00:00Z`).getTime() + 2 * 86_400_000;
  const held = await ctx.em.find(Appointment, {
    status: { $nin: [...RELEASED_STATUSES] },
    startsAt: { $lt: new Date(rangeEnd) },
    endsAt: { $gt: new Date(rangeStart) },
    $or: [{ siteId: order.siteId }, { patientId: order.patientId }, { nurseId: request.nurseId }],
  });
  const bookings: Bookings = { chairs: new Map(), nurses: new Map(), patient: [] };
  const add = (map: Map<string, BookingTimes[]>, key: string, v: BookingTimes) => map.set(key, [...(map.get(key) ?? []), v]);
  for (const visit of held) {
    add(bookings.chairs, visit.chairId, visit);
    add(bookings.nurses, visit.nurseId, visit);
    if (visit.patientId === order.patientId) bookings.patient.push(visit);
  }

  const { placed, unplaced } = placeSeries(doses, days, bookings, {
    chairIds,
    nurseIds: [request.nurseId],
    chairsPerNurse: site.chairsPerNurse,
    preferredMinutesAfterOpening: preferred,
  });
  if (unplaced.length) {
    const first = unplaced[0]!;
    throw conflict(`No room for dose ${first.doseNumber} (due ${first.dueOn}) between ${first.earliest} and ${first.latest}`, {
      argument: 'orderId',
      unplacedDoses: unplaced.map((d) => d.doseNumber),
    });
  }
  const created: Appointment[] = [];
  for (const p of placed) {
    created.push(
      await insertVisit(
        ctx,
        { ...ids, chairId: p.chairId, nurseId: p.nurseId, startsAt: p.startsAt, endsAt: p.endsAt, doseNumber: p.doseNumber },
        site.chairsPerNurse,
      ),
    );
  }
  return created;
}
