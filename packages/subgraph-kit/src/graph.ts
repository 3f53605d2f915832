import type { SubgraphName } from '@infusion/subgraphs';
import type { CallerContext, Scope } from './auth/principal';
import { CONTEXT_HEADER, signCallerContext } from './auth/signed-context';
import { requireSignedIn } from './auth/guard';
import { AppError, badInput, serviceUnavailable } from './errors';
import { isUuid } from './loaders';
import { SubgraphConnectionError, SubgraphDeadlineError, type SubgraphClient } from './subgraph-client';

/** How long a lookup in another subgraph may take before the write that needs it gives up. */
const LOOKUP_TIMEOUT_MS = 5000;

/**
 * The scope each owner's `_entities` needs (its read scope). Identity is absent on purpose: no
 * other subgraph's write references an ops user or a key, and its read scope is `identity:admin`,
 * which a verification must never lend.
 */
const READ_SCOPES: Partial<Record<SubgraphName, Scope>> = {
  facilities: 'facilities:read',
  staffing: 'staffing:read',
  inventory: 'inventory:read',
  scheduling: 'scheduling:read',
  billing: 'billing:read',
};

const TYPE_NAME = /^[A-Z][A-Za-z0-9_]*$/;

/** The owner could not be asked (down, overloaded, too slow): the write may be tried again. */
const unavailable = () => serviceUnavailable('SUBGRAPH_UNAVAILABLE');

/** What to read of one entity type: the ids, and the GraphQL selection on the type (e.g. `clientId siteId active`). */
export interface EntityLookup {
  ids: readonly string[];
  selection: string;
}

/** Each type's found entities by id; an id that does not exist for the caller is absent. */
export type FoundEntities<R extends Record<string, { id: string }>> = { [K in keyof R]: Map<string, R[K]> };

interface EntitiesResponse {
  data?: { _entities?: unknown } | null;
  errors?: { message?: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

/**
 * Reads entities that another subgraph owns, through that subgraph's `_entities`, on behalf of the
 * caller. A write uses it to verify every id it is given that names another subgraph's entity
 * (exists, same client, allowed site) without reading that subgraph's tables (DESIGN section 5).
 *
 * The owner answers for the caller's own clients and sites: the signed context carries the
 * caller's tenant limits unchanged, so the owner's filter and row-level security decide what
 * exists for this caller. Only the scopes are narrowed to the owner's read scope, because
 * verifying a reference is a read the write implies (a key with `scheduling:write` books into a
 * chair it may not list). What is read is chosen by the service's code, never by the client, and
 * is never returned to the client.
 *
 * An id that the owner does not find comes back absent; anything else that goes wrong (the owner
 * is down or overloaded: SERVICE_UNAVAILABLE; the lookup itself is wrong: an internal error) is
 * thrown, so a failure is never mistaken for "not found", nor "not found" for success.
 */
export class GraphClient {
  private readonly signed = new Map<SubgraphName, Promise<string>>();

  constructor(
    private readonly urls: Partial<Record<SubgraphName, string>>,
    private readonly key: Uint8Array,
    private readonly caller: CallerContext,
    /** The process's one keep-alive client for subgraph calls (shared by every request). */
    private readonly http: SubgraphClient,
  ) {}

  /**
   * Entities of one or more types that one subgraph owns, in a single call to it: e.g. a booking's
   * site and chair from facilities at once.
   */
  async lookup<R extends Record<string, { id: string }>>(subgraph: SubgraphName, wanted: { [K in keyof R]: EntityLookup }): Promise<FoundEntities<R>> {
    const found = Object.fromEntries(Object.keys(wanted).map((typename) => [typename, new Map()])) as FoundEntities<R>;
    const representations = Object.entries(wanted).flatMap(([typename, { ids }]) =>
      [...new Set(ids.filter(isUuid))].map((id) => ({ __typename: typename, id })),
    );
    if (representations.length === 0) return found;
    for (const typename of Object.keys(wanted)) {
      if (!TYPE_NAME.test(typename)) throw new Error(`Not a GraphQL type name: ${typename}`);
    }
    const fragments = Object.entries(wanted).map(([typename, { selection }]) => `... on ${typename} { __typename id ${selection} }`);
    const query = `query Verify($representations: [_Any!]!) { _entities(representations: $representations) { ${fragments.join(' ')} } }`;
    const body = await this.post(subgraph, query, { representations });

    const entities = body.data?._entities;
    const notFound = new Set<number>();
    for (const error of body.errors ?? []) {
      const [field, index] = error.path ?? [];
      // A reference resolver may answer NOT_FOUND for one representation: that id is absent.
      if (error.extensions?.code === 'NOT_FOUND' && field === '_entities' && typeof index === 'number') notFound.add(index);
      else if (error.extensions?.code === 'SERVICE_UNAVAILABLE') throw unavailable();
      else throw new Error(`Verifying ${Object.keys(wanted).join(', ')} in ${subgraph} failed: ${error.extensions?.code ?? ''} ${error.message ?? ''}`);
    }
    if (!Array.isArray(entities) || entities.length !== representations.length) {
      throw new Error(`${subgraph} answered ${representations.length} representations without an entity list of that length`);
    }
    entities.forEach((entity, index) => {
      const asked = representations[index]!;
      if (notFound.has(index) || entity === null || typeof entity !== 'object') return;
      const { __typename, id } = entity as { __typename?: string; id?: string };
      // Keyed by what the owner answered, so a mismatched answer can never stand in for the id asked.
      if (__typename === asked.__typename && id === asked.id) found[asked.__typename as keyof R].set(id, entity as never);
    });
    return found;
  }

  /**
   * The entities of one type by id, in the order asked, `null` for an id that does not exist for
   * this caller. `selection` is the GraphQL selection on the type, e.g. `clientId siteId`.
   */
  async entities<T extends { id: string }>(subgraph: SubgraphName, typename: string, ids: readonly string[], selection: string): Promise<(T | null)[]> {
    const found = await this.lookup<Record<string, T>>(subgraph, { [typename]: { ids, selection } });
    return ids.map((id) => found[typename]!.get(id) ?? null);
  }

  /**
   * One entity that a write references, or `NOT_FOUND` naming the argument. Another client's id
   * and an id that does not exist answer alike, so a probe learns nothing.
   */
  async require<T extends { id: string }>(subgraph: SubgraphName, typename: string, id: string, selection: string, argument: string): Promise<T> {
    if (!isUuid(id)) throw badInput(`\`${argument}\` is not a valid id`, { argument });
    const [entity] = await this.entities<T>(subgraph, typename, [id], selection);
    if (!entity) throw new AppError('NOT_FOUND', `${typename} ${id} was not found`, { type: typename, id, argument });
    return entity;
  }

  /**
   * A root query of another subgraph (e.g. staffing's `qualifiedStaff`), as the caller with that
   * subgraph's read scope, for facts a write must check. Any error is thrown (SERVICE_UNAVAILABLE
   * when the owner is busy or down), never taken for an empty answer.
   */
  async query<T>(subgraph: SubgraphName, query: string, variables: Record<string, unknown>): Promise<T> {
    const body = await this.post(subgraph, query, variables);
    const [error] = body.errors ?? [];
    if (error?.extensions?.code === 'SERVICE_UNAVAILABLE') throw unavailable();
    if (error || !body.data) throw new Error(`Asking ${subgraph} failed: ${error?.extensions?.code ?? ''} ${error?.message ?? 'no data'}`);
    return body.data as T;
  }

  private async post(subgraph: SubgraphName, query: string, variables: Record<string, unknown>): Promise<EntitiesResponse> {
    const url = this.urls[subgraph];
    if (!url) throw unavailable();
    const headers = { [CONTEXT_HEADER]: await this.contextFor(subgraph), 'x-request-id': this.caller.requestId };
    // The lookup is a read, so the client may send it once more after a connection-level failure
    // (a kept-alive connection closed under us). A timeout is not retried.
    const reply = await this.http
      .postJson(url, { query, variables }, headers, { signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS), retry: true })
      .catch((error: unknown) => {
        if (error instanceof SubgraphConnectionError || error instanceof SubgraphDeadlineError) throw unavailable();
        throw error;
      });
    const body = reply.json as EntitiesResponse | undefined;
    if (!body || typeof body !== 'object') throw unavailable();
    return body;
  }

  private contextFor(subgraph: SubgraphName): Promise<string> {
    let token = this.signed.get(subgraph);
    if (!token) {
      // A read scope is lent only to a caller who is signed in (and thus limited to its clients).
      requireSignedIn(this.caller.principal);
      const scope = READ_SCOPES[subgraph];
      if (!scope) throw new Error(`Entities of ${subgraph} are not looked up by other subgraphs`);
      const principal = { ...this.caller.principal, scopes: [scope] };
      token = signCallerContext({ ...this.caller, principal }, this.key);
      this.signed.set(subgraph, token);
    }
    return token;
  }
}
