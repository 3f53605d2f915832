import { randomUUID } from 'node:crypto';
import { defineEvent, onEvent, pruneHandledDeliveries, publish, readBacklog, replayDelivery, type DeliveryCounters, type EventWorker } from '@infusion/events';
import { TENANT_FILTER, type MikroORM } from '@infusion/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Note, SCHEMA, asRequest, createScratchSchema, dropScratchSchema, openAppOrm, ownerQuery, startWorker, suffix, until } from './kit-harness';

/*
 * The events kit end to end on real PostgreSQL: two consumers with their own workers, publishes
 * made the way a GraphQL operation makes them (a tenant-filtered fork in one transaction with
 * row-level-security settings, as the application role).
 */

const LEDGER = `ledger-${suffix}`;
const AUDITOR = `auditor-${suffix}`;

/** A test fact about a ledger; both consumers get a copy. Two attempts, so dead letters come quickly. */
const Ticked = defineEvent({
  name: 'Ticked',
  version: 1,
  description: 'A ledger ticked.',
  producer: 'test',
  consumers: [LEDGER, AUDITOR],
  aggregate: 'Ledger',
  payload: z.object({ ledgerId: z.string().min(1), n: z.number().int() }),
  aggregateId: (p) => p.ledgerId,
  maxAttempts: 2,
});

/** Failures to inject, by `${consumer}:${ledgerId}:${n}`: a number fails that many times, 'always' until removed. */
const failures = new Map<string, number | 'always'>();

function handlerFor(consumer: string) {
  return onEvent(Ticked, async ({ em, event }) => {
    const key = `${consumer}:${event.payload.ledgerId}:${event.payload.n}`;
    const planned = failures.get(key);
    if (planned === 'always' || (typeof planned === 'number' && planned > 0)) {
      if (typeof planned === 'number') failures.set(key, planned - 1);
      throw new Error(`injected failure of ${key}`);
    }
    const byOrm = await em.count(Note, {});
    const [bySql] = await em.execute<{ n: number }[]>(`select count(*)::int as n from ${SCHEMA}.note`);
    await em.execute(
      `insert into ${SCHEMA}.effect (client_id, consumer, event_id, aggregate_id, n, attempt, filter_client_ids, notes_by_orm, notes_by_sql) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [event.clientId, consumer, event.id, event.aggregateId, event.payload.n, event.attempt, JSON.stringify(em.getFilterParams(TENANT_FILTER)), byOrm, bySql!.n],
    );
  });
}

interface Effect {
  consumer: string;
  event_id: string;
  aggregate_id: string;
  n: number;
  filter_client_ids: string;
  notes_by_orm: number;
  notes_by_sql: number;
}

const effects = (where = 'true', params: unknown[] = []) => ownerQuery<Effect>(`select * from ${SCHEMA}.effect where ${where} order by seq`, params);
const deliveries = (eventId: string) =>
  ownerQuery<{ id: string; consumer: string; state: string; attempts: number; last_error: string | null; blocked_by: string | null }>(
    'select id, consumer, state, attempts, last_error, blocked_by from events.delivery where event_id = $1 order by consumer',
    [eventId],
  );
const stateOf = async (eventId: string, consumer: string) => (await deliveries(eventId)).find((d) => d.consumer === consumer);

let orm: MikroORM;
const workers: EventWorker[] = [];
let ledgerCounters: DeliveryCounters;
const clientA = randomUUID();
const clientB = randomUUID();

async function tick(clientId: string, ledgerId: string, n: number, outcome: 'commit' | 'rollback' = 'commit'): Promise<string> {
  return asRequest(orm, { clientIds: [clientId], siteIds: null }, (ctx) => publish(ctx, Ticked, clientId, { ledgerId, n }), outcome);
}

const handledBy = (consumer: string, eventId: string) => until(`${consumer} handled ${eventId}`, async () => (await stateOf(eventId, consumer))?.state === 'HANDLED');

beforeAll(async () => {
  await createScratchSchema();
  orm = await openAppOrm();
  const ledger = await startWorker(orm, LEDGER, [handlerFor(LEDGER)]);
  const auditor = await startWorker(orm, AUDITOR, [handlerFor(AUDITOR)]);
  workers.push(ledger.worker, auditor.worker);
  ledgerCounters = ledger.counters;
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await orm?.close();
  await dropScratchSchema();
});

describe('publishing in the transaction of the change', () => {
  it('never delivers an event whose transaction rolled back', async () => {
    const ledgerId = randomUUID();
    const rolledBack = await tick(clientA, ledgerId, 1, 'rollback');
    const committed = await tick(clientA, ledgerId, 2);
    await handledBy(LEDGER, committed);
    await handledBy(AUDITOR, committed);

    expect(await deliveries(rolledBack)).toEqual([]);
    expect(await ownerQuery("select id from graphile_worker.jobs where key like 'delivery:%' and task_identifier like $1", [`%-${suffix}`])).toEqual([]);
    expect((await effects('aggregate_id = $1', [ledgerId])).map((e) => e.n)).toEqual([2, 2]);
  });

  it('refuses a payload that does not match the event’s schema, before anything is written', async () => {
    const ledgerId = randomUUID();
    await expect(
      asRequest(orm, { clientIds: [clientA], siteIds: null }, (ctx) => publish(ctx, Ticked, clientA, { ledgerId, n: 1.5 })),
    ).rejects.toThrow(/payload does not match its schema/);
    expect(await ownerQuery('select 1 from events.delivery where aggregate_id = $1', [ledgerId])).toEqual([]);
  });

  it('refuses to publish an event of a client the request may not see', async () => {
    await expect(asRequest(orm, { clientIds: [clientA], siteIds: null }, (ctx) => publish(ctx, Ticked, clientB, { ledgerId: 'x', n: 1 }))).rejects.toThrow(
      /your own clients/,
    );
  });
});

describe('delivery to each consumer', () => {
  it('delivers a committed event once to each consumer, under the event’s own client', async () => {
    const eventId = await tick(clientB, randomUUID(), 1);
    await handledBy(LEDGER, eventId);
    await handledBy(AUDITOR, eventId);
    const seen = await effects('event_id = $1', [eventId]);
    expect(seen.map((e) => e.consumer).sort()).toEqual([AUDITOR, LEDGER].sort());
    expect(seen.every((e) => JSON.parse(e.filter_client_ids).clientIds[0] === clientB)).toBe(true);
  });

  it('skips a redelivered event: the second delivery of a handled event changes nothing', async () => {
    const eventId = await tick(clientA, randomUUID(), 1);
    await handledBy(LEDGER, eventId);
    const delivery = (await stateOf(eventId, LEDGER))!;
    const skippedBefore = ledgerCounters.duplicatesSkipped;
    // The queue delivers the same delivery again (as after a crash before acknowledging).
    await ownerQuery(
      `select graphile_worker.add_job($1, json_build_object('clientId', $2::uuid, 'deliveryId', $3::uuid), queue_name := $4, job_key := 'again:' || $3)`,
      [`deliver-to-${LEDGER}`, clientA, delivery.id, `events:${LEDGER}:again`],
    );
    await until('the redelivery was skipped', async () => ledgerCounters.duplicatesSkipped > skippedBefore);
    expect((await effects('event_id = $1 and consumer = $2', [eventId, LEDGER])).length).toBe(1);
  });

  it('checks the payload again on receipt against the consumer’s schema, and dead-letters what does not match', async () => {
    const [row] = await ownerQuery<{ id: string; event_id: string }>(
      `insert into events.delivery (client_id, event_id, event_name, event_version, consumer, aggregate_type, aggregate_id, queue_name, payload, caused_by, max_attempts)
       values ($1, gen_random_uuid(), 'Ticked', 1, $2, 'Ledger', 'malformed', $3, '{"ledgerId": "malformed", "n": "one"}', '{"kind":"OPS_USER","id":"t","requestId":"r"}', 1)
       returning id, event_id`,
      [clientA, LEDGER, `events:${LEDGER}:malformed`],
    );
    await ownerQuery(`select graphile_worker.add_job($1, json_build_object('clientId', $2::uuid, 'deliveryId', $3::uuid), queue_name := $4, max_attempts := 1)`, [
      `deliver-to-${LEDGER}`,
      clientA,
      row!.id,
      `events:${LEDGER}:malformed`,
    ]);
    const dead = await until('the malformed event is dead-lettered', async () => {
      const d = await stateOf(row!.event_id, LEDGER);
      return d?.state === 'DEAD' ? d : undefined;
    });
    expect(dead.last_error).toMatch(/does not match the schema/);
    expect(await effects('event_id = $1', [row!.event_id])).toEqual([]);
  });
});

describe('order, failures and dead letters', () => {
  it('handles one aggregate’s events in publish order even when one fails and is retried', async () => {
    const ledgerId = randomUUID();
    failures.set(`${LEDGER}:${ledgerId}:2`, 1);
    const ids: string[] = [];
    for (let n = 1; n <= 5; n++) ids.push(await tick(clientA, ledgerId, n));
    // Two more in one transaction: still in publish order.
    ids.push(
      ...(await asRequest(orm, { clientIds: [clientA], siteIds: null }, async (ctx) => [
        await publish(ctx, Ticked, clientA, { ledgerId, n: 6 }),
        await publish(ctx, Ticked, clientA, { ledgerId, n: 7 }),
      ])),
    );
    await handledBy(LEDGER, ids.at(-1)!);
    await handledBy(AUDITOR, ids.at(-1)!);
    expect((await effects('aggregate_id = $1 and consumer = $2', [ledgerId, LEDGER])).map((e) => e.n)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((await effects('aggregate_id = $1 and consumer = $2', [ledgerId, AUDITOR])).map((e) => e.n)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((await stateOf(ids[1]!, LEDGER))!.attempts).toBe(2);
  });

  it('dead-letters an event that keeps failing without blocking other aggregates or consumers; a replay after the fix delivers it and the events held behind it, in order', async () => {
    const poisoned = randomUUID();
    const other = randomUUID();
    failures.set(`${LEDGER}:${poisoned}:1`, 'always');
    const p1 = await tick(clientA, poisoned, 1);
    const p2 = await tick(clientA, poisoned, 2);
    const others = [await tick(clientA, other, 1), await tick(clientB, other, 2)];

    // Other aggregates, and the other consumer of the same events, go on.
    for (const id of others) await handledBy(LEDGER, id);
    await handledBy(AUDITOR, p2);
    const dead = await until('the poisoned event is dead-lettered', async () => {
      const d = await stateOf(p1, LEDGER);
      return d?.state === 'DEAD' ? d : undefined;
    });
    expect(dead.last_error).toMatch(/^Error: injected failure/);
    // The event behind it waited rather than overtaking it, and gave up waiting too.
    const held = await until('the event behind it gives up waiting', async () => {
      const d = await stateOf(p2, LEDGER);
      return d?.state === 'DEAD' ? d : undefined;
    });
    expect(held.blocked_by).toBe(dead.id);
    expect(await effects('aggregate_id = $1 and consumer = $2', [poisoned, LEDGER])).toEqual([]);
    expect((await readBacklog(orm, LEDGER)).dead).toBeGreaterThanOrEqual(2);

    failures.delete(`${LEDGER}:${poisoned}:1`);
    const replayed = await asRequest(orm, { clientIds: null, siteIds: null }, (ctx) => replayDelivery(ctx, dead.id));
    expect(replayed.state).toBe('PENDING');
    await handledBy(LEDGER, p2);
    expect((await effects('aggregate_id = $1 and consumer = $2', [poisoned, LEDGER])).map((e) => e.n)).toEqual([1, 2]);
  });
});

describe('housekeeping', () => {
  it('forgets handled events after the retention period, and only those', async () => {
    const old = await tick(clientA, randomUUID(), 1);
    const recent = await tick(clientA, randomUUID(), 1);
    await handledBy(LEDGER, old);
    await handledBy(LEDGER, recent);
    await ownerQuery("update events.delivery set handled_at = now() - interval '31 days' where event_id = $1", [old]);
    expect(await pruneHandledDeliveries(orm, LEDGER)).toBe(1);
    expect(await deliveries(old)).toEqual([expect.objectContaining({ consumer: AUDITOR, state: 'HANDLED' })]);
    expect((await stateOf(recent, LEDGER))?.state).toBe('HANDLED');
  });
});

describe('tenancy inside a handler', () => {
  it('shows a handler only its event’s client’s rows, through the ORM filter and through row-level security', async () => {
    const notes = (clientId: string, count: number) =>
      Array.from({ length: count }, (_, i) => `('${clientId}', '${randomUUID()}', 'note ${i}')`).join(', ');
    const c1 = randomUUID();
    const c2 = randomUUID();
    await ownerQuery(`insert into ${SCHEMA}.note (client_id, id, text) values ${notes(c1, 3)}, ${notes(c2, 5)}`);
    const e1 = await tick(c1, randomUUID(), 1);
    const e2 = await tick(c2, randomUUID(), 1);
    await handledBy(LEDGER, e1);
    await handledBy(LEDGER, e2);
    const [seen1] = await effects('event_id = $1 and consumer = $2', [e1, LEDGER]);
    const [seen2] = await effects('event_id = $1 and consumer = $2', [e2, LEDGER]);
    expect(seen1).toMatchObject({ notes_by_orm: 3, notes_by_sql: 3 });
    expect(JSON.parse(seen1!.filter_client_ids)).toEqual({ clientIds: [c1], siteIds: null });
    expect(seen2).toMatchObject({ notes_by_orm: 5, notes_by_sql: 5 });
  });
});
