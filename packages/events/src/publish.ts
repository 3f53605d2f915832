import { createHash, randomUUID } from 'node:crypto';
import { forbidden, isUuid, type RequestContext } from '@infusion/subgraph-kit';
import { z } from 'zod';
import { DELIVERY_TABLE, ENQUEUE_DELIVERY, QUEUE_BUCKETS } from './database';
import { eventKey, type EventCause, type EventDefinition } from './event';

/** The parts of a request a publisher needs: its transaction, tenant and caller. */
export type PublishContext = Pick<RequestContext, 'em' | 'tenant' | 'caller' | 'requestId'>;

/** Which of a consumer's named queues an aggregate's events go to (stable across processes). */
export function queueBucket(aggregate: string, aggregateId: string): number {
  return createHash('sha1').update(`${aggregate}:${aggregateId}`).digest().readUInt32BE(0) % QUEUE_BUCKETS;
}

/**
 * Publishes an event as part of the change that causes it: one delivery row and one queued job
 * per consumer, written through the request's own transaction (its connection, its tenant
 * settings). If that transaction rolls back, the event never existed; once it commits, every
 * consumer receives it at least once. Returns the event's id.
 */
export async function publish<Payload>(ctx: PublishContext, event: EventDefinition<Payload>, clientId: string, payload: Payload): Promise<string> {
  // Programming errors, not the caller's: they surface as INTERNAL_SERVER_ERROR and roll back.
  if (!ctx.em.isInTransaction()) throw new Error(`${eventKey(event)} must be published inside the transaction of the change that causes it`);
  if (!isUuid(clientId)) throw new Error(`${eventKey(event)} needs the id of the client it belongs to`);
  const parsed = event.payload.safeParse(payload);
  if (!parsed.success) throw new Error(`${eventKey(event)} payload does not match its schema:\n${z.prettifyError(parsed.error)}`);
  // Row-level security refuses the insert too; this says why.
  if (ctx.tenant.clientIds && !ctx.tenant.clientIds.includes(clientId)) throw forbidden('You may only publish events of your own clients');

  const eventId = randomUUID();
  if (event.consumers.length === 0) return eventId;
  const aggregateId = event.aggregateId(parsed.data);
  const { principal } = ctx.caller;
  const causedBy: EventCause = { kind: principal.kind, id: principal.id, requestId: ctx.requestId };
  await ctx.em.execute(
    `with d as (
      insert into ${DELIVERY_TABLE} (client_id, event_id, event_name, event_version, consumer, aggregate_type, aggregate_id, queue_name, payload, caused_by, max_attempts)
      select ?, ?, ?, ?, c.consumer, ?, ?, 'events:' || c.consumer || ':' || ?, ?::jsonb, ?::jsonb, ?
      from jsonb_array_elements_text(?::jsonb) as c (consumer)
      returning client_id, id, consumer, queue_name, max_attempts
    )
    select count(${ENQUEUE_DELIVERY}) as enqueued from d`,
    [
      clientId,
      eventId,
      event.name,
      event.version,
      event.aggregate,
      aggregateId,
      String(queueBucket(event.aggregate, aggregateId)),
      JSON.stringify(parsed.data),
      JSON.stringify(causedBy),
      event.maxAttempts,
      JSON.stringify(event.consumers),
    ],
  );
  return eventId;
}
