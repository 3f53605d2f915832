import { ChairRetired, publish } from '@infusion/events';
import { badInput, conflict, type RequestContext } from '@infusion/subgraph-kit';
import { bookingsHolding, refuseWhileBooked } from './chair.bookings';
import { Chair } from './chair.entity';
import { lockForChange, lockOpenSite } from './site.lookup';

/** Longest retirement reason kept (it travels in the ChairRetired event too). */
export const MAX_RETIREMENT_REASON = 500;

/** Puts a new chair into an open site; labels are unique within a site. */
export async function addChair(ctx: RequestContext, input: { siteId: string; label: string; privateRoom?: boolean | null }): Promise<Chair> {
  const site = await lockOpenSite(ctx, input.siteId, 'input.siteId');
  const label = input.label.trim();
  if (!label) throw badInput('Give the chair a label', { argument: 'input.label' });
  if (await ctx.em.count(Chair, { siteId: site.id, label })) throw conflict(`Site ${site.name} already has a chair labelled ${label}`, { argument: 'input.label' });
  const chair = ctx.em.create(Chair, { clientId: site.clientId, siteId: site.id, label, privateRoom: input.privateRoom ?? false });
  await ctx.em.flush();
  return chair;
}

export function retirementReason(reason: string, argument = 'reason'): string {
  const why = reason.trim();
  if (!why) throw badInput('Say why', { argument });
  if (why.length > MAX_RETIREMENT_REASON) throw badInput(`The reason may be at most ${MAX_RETIREMENT_REASON} characters`, { argument });
  return why;
}

/** Marks a chair retired and publishes ChairRetired in the operation's transaction. */
export async function markRetired(ctx: RequestContext, chair: Chair, why: string): Promise<void> {
  chair.active = false;
  chair.retiredAt = new Date();
  chair.retirementReason = why;
  await ctx.em.flush();
  await publish(ctx, ChairRetired, chair.clientId, { chairId: chair.id, siteId: chair.siteId, reason: why, retiredAt: chair.retiredAt.toISOString() });
}

/**
 * Takes a chair out of service for good and tells the other subgraphs (ChairRetired), in the
 * request's transaction: the chair's row is locked first, so two retirements of one chair queue
 * up and the second is refused, and the event commits (or rolls back) with the change. A chair
 * that future visits still hold is refused (CONFLICT listing them), as scheduling answers now; a
 * booking made in the instant between that answer and the commit learns of the retirement from
 * the event instead.
 */
export async function retireChair(ctx: RequestContext, chairId: string, reason: string): Promise<Chair> {
  // The tenant filter hides other clients' chairs (and other sites', for a site-limited caller).
  const chair = await lockForChange(ctx, Chair, chairId, 'chairId');
  const why = retirementReason(reason);
  if (chair.retiredAt) throw conflict(`Chair ${chair.label} was already retired`, { chairId, retiredAt: chair.retiredAt });
  refuseWhileBooked(`Chair ${chair.label} cannot be retired`, await bookingsHolding(ctx, [chair.id]), 'chairId');
  await markRetired(ctx, chair, why);
  return chair;
}
