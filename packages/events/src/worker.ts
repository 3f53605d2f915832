import { EventEmitter } from 'node:events';
import { logger, type DatabaseBounds, type MikroORM } from '@infusion/subgraph-kit';
import { Logger, run, type Runner, type Task, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import { DELIVERY_TABLE, taskIdentifier } from './database';
import { DeliveryRunner, EventRefused } from './deliver';
import type { EventHandler } from './event';
import type { DeliveryCounters } from './metrics';
import { WorkerLiveness } from './recovery';
import { ALL_CLIENTS, inTenantTransaction } from './tenant-transaction';

/**
 * How long a consumer keeps the record of a handled event. It only guards against redelivery,
 * which can happen only while the event's job exists (minutes after a crash, four hours at
 * worst); the rest is history for ops.
 */
export const HANDLED_RETENTION_DAYS = 30;

/** Deletes a consumer's records of events handled longer ago than the retention; returns how many. */
export async function pruneHandledDeliveries(orm: MikroORM, consumer: string, retentionDays = HANDLED_RETENTION_DAYS): Promise<number> {
  const rows = await inTenantTransaction(orm, ALL_CLIENTS, (em) =>
    em.execute<{ id: string }[]>(
      `delete from ${DELIVERY_TABLE} where consumer = ? and state = 'HANDLED' and handled_at < clock_timestamp() - make_interval(days => ?) returning id`,
      [consumer, retentionDays],
    ),
  );
  return rows.length;
}

export interface EventWorkerOptions {
  /** The consuming subgraph; the worker runs only deliveries addressed to it. */
  consumer: string;
  orm: MikroORM;
  /** The application role's URL (the same the subgraph serves requests with). */
  databaseUrl: string;
  handlers: readonly EventHandler[];
  /** Deliveries handled at once (each on its own named queue, so never two of one aggregate). */
  concurrency: number;
  counters: DeliveryCounters;
  /** The subgraph's limits on a transaction, applied to each handler's too (statement timeout). */
  bounds?: Pick<DatabaseBounds, 'statementTimeoutMs' | 'idleInTransactionTimeoutMs'>;
  /** Test-only fault injection: die (SIGKILL) after a handler commits, before the queue hears of it. */
  crashAfterHandling?: boolean;
  /** How often to look for jobs of crashed workers (ms). */
  recoveryIntervalMs?: number;
  /** How often graphile-worker looks for retries that have come due (ms); new jobs arrive by LISTEN/NOTIFY. */
  pollIntervalMs?: number;
}

export interface EventWorker {
  stop(): Promise<void>;
}

/**
 * graphile-worker's warnings and errors into the platform's log, except per-job failures: we log
 * those ourselves, without the error's message when it came from the database (it carries SQL).
 */
function workerLogger(consumer: string): Logger {
  return new Logger(() => (level, message, meta) => {
    if ((meta as { failure?: boolean } | undefined)?.failure) return;
    if (String(level) === 'error') logger.error({ consumer }, `events: ${message}`);
    else if (String(level) === 'warning') logger.warn({ consumer }, `events: ${message}`);
  });
}

/**
 * Runs a subgraph's event deliveries inside its own process: graphile-worker takes jobs (LISTEN/
 * NOTIFY for new ones, polling for retries that come due), one named queue at a time per
 * aggregate bucket, retrying failures with exponential backoff until they are dead-lettered.
 */
export async function startEventWorker(options: EventWorkerOptions): Promise<EventWorker> {
  const { consumer, counters } = options;
  const delivery = new DeliveryRunner(options.orm, consumer, options.handlers, options.bounds);
  const applicationName = `infusion-events:${consumer}`;

  const deliver: Task = async (payload, helpers) => {
    const { attempts, max_attempts: maxAttempts } = helpers.job;
    try {
      const outcome = await delivery.deliver(payload, attempts);
      if (outcome === 'duplicate') counters.duplicatesSkipped++;
      else counters.handled++;
    } catch (error) {
      counters.failedAttempts++;
      const state = await delivery.recordFailure(payload, attempts, maxAttempts, error).catch((bookkeeping: unknown) => {
        logger.error({ consumer, job: helpers.job.id, err: bookkeeping }, 'events: could not record a failed delivery');
        return undefined;
      });
      if (state !== 'WAITING') {
        const line = { consumer, job: helpers.job.id, attempt: attempts, maxAttempts, state, err: error };
        if (state === 'DEAD') logger.error(line, 'events: delivery dead-lettered');
        else logger.warn(line, 'events: delivery failed; retrying');
      }
      // A refusal, once recorded as dead, ends the job: replayFailedEvent enqueues a fresh one.
      if (state === 'DEAD' && error instanceof EventRefused) return;
      throw error; // graphile-worker schedules the retry, or keeps the job as permanently failed
    }
    if (options.crashAfterHandling) process.kill(process.pid, 'SIGKILL');
  };

  const prune: Task = async () => {
    await pruneHandledDeliveries(options.orm, consumer);
  };
  const pruneTask = `prune-deliveries-${consumer}`;

  const pgPool = new pg.Pool({ connectionString: options.databaseUrl, max: options.concurrency + 2, application_name: applicationName });
  // A connection dropped by the server must not take the subgraph down: pg drops it from the
  // pool (or raises it on the next query of a checked-out one) and the worker reconnects.
  pgPool.on('error', (error) => logger.warn({ consumer, err: error }, 'events: idle connection lost'));
  pgPool.on('connect', (client) => client.on('error', (error) => logger.warn({ consumer, err: error }, 'events: connection lost')));
  const events: WorkerEvents = new EventEmitter();
  let poolId: string | undefined;
  events.on('pool:create', ({ workerPool }) => {
    poolId = workerPool.id;
  });

  let runner: Runner | undefined;
  let liveness: WorkerLiveness | undefined;
  let timer: NodeJS.Timeout | undefined;
  const stop = async () => {
    if (timer) clearInterval(timer);
    await runner?.stop().catch((error: unknown) => logger.error({ consumer, err: error }, 'events: worker did not stop cleanly'));
    await liveness?.release();
    await pgPool.end();
  };
  try {
    runner = await run({
      pgPool,
      taskList: { [taskIdentifier(consumer)]: deliver, [pruneTask]: prune },
      concurrency: options.concurrency,
      // The subgraph process stops us on its own signals, in order (exitCleanlyOnSignals).
      noHandleSignals: true,
      pollInterval: options.pollIntervalMs ?? 1000,
      // Daily, at a quiet hour (UTC); graphile-worker runs it once across all instances.
      crontab: `17 4 * * * ${pruneTask}`,
      logger: workerLogger(consumer),
      events,
    });
    if (!poolId) throw new Error('graphile-worker did not report its worker pool');
    liveness = await WorkerLiveness.claim(options.databaseUrl, poolId, applicationName);
    const recover = () =>
      liveness!.recoverCrashedWorkers().then(
        (pools) => {
          if (pools.length) logger.warn({ consumer, workerPools: pools }, 'events: released the jobs of worker pools that died');
        },
        (error: unknown) => logger.error({ consumer, err: error }, 'events: recovery sweep failed'),
      );
    await recover();
    timer = setInterval(() => void recover(), options.recoveryIntervalMs ?? 10_000);
    timer.unref();
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
