import type { EntityClass } from '@mikro-orm/core';
import { isListType, isNonNullType } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import type { RequestContext } from './context';
import { notFound } from './errors';
import { isUuid } from './loaders';
import { TENANT_KEYED_TYPES, tenantAllows } from './tenancy';

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
  return (reference) => (isUuid(reference.id) ? stubOf(stub, reference.id) : null);
}

/** The stub of an entity another subgraph owns, from the id this subgraph stores (`patient.siteId`). */
export const stubOf = <T extends object>(stub: new () => T, id: string): T => Object.assign(new stub(), { id });

/** Same, for a nullable id: no id, no stub. */
export const stubOrNull = <T extends object>(stub: new () => T, id: string | null | undefined): T | null => (id ? stubOf(stub, id) : null);

export const isOwnedReference = (resolver: ReferenceResolver): boolean => resolver.owned === true;

/**
 * Site (and client) limits across the subgraph boundary, for the tenants themselves. A subgraph
 * that extends `Site` or `Client` with fields (staffing's `Site.staff`, inventory's `Site.stock`,
 * billing's `Client.managementContracts`) holds no row of that site or client to filter, whether
 * the stub came through `_entities` or from one of its own fields (`StaffMember.homeSite`). So
 * every field it adds is answered only when the stub's id is within the caller's limits, and is
 * empty otherwise (an empty list, null, or NOT_FOUND for a required single value) — as if the
 * owning subgraph had hidden the site. Rows under other stubs (a patient's coverages, a nurse's
 * appointments) carry their own client and site columns and are hidden by the tenant filter.
 */
export function tenantStubGuard(stubTypes: readonly string[]): MiddlewareFn<RequestContext> {
  const guarded = new Set(stubTypes.filter((type) => type in TENANT_KEYED_TYPES));
  return async ({ root, context, info }, next) => {
    const type = info.parentType.name;
    if (!guarded.has(type) || info.fieldName === 'id') return next();
    const id = String((root as { id?: unknown }).id ?? '');
    if (tenantAllows(context.tenant, TENANT_KEYED_TYPES[type]!, id)) return next();
    const returnType = isNonNullType(info.returnType) ? info.returnType.ofType : info.returnType;
    if (isListType(returnType)) return [];
    if (!isNonNullType(info.returnType)) return null;
    throw notFound(type, id);
  };
}
