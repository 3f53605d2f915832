import { z } from 'zod';
import { defineEvent, type EventDefinition } from './event';

/**
 * Every event one subgraph publishes for others, with who consumes it. Subgraphs never import
 * each other, so the contract between them lives here: the producer publishes the definition,
 * each consumer registers a handler for it, and a subgraph refuses to start when a handler is
 * missing for an event that names it as a consumer (or a handler exists for one that does not).
 */

/** Facilities took a chair out of service for good; scheduling stops booking it. */
export const ChairRetired = defineEvent({
  name: 'ChairRetired',
  version: 1,
  description: 'A chair was taken out of service for good; it can no longer be booked.',
  producer: 'facilities',
  consumers: ['scheduling'],
  aggregate: 'Chair',
  payload: z.object({
    chairId: z.uuid(),
    siteId: z.uuid(),
    reason: z.string().min(1).max(500),
    retiredAt: z.iso.datetime({ offset: true }),
  }),
  aggregateId: (payload) => payload.chairId,
});

export const EVENT_CATALOGUE: readonly EventDefinition<unknown>[] = [ChairRetired];
