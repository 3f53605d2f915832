import { conflict, type RequestContext } from '@infusion/subgraph-kit';

/** A booking that still holds a chair, as scheduling answers it. */
export interface HeldBooking {
  id: string;
  chairId: string;
  startsAt: string;
  endsAt: string;
}

/** How many bookings per chair an answer lists: enough to act on, bounded. */
const LISTED_PER_CHAIR = 20;

/**
 * The bookings that still hold these chairs, asked of scheduling (which owns appointments) through
 * its `_entities`, as the caller: retiring a chair or closing a site must not strand a patient's
 * visit. One call for all the chairs.
 */
export async function bookingsHolding(ctx: RequestContext, chairIds: readonly string[]): Promise<HeldBooking[]> {
  if (chairIds.length === 0) return [];
  const found = await ctx.graph.lookup<{ Chair: { id: string; upcomingAppointments: { id: string; startsAt: string; endsAt: string }[] } }>('scheduling', {
    Chair: { ids: chairIds, selection: `upcomingAppointments(limit: ${LISTED_PER_CHAIR}) { id startsAt endsAt }` },
  });
  return chairIds.flatMap((chairId) => (found.Chair.get(chairId)?.upcomingAppointments ?? []).map((a) => ({ ...a, chairId })));
}

/** CONFLICT listing the bookings in the way, when there are any. */
export function refuseWhileBooked(what: string, bookings: readonly HeldBooking[], argument: string): void {
  if (bookings.length === 0) return;
  const first = bookings.slice(0, 5).map((b) => `${b.id} at ${b.startsAt}`).join(', ');
  throw conflict(`${what}: ${bookings.length} booking(s) still hold it (${first}${bookings.length > 5 ? ', …' : ''}); move or cancel them first`, {
    argument,
    appointments: bookings.map(({ id, chairId, startsAt, endsAt }) => ({ id, chairId, startsAt, endsAt })),
  });
}
