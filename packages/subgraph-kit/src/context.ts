import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditLog } from './audit';
import type { CallerContext } from './auth/principal';
import { GraphClient } from './graph';
import { Loaders } from './loaders';
import type { SubgraphClient } from './subgraph-client';
import { TENANT_FILTER, scopeOf, type TenantScope } from './tenancy';

/**
 * Everything a resolver may use for one GraphQL request. The entity manager is a fork with the
 * caller's tenant filter set, so identity maps, loaders and visibility never leak between requests.
 */
export interface RequestContext {
  requestId: string;
  em: EntityManager;
  loaders: Loaders;
  /** Who is calling, as the gateway signed it. */
  caller: CallerContext;
  /** The clients and sites this caller may see. */
  tenant: TenantScope;
  audit: AuditLog;
  /**
   * Work that must be written even though the operation fails (e.g. a refused sign-in's audit
   * row and throttle record). Runs only if the operation's transaction rolls back, then in a
   * transaction of its own with the same tenant settings; never while the operation's
   * transaction holds a connection, so it cannot wait on the pool for itself.
   */
  afterRollback: ((em: EntityManager) => Promise<void>)[];
  /** Reads other subgraphs' entities as this caller, to verify the ids a write is given. */
  graph: GraphClient;
}

/** What a request context needs to reach the other subgraphs on the caller's behalf. */
export interface GraphAccess {
  subgraphUrls: ConstructorParameters<typeof GraphClient>[0];
  signingKey: Uint8Array;
  http: SubgraphClient;
}

export function createRequestContext(em: EntityManager, caller: CallerContext, service: string, access: GraphAccess): RequestContext {
  const fork = em.fork();
  const tenant = scopeOf(caller.principal);
  fork.setFilterParams(TENANT_FILTER, tenant);
  return {
    requestId: caller.requestId || randomUUID(),
    em: fork,
    loaders: new Loaders(fork),
    caller,
    tenant,
    audit: new AuditLog(service, caller),
    afterRollback: [],
    graph: new GraphClient(access.subgraphUrls, access.signingKey, caller, access.http),
  };
}
