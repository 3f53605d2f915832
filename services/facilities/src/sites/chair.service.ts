import { ChairRetired, publish } from '@infusion/events';
import { badInput, conflict, isUuid, notFound, type RequestContext } from '@infusion/subgraph-kit';
import { LockMode } from '@mikro-orm/core';
import { Chair } from './chair.entity';

/** Longest retirement reason kept (it travels in the ChairRetired event too). */
export const MAX_RETIREMENT_REASON = 500;

/**
 * Takes a chair out of service for good and tells the other subgraphs (ChairRetired), in the
 * request's transaction: the chair's row is locked first, so two retirements of one chair queue
 * up and the second is refused, and the event commits (or rolls back) with the change.
 */
export async function retireChair(ctx: RequestContext, chairId: string, reason: string): Promise<Chair> {
  const why = reason.trim();
  if (!why) throw badInput('Say why the chair is retired', { argument: 'reason' });
  if (why.length > MAX_RETIREMENT_REASON) throw badInput(`The reason may be at most ${MAX_RETIREMENT_REASON} characters`, { argument: 'reason' });
  // The tenant filter hides other clients' chairs (and other sites', for a site-limited caller).
  const chair = isUuid(chairId) ? await ctx.em.findOne(Chair, { id: chairId }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
  if (!chair) throw notFound('Chair', chairId);
  if (chair.retiredAt) throw conflict(`Chair ${chair.label} was already retired`, { chairId, retiredAt: chair.retiredAt });

  chair.active = false;
  chair.retiredAt = new Date();
  chair.retirementReason = why;
  await ctx.em.flush();
  await publish(ctx, ChairRetired, chair.clientId, { chairId: chair.id, siteId: chair.siteId, reason: why, retiredAt: chair.retiredAt.toISOString() });
  return chair;
}
