import { AppError, badInput, conflict, isUuid, type RequestContext, addLocalDays, localDateIn } from '@infusion/subgraph-kit';
import { Appointment } from '../appointments/appointment.entity';
import { RELEASED_STATUSES, type AppointmentStatus, type BookingTimes } from '../appointments/appointment.rules';
import { findBookingReferences } from '../appointments/appointment.references';
import { bookingReferenceProblems } from '../appointments/appointment.rules';
import { insertVisit } from '../appointments/appointment.service';
import { RetiredChair } from '../chairs/retired-chair.entity';
import { Order } from '../orders/order.entity';
import { checkMayOverride, recordOverrides, refusal } from '../booking-rules/booking-rules.service';
import { BOOKING_RULES, bookingDecision, bookingRuleFailures, type RuleOverride } from '../booking-rules/booking.rules';
import { factsForVisit, type BookingFactsPort } from '../ports/booking-facts';
import { dueDoses, placeSeries, planDay, type Bookings } from './series.rules';

/** The later of two local dates (YYYY-MM-DD compares as text). */
const laterDate = (a: string, b: string): string => (a.localeCompare(b) >= 0 ? a : b);

/** Visits not started yet: a regenerated series replaces them. */
const NOT_STARTED: readonly AppointmentStatus[] = ['SCHEDULED', 'CONFIRMED'];
/** How far ahead one run places doses by default (and at most); later doses are placed by a later run. */
export const SERIES_HORIZON_DAYS = 365;

export interface ScheduleSeriesRequest {
  orderId: string;
  chairId: string;
  nurseId: string;
  /** Preferred start, minutes after the site opens (default 60). */
  preferredMinutesAfterOpening?: number | null;
  /** Days ahead to place doses (default and at most SERIES_HORIZON_DAYS): e.g. as far as the roster is published. */
  horizonDays?: number | null;
  /** Soft rules to book past for every dose, with reasons (ops users only). */
  overrides?: readonly RuleOverride[] | null;
}

/**
 * Rules a slot itself can cure (another day, hour, chair): the placement looks past the slots that
 * fail them. The others (prior authorization, the prescriber's REMS enrolment) follow the order,
 * not the slot: they refuse the run unless overridden.
 */
const SLOT_RULES = new Set(['SITE_CLOSED', 'CHAIR_OUT_OF_SERVICE', 'NURSE_NOT_QUALIFIED', 'REMS_SITE_NOT_ENROLLED', 'SUPERVISION_NOT_COVERED']);

/**
 * Places the order's remaining doses for the coming year: its visits not yet started are cancelled
 * ("series regenerated"), doses given (or under way) are kept, and the next dose restarts at its
 * planned date — or tomorrow, when that has passed (a missed dose) — with the rest spaced from it.
 * Each dose lands inside its window on an open day, in the patient's chair and with their nurse
 * where free. All or nothing: a dose with no room in its window refuses the whole run (CONFLICT).
 */
export async function scheduleSeries(ctx: RequestContext, port: BookingFactsPort, request: ScheduleSeriesRequest): Promise<Appointment[]> {
  for (const argument of ['orderId', 'chairId', 'nurseId'] as const) {
    if (!isUuid(request[argument])) throw badInput(`\`${argument}\` is not a valid id`, { argument });
  }
  checkMayOverride(ctx, request.overrides);
  const overrides = request.overrides ?? [];
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

  // The site's zone decides "tomorrow"; then every fact the rules need is gathered once for the whole horizon.
  const { timeZone } = await ctx.graph.require<{ id: string; timeZone: string }>('facilities', 'Site', order.siteId, 'timeZone', 'orderId');
  const tomorrow = addLocalDays(localDateIn(new Date(), timeZone), 1);
  const plannedOn = addLocalDays(order.startsOn, planDay(order, fromDose) - planDay(order, 1));
  const anchor = { doseNumber: fromDose, on: laterDate(plannedOn, tomorrow) };
  const horizon = addLocalDays(tomorrow, request.horizonDays ?? SERIES_HORIZON_DAYS);
  const doses = dueDoses(order, anchor).filter((d) => d.dueOn <= horizon);
  if (!doses.length) throw conflict(`No dose of the order falls due by ${horizon}`, { argument: 'horizonDays' });
  const from = laterDate(doses[0]!.earliest, tomorrow);
  const to = doses[doses.length - 1]!.latest;
  const facts = await port.gather({ order, siteIds: [order.siteId], from, to, argument: 'orderId' });
  const site = facts.sites.get(order.siteId)!;
  const days = new Map([...site.days.values()].filter((d) => d.date >= tomorrow).map((d) => [d.date, d]));
  const overridden = new Set(overrides.filter((o) => o.reason.trim() && BOOKING_RULES[o.code as keyof typeof BOOKING_RULES]?.severity === 'SOFT').map((o) => o.code));
  const ruleFailures = (visit: { startsAt: Date; endsAt: Date }, chairId: string, nurseId: string) =>
    bookingRuleFailures(factsForVisit(facts, order, { ...visit, siteId: order.siteId, chairId, nurseId }));

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
    accepts: (visit, chairId, nurseId) => ruleFailures(visit, chairId, nurseId).every((f) => !SLOT_RULES.has(f.code) || overridden.has(f.code)),
  });
  if (unplaced.length) {
    const first = unplaced[0]!;
    throw conflict(`No room for dose ${first.doseNumber} (due ${first.dueOn}) between ${first.earliest} and ${first.latest}`, {
      argument: 'orderId',
      unplacedDoses: unplaced.map((d) => d.doseNumber),
    });
  }
  // Every placed dose passes the rules as a single booking would (or is refused, naming the dose).
  const decisions = placed.map((p) => ({ p, ...bookingDecision(ruleFailures(p, p.chairId, p.nurseId), overrides) }));
  const refused = decisions.find((d) => d.refused.length);
  if (refused) throw refusal(refused.refused.map((f) => ({ ...f, detail: `Dose ${refused.p.doseNumber} on ${refused.p.date}: ${f.detail}` })));
  const created: Appointment[] = [];
  for (const { p, overridden: kept } of decisions) {
    const visit = await insertVisit(
      ctx,
      { ...ids, chairId: p.chairId, nurseId: p.nurseId, startsAt: p.startsAt, endsAt: p.endsAt, doseNumber: p.doseNumber },
      site.chairsPerNurse,
    );
    await recordOverrides(ctx, 'scheduleSeries', visit, kept);
    created.push(visit);
  }
  return created;
}
