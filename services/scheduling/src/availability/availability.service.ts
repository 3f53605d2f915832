import { AppError, addLocalDays, badInput, daysBetween, isUuid, type RequestContext } from '@infusion/subgraph-kit';
import { Appointment } from '../appointments/appointment.entity';
import { RELEASED_STATUSES, type BookingTimes } from '../appointments/appointment.rules';
import { bookingRuleFailures } from '../booking-rules/booking.rules';
import { RetiredChair } from '../chairs/retired-chair.entity';
import { Order } from '../orders/order.entity';
import { chairMinutesOf } from '../orders/order.rules';
import { factsForVisit, type BookingFactsPort } from '../ports/booking-facts';
import { openSlots, rankSlots, type Slot } from './availability.rules';

/** Bounds that keep one search's cost known: a month at up to ten sites. */
export const MAX_SEARCH_DAYS = 31;
export const MAX_SEARCH_SITES = 10;
export const DEFAULT_SLOTS = 20;
export const MAX_SLOTS = 100;

export interface AvailabilityRequest {
  orderId: string;
  /** The order's site when omitted. */
  siteIds?: readonly string[] | null;
  from: string;
  to: string;
  nurseId?: string | null;
  first?: number | null;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function checkRequest(request: AvailabilityRequest): void {
  if (!isUuid(request.orderId)) throw badInput('`orderId` is not a valid id', { argument: 'orderId' });
  if (request.nurseId != null && !isUuid(request.nurseId)) throw badInput('`nurseId` is not a valid id', { argument: 'nurseId' });
  const sites = new Set(request.siteIds ?? []);
  if (request.siteIds != null && sites.size === 0) throw badInput('`siteIds` must name at least one site (or be omitted for the order’s site)', { argument: 'siteIds' });
  if (sites.size > MAX_SEARCH_SITES || [...sites].some((id) => !isUuid(id))) {
    throw badInput(`\`siteIds\` must name 1 to ${MAX_SEARCH_SITES} sites by id`, { argument: 'siteIds' });
  }
  if (!LOCAL_DATE.test(request.from)) throw badInput('`from` must be a date (YYYY-MM-DD)', { argument: 'from' });
  if (!LOCAL_DATE.test(request.to)) throw badInput('`to` must be a date (YYYY-MM-DD)', { argument: 'to' });
  const days = daysBetween(request.from, request.to) + 1;
  if (Number.isNaN(days) || days < 1 || days > MAX_SEARCH_DAYS) throw badInput(`\`to\` must be on or after \`from\`, at most ${MAX_SEARCH_DAYS} days in all`, { argument: 'to' });
}

/**
 * Open slots for an order's next dose at some of its client's sites over a range of local dates,
 * ranked (earliest day, the patient's last nurse, least fragmentation). Every fact is read once:
 * one batched call per owner through the booking facts port, and three statements of our own
 * (visits held in the range, retired chairs, the order's history); the slots are computed in
 * memory and each is one the booking rules would accept.
 */
export async function availableSlots(ctx: RequestContext, port: BookingFactsPort, request: AvailabilityRequest): Promise<(Slot & { rank: number })[]> {
  checkRequest(request);
  const order = await ctx.loaders.byId(Order).load(request.orderId);
  if (!order) throw new AppError('NOT_FOUND', `Order ${request.orderId} was not found`, { type: 'Order', id: request.orderId, argument: 'orderId' });
  const siteIds = request.siteIds?.length ? [...new Set(request.siteIds)] : [order.siteId];

  const [facts, nurse] = await Promise.all([
    port.gather({ order, siteIds, from: request.from, to: request.to, argument: 'siteIds' }),
    request.nurseId ? ctx.graph.require<{ id: string; clientId: string }>('staffing', 'StaffMember', request.nurseId, 'clientId', 'nurseId') : null,
  ]);
  for (const site of facts.sites.values()) {
    if (site.clientId !== order.clientId) throw badInput(`Site ${site.id} is not a site of the order's client`, { argument: 'siteIds' });
  }
  if (nurse && nurse.clientId !== order.clientId) throw badInput('The nurse is not on the staff of the order’s client', { argument: 'nurseId' });

  // The range in UTC, a day wider on each side than any zone's local dates.
  const rangeStart = new Date(Date.parse(`${request.from}T00:00:00Z`) - DAY_MS);
  const rangeEnd = new Date(Date.parse(`${addLocalDays(request.to, 1)}T00:00:00Z`) + DAY_MS);
  const nurseIds = [...new Set([...facts.sites.values()].flatMap((s) => [...s.nurseWindows.keys()]))];
  const [held, retired, history] = await Promise.all([
    ctx.em.find(Appointment, {
      status: { $nin: [...RELEASED_STATUSES] },
      startsAt: { $lt: rangeEnd },
      endsAt: { $gt: rangeStart },
      $or: [{ siteId: { $in: siteIds } }, { patientId: order.patientId }, ...(nurseIds.length ? [{ nurseId: { $in: nurseIds } }] : [])],
    }),
    ctx.em.find(RetiredChair, { siteId: { $in: siteIds } }),
    ctx.em.find(Appointment, { orderId: order.id, status: { $nin: [...RELEASED_STATUSES] } }, { orderBy: { startsAt: 'desc' } }),
  ]);
  const byKey = (key: 'chairId' | 'nurseId') => {
    const map = new Map<string, BookingTimes[]>();
    for (const v of held) map.set(v[key], [...(map.get(v[key]) ?? []), v]);
    return map;
  };
  const retiredIds = new Set(retired.map((r) => r.chairId));
  const now = new Date();
  const lastVisit = history.find((v) => v.startsAt < now);

  // The rules depend on the site and the time, not on which free in-service chair: asked once per start.
  const verdicts = new Map<string, boolean>();
  const slots = openSlots({
    sites: [...facts.sites.values()].map((site) => ({
      id: site.id,
      chairsPerNurse: site.chairsPerNurse,
      chairIds: site.chairs.filter((c) => c.active && !retiredIds.has(c.id)).map((c) => c.id),
      days: [...site.days.values()].filter((d) => d.date >= request.from && d.date <= request.to).sort((a, b) => a.date.localeCompare(b.date)),
      nurseWindows: site.nurseWindows,
    })),
    held: { chairs: byKey('chairId'), nurses: byKey('nurseId'), patient: held.filter((v) => v.patientId === order.patientId) },
    chairMinutes: chairMinutesOf(order, history.length + 1),
    notBefore: now,
    lastNurseId: lastVisit?.nurseId ?? null,
    nurseId: request.nurseId ?? null,
    accepts: (slot) => {
      const key = `${slot.siteId}|${slot.nurseId}|${slot.startsAt.getTime()}`;
      let verdict = verdicts.get(key);
      if (verdict === undefined) {
        verdict = bookingRuleFailures(factsForVisit(facts, order, slot)).length === 0;
        verdicts.set(key, verdict);
      }
      return verdict;
    },
  });
  return rankSlots(slots, request.first ?? DEFAULT_SLOTS).map((slot, i) => ({ ...slot, rank: i + 1 }));
}
