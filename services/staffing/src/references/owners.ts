import type { SupervisionLevel } from '@infusion/domain-codes';
import { AppError, badInput, isUuid, type RequestContext } from '@infusion/subgraph-kit';

/**
 * What staffing asks the other subgraphs, through the graph and as the caller (`ctx.graph`): a
 * site's client, time zone, state and supervision rule from facilities, a drug's required
 * competency from inventory, a site's bookings from scheduling. An id the caller cannot see
 * answers NOT_FOUND naming the argument; staffing never reads another subgraph's tables.
 */

/** The facts of a site staffing needs. */
export interface SiteFacts {
  id: string;
  clientId: string;
  timeZone: string;
  state: string;
  supervision: SupervisionLevel;
  chairsPerNurse: number;
}

const SITE_FACTS = 'clientId timeZone state supervision chairsPerNurse';

/** One site the caller may see, or NOT_FOUND naming `argument`. */
export function requireSite(ctx: RequestContext, siteId: string, argument: string): Promise<SiteFacts> {
  return ctx.graph.require<SiteFacts>('facilities', 'Site', siteId, SITE_FACTS, argument);
}

/** A site the caller may see that belongs to `clientId`: else NOT_FOUND, or BAD_USER_INPUT for another client's site an unrestricted caller sees. */
export async function requireSiteOfClient(ctx: RequestContext, siteId: string, clientId: string, argument: string): Promise<SiteFacts> {
  const site = await requireSite(ctx, siteId, argument);
  if (site.clientId !== clientId) throw badInput(`\`${argument}\` is a site of another client`, { argument });
  return site;
}

/** Sites by id, one call for all; a site the caller cannot see is absent. */
export async function sitesById(ctx: RequestContext, siteIds: readonly string[]): Promise<Map<string, SiteFacts>> {
  if (siteIds.length === 0) return new Map();
  return (await ctx.graph.lookup<{ Site: SiteFacts }>('facilities', { Site: { ids: siteIds, selection: SITE_FACTS } })).Site;
}

/**
 * A client the caller may see and one of its sites, in one call to facilities: NOT_FOUND naming
 * the argument for either that the caller cannot see; BAD_USER_INPUT for a visible site of
 * another client.
 */
export async function requireClientSite(
  ctx: RequestContext,
  ids: { clientId: string; siteId: string },
  argumentsNamed: { client: string; site: string },
): Promise<SiteFacts> {
  for (const [id, argument] of [[ids.clientId, argumentsNamed.client], [ids.siteId, argumentsNamed.site]] as const) {
    if (!isUuid(id)) throw badInput(`\`${argument}\` is not a valid id`, { argument });
  }
  const found = await ctx.graph.lookup<{ Client: { id: string }; Site: SiteFacts }>('facilities', {
    Client: { ids: [ids.clientId], selection: '' },
    Site: { ids: [ids.siteId], selection: SITE_FACTS },
  });
  if (!found.Client.has(ids.clientId)) throw new AppError('NOT_FOUND', `Client ${ids.clientId} was not found`, { type: 'Client', id: ids.clientId, argument: argumentsNamed.client });
  const site = found.Site.get(ids.siteId);
  if (!site) throw new AppError('NOT_FOUND', `Site ${ids.siteId} was not found`, { type: 'Site', id: ids.siteId, argument: argumentsNamed.site });
  if (site.clientId !== ids.clientId) throw badInput(`\`${argumentsNamed.site}\` is a site of another client`, { argument: argumentsNamed.site });
  return site;
}

/** A product's required competency (null when any nurse may give it), or NOT_FOUND naming `argument`. */
export async function requiredCompetencyOf(ctx: RequestContext, productId: string, argument: string): Promise<string | null> {
  const product = await ctx.graph.require<{ id: string; requiredCompetency: string | null }>('inventory', 'Product', productId, 'requiredCompetency', argument);
  return product.requiredCompetency;
}

/** A booking as coverage counts it. */
export interface Booking {
  chairId: string;
  startsAt: Date;
  endsAt: Date;
}

/** Longest chair time looked back for: a booking starting this long before a window can still be under way. */
const LONGEST_BOOKING_MS = 12 * 60 * 60 * 1000;

/**
 * Bookings at a site that may overlap [from, to), from scheduling's `Site.appointments` (which
 * lists appointments by start), cancelled and missed ones left out. The window is ours (validated
 * dates printed as ISO strings), never the client's text.
 */
export async function bookingsAt(ctx: RequestContext, siteId: string, from: Date, to: Date): Promise<Booking[]> {
  const since = new Date(from.getTime() - LONGEST_BOOKING_MS).toISOString();
  const selection = `appointments(from: "${since}", to: "${to.toISOString()}") { chairId startsAt endsAt status }`;
  const [site] = await ctx.graph.entities<{ id: string; appointments: { chairId: string; startsAt: string; endsAt: string; status: string }[] }>(
    'scheduling',
    'Site',
    [siteId],
    selection,
  );
  return (site?.appointments ?? [])
    .filter((a) => a.status !== 'CANCELLED' && a.status !== 'NO_SHOW')
    .map((a) => ({ chairId: a.chairId, startsAt: new Date(a.startsAt), endsAt: new Date(a.endsAt) }));
}
