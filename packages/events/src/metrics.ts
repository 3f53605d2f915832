import type { MikroORM } from '@infusion/subgraph-kit';
import { DELIVERY_TABLE } from './database';
import { ALL_CLIENTS, inTenantTransaction } from './tenant-transaction';

/** Counters of one process's event worker. */
export class DeliveryCounters {
  handled = 0;
  duplicatesSkipped = 0;
  failedAttempts = 0;
}

interface Backlog {
  backlog: number;
  dead: number;
  oldest_seconds: number;
}

/** How far behind a consumer is, from the delivery table (so every instance reports the same). */
export async function readBacklog(orm: MikroORM, consumer: string): Promise<Backlog> {
  const [row] = await inTenantTransaction(orm, ALL_CLIENTS, (em) =>
    em.execute<Backlog[]>(
      `select count(*) filter (where state <> 'DEAD')::int as backlog,
              count(*) filter (where state = 'DEAD')::int as dead,
              coalesce(extract(epoch from clock_timestamp() - min(published_at) filter (where state <> 'DEAD')), 0)::float8 as oldest_seconds
       from ${DELIVERY_TABLE} where consumer = ? and state <> 'HANDLED'`,
      [consumer],
    ),
  );
  return row ?? { backlog: 0, dead: 0, oldest_seconds: 0 };
}

/** Prometheus lines for `/metrics`: the backlog gauges, then this process's counters. */
export async function deliveryMetricLines(orm: MikroORM, consumer: string, counters: DeliveryCounters | undefined, service: string): Promise<string[]> {
  const label = `{service="${service}"}`;
  const { backlog, dead, oldest_seconds } = await readBacklog(orm, consumer);
  const lines = [
    '# HELP events_backlog Events committed for this subgraph and not yet handled (dead letters excluded).',
    '# TYPE events_backlog gauge',
    `events_backlog${label} ${backlog}`,
    '# HELP events_oldest_undelivered_seconds Age of the oldest event not yet handled (dead letters excluded); 0 when none.',
    '# TYPE events_oldest_undelivered_seconds gauge',
    `events_oldest_undelivered_seconds${label} ${oldest_seconds.toFixed(3)}`,
    '# HELP events_dead_letters Events that kept failing and wait for a replay (failedEvents).',
    '# TYPE events_dead_letters gauge',
    `events_dead_letters${label} ${dead}`,
  ];
  if (counters) {
    lines.push(
      '# HELP events_handled_total Events this process handled (committed).',
      '# TYPE events_handled_total counter',
      `events_handled_total${label} ${counters.handled}`,
      '# HELP events_duplicates_skipped_total Redeliveries of events already handled, skipped without effect.',
      '# TYPE events_duplicates_skipped_total counter',
      `events_duplicates_skipped_total${label} ${counters.duplicatesSkipped}`,
      '# HELP events_failed_attempts_total Delivery attempts that failed (and will be retried or were dead-lettered).',
      '# TYPE events_failed_attempts_total counter',
      `events_failed_attempts_total${label} ${counters.failedAttempts}`,
    );
  }
  return lines;
}
