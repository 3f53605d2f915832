import type { SubgraphEventsHook } from '@infusion/subgraph-kit';
import { EVENT_CATALOGUE } from './catalogue';
import { readEventsConfig } from './config';
import { migrateEvents } from './database';
import { eventKey, type EventDefinition, type EventHandler } from './event';
import { DeliveryCounters, deliveryMetricLines } from './metrics';
import { startEventWorker } from './worker';

export interface SubgraphEventsOptions {
  /** The subgraph's name, as the catalogue lists it among an event's consumers. */
  subgraph: string;
  /** One per event version the catalogue says this subgraph consumes. */
  handlers?: readonly EventHandler[];
  catalogue?: readonly EventDefinition<unknown>[];
}

/** A handler nobody sends to, or an event nobody handles, fails at start rather than in production. */
export function checkHandlers(subgraph: string, handlers: readonly EventHandler[], catalogue: readonly EventDefinition<unknown>[]): void {
  const problems: string[] = [];
  const handled = new Set<string>();
  for (const { event } of handlers) {
    const key = eventKey(event);
    if (handled.has(key)) problems.push(`two handlers for ${key}`);
    handled.add(key);
    if (!catalogue.includes(event as EventDefinition<unknown>)) problems.push(`${key} is not in the event catalogue`);
    else if (!event.consumers.includes(subgraph)) problems.push(`${key} does not list ${subgraph} among its consumers`);
  }
  for (const event of catalogue) {
    if (event.consumers.includes(subgraph) && !handled.has(eventKey(event))) problems.push(`${eventKey(event)} lists ${subgraph} as a consumer but it has no handler`);
  }
  if (problems.length) throw new Error(`${subgraph} events:\n  ${problems.join('\n  ')}`);
}

/**
 * Plugs events into a subgraph (`SubgraphDefinition.events`): the queue's setup when the
 * subgraph migrates, and, when it consumes events, a delivery worker inside its own process
 * (EVENTS_WORKER=off leaves the worker out; the backlog still shows on `/metrics`).
 */
export function subgraphEvents(options: SubgraphEventsOptions): SubgraphEventsHook {
  const { subgraph, handlers = [], catalogue = EVENT_CATALOGUE } = options;
  checkHandlers(subgraph, handlers, catalogue);
  return {
    migrate: migrateEvents,
    async start({ orm, databaseUrl, metrics, bounds }) {
      const config = readEventsConfig();
      const runsWorker = handlers.length > 0 && config.worker;
      const counters = runsWorker ? new DeliveryCounters() : undefined;
      metrics.collect((service) => deliveryMetricLines(orm, subgraph, counters, service));
      if (!runsWorker) return { stop: async () => undefined };
      return startEventWorker({
        consumer: subgraph,
        orm,
        databaseUrl,
        handlers,
        concurrency: config.concurrency,
        counters: counters!,
        bounds,
        crashAfterHandling: config.crashAfterHandling,
      });
    },
  };
}
