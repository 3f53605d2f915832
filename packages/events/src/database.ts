import { logger, rowLevelSecuritySql } from '@infusion/subgraph-kit';
import { Logger, runMigrations } from 'graphile-worker';
import pg from 'pg';

/**
 * Where events live in PostgreSQL, beside the subgraphs' own schemas:
 *  - `graphile_worker`: the queue itself (graphile-worker's tables, installed by its migrations);
 *  - `events.delivery`: one row per event per consumer, graphile-worker's recommended "shadow"
 *    table. It is the outbox record (written in the producer's transaction), the consumer's
 *    record of handled events (written in the handler's transaction), the dead-letter list ops
 *    read, and what per-aggregate ordering and the metrics are computed from.
 */
export const WORKER_SCHEMA = 'graphile_worker';
export const DELIVERY_TABLE = 'events.delivery';

export const DELIVERY_STATES = ['PENDING', 'RETRYING', 'WAITING', 'DEAD', 'HANDLED'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** graphile-worker's task for a consumer: each subgraph's worker runs only its own. */
const TASK_PREFIX = 'deliver-to-';
export const taskIdentifier = (consumer: string): string => `${TASK_PREFIX}${consumer}`;

/**
 * Deliveries to one consumer are spread over this many named queues by aggregate. A named queue
 * runs one job at a time, so one aggregate's events run in order, while other aggregates run in
 * parallel on the other queues (graphile-worker advises against a queue per aggregate id).
 */
export const QUEUE_BUCKETS = 32;

/**
 * Enqueues the deliveries selected as `d` (publish, wake-up and replay share it). With a job
 * key per delivery, `add_job` inserts the job or, for an existing one that is not running,
 * resets its attempts and runs it now. `run_at` is the statement's clock, so two events of one
 * aggregate published in one transaction still queue in publish order.
 */
export const ENQUEUE_DELIVERY = `${WORKER_SCHEMA}.add_job(
  '${TASK_PREFIX}' || d.consumer,
  json_build_object('clientId', d.client_id, 'deliveryId', d.id),
  queue_name := d.queue_name,
  run_at := clock_timestamp(),
  max_attempts := d.max_attempts,
  job_key := 'delivery:' || d.id
)`;

/** graphile-worker's own tables (0.17), which the application role reads and writes. */
const WORKER_TABLES = ['_private_jobs', '_private_job_queues', '_private_tasks', '_private_known_crontabs'];

/** Idempotent, so every subgraph's `migrate` may run it; later changes append `if not exists` steps. */
export function deliveryTableSql(appRole?: string): string[] {
  const statements = [
    'create schema if not exists events',
    `create table if not exists ${DELIVERY_TABLE} (
      client_id uuid not null,
      id uuid not null default gen_random_uuid(),
      seq bigint generated always as identity,
      event_id uuid not null,
      event_name text not null,
      event_version integer not null,
      consumer text not null,
      aggregate_type text not null,
      aggregate_id text not null,
      queue_name text not null,
      payload jsonb not null,
      caused_by jsonb not null,
      published_at timestamptz not null default clock_timestamp(),
      state text not null default 'PENDING' check (state in (${DELIVERY_STATES.map((s) => `'${s}'`).join(', ')})),
      attempts integer not null default 0,
      max_attempts integer not null check (max_attempts > 0),
      last_error text,
      last_attempt_at timestamptz,
      blocked_by uuid,
      handled_at timestamptz,
      primary key (client_id, id),
      unique (client_id, event_id, consumer)
    )`,
    `create unique index if not exists delivery_seq_idx on ${DELIVERY_TABLE} (seq)`,
    `create index if not exists delivery_id_idx on ${DELIVERY_TABLE} (id)`,
    // Per-aggregate order: is an earlier delivery of this aggregate to this consumer still open?
    `create index if not exists delivery_open_aggregate_idx on ${DELIVERY_TABLE} (consumer, aggregate_type, aggregate_id, seq) where state <> 'HANDLED'`,
    // Backlog, oldest undelivered, dead letters.
    `create index if not exists delivery_open_idx on ${DELIVERY_TABLE} (consumer, state, published_at) where state <> 'HANDLED'`,
    `create index if not exists delivery_handled_idx on ${DELIVERY_TABLE} (consumer, handled_at) where state = 'HANDLED'`,
    `drop policy if exists events_delivery_tenant on ${DELIVERY_TABLE}`,
    // The same isolation as every tenant table: a handler, a publisher and an ops reader each
    // see and write only the clients their transaction's settings name.
    ...rowLevelSecuritySql(DELIVERY_TABLE, { client: 'client_id' }),
  ];
  if (appRole) {
    statements.push(
      `grant usage on schema events to "${appRole}"`,
      `grant select, insert, update, delete on ${DELIVERY_TABLE} to "${appRole}"`,
      // graphile-worker's functions run as the caller: the subgraphs enqueue (add_job) and work
      // the queue as the application role, so it needs the queue's tables, but owns none.
      `grant usage on schema ${WORKER_SCHEMA} to "${appRole}"`,
      `grant select, insert, update, delete on all tables in schema ${WORKER_SCHEMA} to "${appRole}"`,
      `grant usage, select on all sequences in schema ${WORKER_SCHEMA} to "${appRole}"`,
      // graphile-worker enables row-level security on its tables with no policy (so that only
      // the owner sees them); the application role works the queue, so it gets a policy of its own.
      ...WORKER_TABLES.flatMap((table) => [
        `drop policy if exists app_works_queue on ${WORKER_SCHEMA}.${table}`,
        `create policy app_works_queue on ${WORKER_SCHEMA}.${table} to "${appRole}" using (true) with check (true)`,
      ]),
    );
  }
  return statements;
}

/** Lock key serialising the events setup of subgraphs migrating in parallel. */
const SETUP_LOCK = 4243;

/** Only problems reach the log from graphile-worker's own messages at migrate time. */
const quietLogger = new Logger(() => (level, message) => {
  if (String(level) === 'error' || String(level) === 'warning') logger.warn(`events setup: ${message}`);
});

/**
 * Installs or upgrades the queue (graphile-worker's migrations) and the delivery table, then
 * lets `appRole` use both. Runs at migrate time as the owner role, never at subgraph start:
 * the application role may not create or alter anything.
 */
export async function migrateEvents(databaseUrl: string, appRole?: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [SETUP_LOCK]);
    await runMigrations({ connectionString: databaseUrl, logger: quietLogger });
    await client.query('begin');
    for (const sql of deliveryTableSql(appRole)) await client.query(sql);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.query('select pg_advisory_unlock($1)', [SETUP_LOCK]).catch(() => undefined);
    await client.end();
  }
}
