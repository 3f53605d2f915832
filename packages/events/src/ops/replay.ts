import { conflict, isUuid, notFound, type RequestContext } from '@infusion/subgraph-kit';
import { DELIVERY_TABLE, ENQUEUE_DELIVERY, type DeliveryState } from '../database';
import { EventDelivery } from './event-delivery.entity';

/** The states `failedEvents` lists. */
export const FAILED_STATES: readonly DeliveryState[] = ['RETRYING', 'WAITING', 'DEAD'];

/**
 * Puts a dead-lettered delivery back on its queue with fresh attempts, in the caller's
 * transaction (so the replay is audited and rolls back with the operation). Only dead ones:
 * a retrying delivery is tried again on its own, a waiting one when the event before it is done.
 */
export async function replayDelivery(ctx: Pick<RequestContext, 'em'>, id: string): Promise<EventDelivery> {
  const delivery = isUuid(id) ? await ctx.em.findOne(EventDelivery, { id }) : null;
  if (!delivery) throw notFound('EventDelivery', id);
  if (delivery.state !== 'DEAD') throw conflict(`Only a dead-lettered delivery can be replayed; this one is ${delivery.state}`, { state: delivery.state });
  const [row] = await ctx.em.execute<{ enqueued: string }[]>(
    `with d as (
       update ${DELIVERY_TABLE} set state = 'PENDING', attempts = 0, blocked_by = null
       where client_id = ? and id = ? and state = 'DEAD'
       returning client_id, id, consumer, queue_name, max_attempts
     )
     select count(${ENQUEUE_DELIVERY}) as enqueued from d`,
    [delivery.clientId, delivery.id],
  );
  if (Number(row?.enqueued) !== 1) throw conflict('The delivery changed meanwhile; reload it and try again');
  await ctx.em.refresh(delivery);
  return delivery;
}
