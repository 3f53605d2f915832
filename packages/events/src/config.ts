import { parseEnv } from '@infusion/subgraph-kit';
import { z } from 'zod';

/** The event worker's settings, validated once at start like the subgraph's own. */
const EventsEnv = z.object({
  /** `off` serves GraphQL without consuming (e.g. API-only replicas); deliveries wait for a worker. */
  EVENTS_WORKER: z.enum(['on', 'off']).default('on'),
  EVENTS_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  /** Test-only fault injection, off unless set to 1: the process kills itself after a handler commits. */
  INFUSION_EVENTS_TEST_CRASH_AFTER_HANDLING: z.enum(['0', '1']).default('0'),
});

export interface EventsConfig {
  worker: boolean;
  concurrency: number;
  crashAfterHandling: boolean;
}

export function readEventsConfig(env: NodeJS.ProcessEnv = process.env): EventsConfig {
  const e = parseEnv(EventsEnv, env);
  return { worker: e.EVENTS_WORKER === 'on', concurrency: e.EVENTS_CONCURRENCY, crashAfterHandling: e.INFUSION_EVENTS_TEST_CRASH_AFTER_HANDLING === '1' };
}
