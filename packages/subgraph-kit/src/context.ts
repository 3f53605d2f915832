import type { EntityManager } from '@mikro-orm/postgresql';
import { Loaders } from './loaders';

/**
 * Everything a resolver may use for one GraphQL request. The entity manager is a fork, so
 * identity maps and loaders never leak between requests.
 */
export interface RequestContext {
  requestId: string;
  em: EntityManager;
  loaders: Loaders;
  /** Caller's address as the gateway saw it (for the audit trail). */
  remoteAddress?: string;
}

export function createRequestContext(em: EntityManager, requestId: string, remoteAddress?: string): RequestContext {
  const fork = em.fork();
  return { requestId, em: fork, loaders: new Loaders(fork), remoteAddress };
}
