import type { EntityClass } from '@mikro-orm/core';
import type { RequestContext } from './context';
import { isUuid } from './loaders';

/** How the subgraph turns a `{ __typename, id }` representation into its entity. */
export type ReferenceResolver = ((reference: { id: string }, context: RequestContext) => unknown) & { owned?: boolean };

/** Resolves `{ id }` representations of an entity this subgraph owns, batched per request. */
export function loadReference<T extends { id: string }>(entity: EntityClass<T>): ReferenceResolver {
  const resolve: ReferenceResolver = (reference, context) => context.loaders.byId(entity).load(reference.id);
  resolve.owned = true;
  return resolve;
}

/**
 * Builds the stub of an entity another subgraph owns, for a subgraph that only adds fields to it:
 * nothing to read, just the key. A key that is not a UUID names nothing, as for owned entities.
 */
export function stubReference<T extends object>(stub: new () => T): ReferenceResolver {
  return (reference) => (isUuid(reference.id) ? Object.assign(new stub(), { id: reference.id }) : null);
}

export const isOwnedReference = (resolver: ReferenceResolver): boolean => resolver.owned === true;
