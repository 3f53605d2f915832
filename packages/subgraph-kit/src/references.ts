import type { EntityClass } from '@mikro-orm/core';
import type { RequestContext } from './context';
import type { ReferenceResolver } from './schema';

/** Resolves `{ id }` representations of an entity this subgraph owns, batched per request. */
export function loadReference<T extends { id: string }>(entity: EntityClass<T>): ReferenceResolver {
  return (reference: { id: string }, context: RequestContext) => context.loaders.byId(entity).load(reference.id);
}

/**
 * Builds the stub of an entity another subgraph owns, for a subgraph that only adds fields to it:
 * nothing to read, just the key.
 */
export function stubReference<T extends object>(stub: new () => T): ReferenceResolver {
  return (reference: { id: string }) => Object.assign(new stub(), { id: reference.id });
}
