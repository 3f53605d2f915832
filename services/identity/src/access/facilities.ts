import { AppError, badInput, isUuid, type RequestContext } from '@infusion/subgraph-kit';

/**
 * Client and Site belong to the facilities subgraph. Identity never reads facilities' tables:
 * every client or site id given to it (a user's client limits, a key's client and sites) is
 * verified through facilities' `_entities`, as the caller (the kit's GraphClient), so tenancy
 * holds there too: each client must exist for the caller, each site must exist at that client.
 * A missing id and one the caller may not see answer alike (NOT_FOUND).
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

const notFound = (type: string, ids: string[], argument: string, where = '') =>
  new AppError('NOT_FOUND', `${type} ${ids.join(', ')} was not found${where}`, { type, ids, argument });

export async function verifyGrantTargets(ctx: RequestContext, targets: GrantTargets, argumentNames: { clients: string; sites: string }): Promise<void> {
  requireUuids(targets.clientIds, argumentNames.clients);
  if (targets.sites) requireUuids(targets.sites.siteIds, argumentNames.sites);
  if (targets.clientIds.length) {
    const clients = await ctx.graph.entities('facilities', 'Client', targets.clientIds, 'id');
    const missing = targets.clientIds.filter((_, i) => !clients[i]);
    if (missing.length) throw notFound('Client', missing, argumentNames.clients);
  }
  if (targets.sites) {
    const { clientId, siteIds } = targets.sites;
    const sites = await ctx.graph.entities<{ id: string; clientId: string }>('facilities', 'Site', siteIds, 'id clientId');
    const elsewhere = siteIds.filter((_, i) => sites[i]?.clientId !== clientId);
    if (elsewhere.length) throw notFound('Site', elsewhere, argumentNames.sites, ` at client ${clientId}`);
  }
}
