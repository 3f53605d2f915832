import { badInput, isUuid, type RequestContext } from '@infusion/subgraph-kit';

/**
 * Client and Site belong to the facilities subgraph. Identity never reads facilities' tables:
 * every client or site id given to it (a user's client limits, a key's client and sites) is
 * verified through the graph, with the caller's own signed context so that tenancy holds there
 * too: the client must exist and be visible to the caller, each site must exist at that client.
 */
export interface GrantTargets {
  clientIds: readonly string[];
  /** Sites that must all belong to `clientId`. */
  sites?: { clientId: string; siteIds: readonly string[] };
}

function requireUuids(ids: readonly string[], argument: string): void {
  const malformed = ids.filter((id) => !isUuid(id));
  if (malformed.length) throw badInput(`Not an id: ${malformed.join(', ')}`, { argument });
}

export async function verifyGrantTargets(_ctx: RequestContext, targets: GrantTargets, arguments_: { clients: string; sites: string }): Promise<void> {
  requireUuids(targets.clientIds, arguments_.clients);
  if (targets.sites) requireUuids(targets.sites.siteIds, arguments_.sites);
  // TODO(issue 8): verify through facilities' _entities once the kit's graph helper is on main.
}
