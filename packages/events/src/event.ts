import type { EntityManager, Loaders, TenantScope } from '@infusion/subgraph-kit';
import type { z } from 'zod';

/**
 * A fact one subgraph states and others act on, e.g. `ChairRetired` v1. The definition is the
 * contract between producer and consumers: its payload schema is checked when the event is
 * published and again when each consumer receives it, and its consumers are who gets a copy.
 */
export interface EventDefinition<Payload> {
  /** Past-tense domain fact, e.g. `ChairRetired`. */
  readonly name: string;
  /** Bumped when the payload changes incompatibly; a consumer handles each version it knows. */
  readonly version: number;
  readonly description: string;
  /** The subgraph that publishes it. */
  readonly producer: string;
  /** Every subgraph that receives its own copy (one delivery each). */
  readonly consumers: readonly string[];
  /** The entity the fact is about, e.g. `Chair`: events of one aggregate are handled in order. */
  readonly aggregate: string;
  /** JSON-shaped payload (strings, numbers, booleans; dates as ISO strings), no transforms. */
  readonly payload: z.ZodType<Payload>;
  /** Method syntax on purpose: a definition of any payload fits `EventDefinition<unknown>`. */
  aggregateId(payload: Payload): string;
  /** Attempts before a delivery is dead-lettered; about 3.5 hours of backoff at the default 10. */
  readonly maxAttempts: number;
}

export const DEFAULT_MAX_ATTEMPTS = 10;

export function defineEvent<Schema extends z.ZodType>(definition: {
  name: string;
  version: number;
  description: string;
  producer: string;
  consumers: readonly string[];
  aggregate: string;
  payload: Schema;
  aggregateId: (payload: z.output<Schema>) => string;
  maxAttempts?: number;
}): EventDefinition<z.output<Schema>> {
  if (!/^[A-Z][A-Za-z0-9]+$/.test(definition.name)) throw new Error(`Event name "${definition.name}" must be PascalCase, e.g. ChairRetired`);
  if (!Number.isInteger(definition.version) || definition.version < 1) throw new Error(`${definition.name}: version must be a positive integer`);
  return { ...definition, maxAttempts: definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS } as EventDefinition<z.output<Schema>>;
}

/** `ChairRetired@v1`: how handlers and logs name one version of an event. */
export const eventKey = (event: { name: string; version: number }): string => `${event.name}@v${event.version}`;

/** Who caused an event: the principal and the request that made the change. */
export interface EventCause {
  kind: string;
  id: string;
  requestId: string;
}

/** One event as a consumer receives it. */
export interface DeliveredEvent<Payload> {
  /** Same for every consumer's copy: the idempotency key. */
  id: string;
  name: string;
  version: number;
  /** The tenant the event belongs to; the handler sees only this client's rows. */
  clientId: string;
  aggregateId: string;
  payload: Payload;
  causedBy: EventCause;
  publishedAt: Date;
  /** 1 on first delivery; more when earlier attempts failed or the consumer crashed. */
  attempt: number;
}

/**
 * What a handler gets: an entity manager forked for the event's client (tenant filter set) and
 * inside a transaction with that client's row-level-security settings. Everything it writes
 * commits together with the record that the event was handled, or not at all.
 */
export interface EventContext<Payload> {
  em: EntityManager;
  loaders: Loaders;
  tenant: TenantScope;
  event: DeliveredEvent<Payload>;
}

export interface EventHandler<Payload = unknown> {
  event: EventDefinition<Payload>;
  handle(context: EventContext<Payload>): Promise<void>;
}

/** A consumer's handler for one version of an event. */
export function onEvent<Payload>(event: EventDefinition<Payload>, handle: (context: EventContext<Payload>) => Promise<void>): EventHandler<Payload> {
  return { event, handle };
}
