import type { SubgraphName } from '@infusion/subgraphs';
import type { CallerContext, Scope } from './auth/principal';
import { CONTEXT_HEADER, signCallerContext } from './auth/signed-context';
import { AppError, badInput } from './errors';
import { isUuid } from './loaders';

/** How long a lookup in another subgraph may take before the write that needs it gives up. */
const LOOKUP_TIMEOUT_MS = 5000;

const unavailable = (subgraph: string) =>
  new AppError('SERVICE_UNAVAILABLE', `The ${subgraph} service did not answer; try again`, {
    retryable: true,
    reason: 'SUBGRAPH_UNAVAILABLE',
    http: { status: 503 },
  });

/**
 * Reads entities that another subgraph owns, through that subgraph's `_entities`, on behalf of the
 * caller. A write uses it to verify every id it is given that names another subgraph's entity
 * (exists, same client, allowed site) without reading that subgraph's tables (DESIGN section 5).
 *
 * The owner answers for the caller's own clients and sites: the signed context carries the
 * caller's tenant limits unchanged, so the owner's filter and row-level security decide what
 * exists for this caller. Only the scopes are narrowed to the owner's read scope, because
 * verifying a reference is a read the write implies (a key with `scheduling:write` books into a
 * chair it may not list).
 */
export class GraphClient {
  private readonly signed = new Map<SubgraphName, Promise<string>>();

  constructor(
    private readonly urls: Partial<Record<SubgraphName, string>>,
    private readonly key: Uint8Array,
    private readonly caller: CallerContext,
  ) {}

  /**
   * The entities of one type by id, in the order asked, `null` for an id that does not exist for
   * this caller. `selection` is the GraphQL selection on the type, e.g. `id clientId siteId`.
   */
  async entities<T extends { id: string }>(subgraph: SubgraphName, typename: string, ids: readonly string[], selection: string): Promise<(T | null)[]> {
    const wanted = [...new Set(ids.filter(isUuid))];
    if (wanted.length === 0) return ids.map(() => null);
    const url = this.urls[subgraph];
    if (!url) throw unavailable(subgraph);
    const query = `query Verify($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { ${selection} } } }`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: await this.contextFor(subgraph) },
      body: JSON.stringify({ query, variables: { representations: wanted.map((id) => ({ __typename: typename, id })) } }),
      signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
    }).catch(() => undefined);
    if (!response) throw unavailable(subgraph);
    const body = (await response.json().catch(() => undefined)) as { data?: { _entities?: (T | null)[] } } | undefined;
    const found = body?.data?._entities;
    if (!Array.isArray(found)) throw unavailable(subgraph);
    const byId = new Map(found.filter((e): e is T => e !== null && typeof e === 'object').map((e) => [e.id, e]));
    return ids.map((id) => byId.get(id) ?? null);
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

  private contextFor(subgraph: SubgraphName): Promise<string> {
    let token = this.signed.get(subgraph);
    if (!token) {
      const principal = { ...this.caller.principal, scopes: [`${subgraph}:read` as Scope] };
      token = signCallerContext({ ...this.caller, principal }, this.key);
      this.signed.set(subgraph, token);
    }
    return token;
  }
}
