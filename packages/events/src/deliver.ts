import { Loaders, isDatabaseError, type EntityManager, type MikroORM } from '@infusion/subgraph-kit';
import { z } from 'zod';
import { DELIVERY_TABLE, ENQUEUE_DELIVERY, type DeliveryState } from './database';
import { eventKey, type EventCause, type EventHandler } from './event';
import { clientScope, inTenantTransaction, type TransactionBounds } from './tenant-transaction';

/** What a queued job carries: just enough to find its delivery under the right tenant. */
const JobPayload = z.object({ clientId: z.uuid(), deliveryId: z.uuid() });

interface DeliveryRow {
  id: string;
  seq: string;
  event_id: string;
  event_name: string;
  event_version: number;
  consumer: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: unknown;
  caused_by: EventCause;
  published_at: Date;
  state: DeliveryState;
}

/**
 * Thrown (so the queue retries later) when an earlier event of the same aggregate has not been
 * handled by this consumer yet: a retry of the earlier one must not be overtaken.
 */
/**
 * A handler's verdict that retrying cannot help: the event names something this subgraph will
 * never accept as it stands (another client's row, a unit that does not match). The delivery goes
 * to the dead letters at once, with this message, instead of retrying for hours; ops fix the cause
 * and replay it. Anything else a handler throws is retried with backoff, as a passing fault may be.
 */
export class EventRefused extends Error {
  override name = 'EventRefused';
}

export class WaitingForEarlierEvent extends Error {
  constructor(readonly earlier: { id: string; eventName: string; state: DeliveryState }) {
    super(`Waiting for the earlier ${earlier.eventName} of the same aggregate (delivery ${earlier.id}, ${earlier.state})`);
    this.name = 'WaitingForEarlierEvent';
  }
}

/**
 * What an operator may read about a failure: the error's kind and message, but for database
 * errors only their SQLSTATE and constraint (the driver's message carries the SQL).
 */
export function describeFailure(error: unknown): string {
  if (error instanceof WaitingForEarlierEvent) return error.message;
  const e = (typeof error === 'object' && error !== null ? error : {}) as { name?: string; message?: string; code?: unknown; sqlState?: unknown; constraint?: unknown };
  if (isDatabaseError(error)) {
    return `${e.name ?? 'DatabaseError'} (SQLSTATE ${String(e.code ?? e.sqlState)}${typeof e.constraint === 'string' ? `, constraint ${e.constraint}` : ''})`;
  }
  return `${e.name ?? 'Error'}: ${e.message ?? String(error)}`.slice(0, 1000);
}

export type DeliveryOutcome = 'handled' | 'duplicate';

/** One consumer's side of delivery: runs a queued job's handler exactly once in effect. */
export class DeliveryRunner {
  private readonly handlers: Map<string, EventHandler>;

  constructor(
    private readonly orm: MikroORM,
    private readonly consumer: string,
    handlers: readonly EventHandler[],
    private readonly bounds?: TransactionBounds,
  ) {
    this.handlers = new Map(handlers.map((h) => [eventKey(h.event), h]));
  }

  /**
   * Handles one delivery inside one transaction under the event's tenant: lock the delivery
   * row, skip it when already handled (a redelivery after a crash), wait when an earlier event
   * of the aggregate is still open, validate the payload against the consumer's own copy of
   * the schema, run the handler, mark the delivery handled — all committed together.
   */
  async deliver(jobPayload: unknown, attempt: number): Promise<DeliveryOutcome> {
    const { clientId, deliveryId } = JobPayload.parse(jobPayload);
    return inTenantTransaction(this.orm, clientScope(clientId), (em) => this.handleIn(em, clientId, deliveryId, attempt), this.bounds);
  }

  private async handleIn(em: EntityManager, clientId: string, deliveryId: string, attempt: number): Promise<DeliveryOutcome> {
    const [row] = await em.execute<DeliveryRow[]>(
      `select id, seq, event_id, event_name, event_version, consumer, aggregate_type, aggregate_id, payload, caused_by, published_at, state
       from ${DELIVERY_TABLE} where client_id = ? and id = ? for update`,
      [clientId, deliveryId],
    );
    if (!row) throw new Error(`Delivery ${deliveryId} does not exist for client ${clientId}`);
    if (row.consumer !== this.consumer) throw new Error(`Delivery ${deliveryId} is for ${row.consumer}, not ${this.consumer}`);
    if (row.state === 'HANDLED') return 'duplicate';

    const [earlier] = await em.execute<{ id: string; event_name: string; state: DeliveryState }[]>(
      `select id, event_name, state from ${DELIVERY_TABLE}
       where consumer = ? and aggregate_type = ? and aggregate_id = ? and seq < ? and state <> 'HANDLED'
       order by seq limit 1`,
      [row.consumer, row.aggregate_type, row.aggregate_id, row.seq],
    );
    if (earlier) throw new WaitingForEarlierEvent({ id: earlier.id, eventName: earlier.event_name, state: earlier.state });

    const key = eventKey({ name: row.event_name, version: row.event_version });
    const handler = this.handlers.get(key);
    if (!handler) throw new Error(`${this.consumer} has no handler for ${key}`);
    const payload = handler.event.payload.safeParse(row.payload);
    if (!payload.success) throw new Error(`${key} payload does not match the schema ${this.consumer} knows:\n${z.prettifyError(payload.error)}`);

    await handler.handle({
      em,
      loaders: new Loaders(em),
      tenant: clientScope(clientId),
      event: {
        id: row.event_id,
        name: row.event_name,
        version: row.event_version,
        clientId,
        aggregateId: row.aggregate_id,
        payload: payload.data,
        causedBy: row.caused_by,
        publishedAt: new Date(row.published_at),
        attempt,
      },
    });
    await em.flush();
    await em.execute(
      `update ${DELIVERY_TABLE}
       set state = 'HANDLED', handled_at = clock_timestamp(), attempts = ?, last_attempt_at = clock_timestamp(), blocked_by = null
       where client_id = ? and id = ?`,
      [attempt, clientId, deliveryId],
    );
    await this.wakeNext(em, row);
    return 'handled';
  }

  /**
   * The aggregate's next event may have been deferred behind this one (and even dead-lettered
   * while it waited): run it now, with fresh attempts, rather than after its backoff.
   */
  private async wakeNext(em: EntityManager, handled: DeliveryRow): Promise<void> {
    await em.execute(
      `with next as (
         select client_id, id, state, blocked_by from ${DELIVERY_TABLE}
         where consumer = ? and aggregate_type = ? and aggregate_id = ? and seq > ? and state <> 'HANDLED'
         order by seq limit 1
       ), d as (
         update ${DELIVERY_TABLE} as delivery set state = 'PENDING', attempts = 0, blocked_by = null
         from next
         where delivery.client_id = next.client_id and delivery.id = next.id
           and (next.state = 'WAITING' or (next.state = 'DEAD' and next.blocked_by is not null))
         returning delivery.client_id, delivery.id, delivery.consumer, delivery.queue_name, delivery.max_attempts
       )
       select count(${ENQUEUE_DELIVERY}) from d`,
      [handled.consumer, handled.aggregate_type, handled.aggregate_id, handled.seq],
    );
  }

  /**
   * Records a failed attempt on the delivery (its own small transaction, the handler's having
   * rolled back), so ops see it as retrying, waiting or dead. The queue schedules the retry.
   */
  async recordFailure(jobPayload: unknown, attempt: number, maxAttempts: number, error: unknown): Promise<DeliveryState | undefined> {
    const parsed = JobPayload.safeParse(jobPayload);
    if (!parsed.success) return undefined;
    const { clientId, deliveryId } = parsed.data;
    const blockedBy = error instanceof WaitingForEarlierEvent ? error.earlier.id : null;
    const state: DeliveryState = attempt >= maxAttempts || error instanceof EventRefused ? 'DEAD' : blockedBy ? 'WAITING' : 'RETRYING';
    const record = (em: EntityManager) =>
      em.execute(
        `update ${DELIVERY_TABLE}
         set state = ?, attempts = ?, last_error = ?, last_attempt_at = clock_timestamp(), blocked_by = ?
         where client_id = ? and id = ? and state <> 'HANDLED'`,
        [state, attempt, describeFailure(error), blockedBy, clientId, deliveryId],
      );
    await inTenantTransaction(this.orm, clientScope(clientId), record, this.bounds);
    return state;
  }
}
