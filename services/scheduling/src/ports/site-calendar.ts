import type { RequestContext } from '@infusion/subgraph-kit';
import type { SiteDay } from '../series/series.rules';

/** What scheduling needs to know of a site to place visits on its days (facilities owns all of it). */
export interface SiteForScheduling {
  id: string;
  clientId: string;
  timeZone: string;
  chairsPerNurse: number;
  /** Chairs of the site, with whether each is in service. */
  chairs: { id: string; active: boolean }[];
  /** One entry per local date of the range asked, holidays and exceptions applied. */
  days: SiteDay[];
}

/**
 * The port to facilities' calendar: a site's chairs, ratio and opening hours for a range of local
 * dates. Rules are written against this interface and tested with plain data; the graph-backed
 * implementation below asks facilities as the caller.
 */
export interface SiteCalendar {
  /** The site as the caller may see it, or NOT_FOUND naming `argument`. */
  site(siteId: string, from: string, to: string, argument: string): Promise<SiteForScheduling>;
}

interface OpeningHoursAnswer {
  date: string;
  closed: boolean;
  opensAtUtc: string | null;
  closesAtUtc: string | null;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Facilities' CONTRACT (issue 10, branch `facil`): `Site.openingHours(from: LocalDate!, to:
 * LocalDate!): [SiteDayHours!]!` with `{ date, closed, opensAt, closesAt, opensAtUtc, closesAtUtc,
 * note }`, and `Site.timeZone`. Until that is merged, facilities refuses the selection and this
 * answers INTERNAL_SERVER_ERROR (a lookup that is wrong is never taken for "not found").
 */
export function graphSiteCalendar(ctx: RequestContext): SiteCalendar {
  return {
    async site(siteId, from, to, argument) {
      // The dates are ours (computed from validated ones), never a client's text spliced into the query.
      if (!LOCAL_DATE.test(from) || !LOCAL_DATE.test(to)) throw new Error('site calendar dates must be YYYY-MM-DD');
      const selection = `clientId timeZone chairsPerNurse chairs { id active } openingHours(from: "${from}", to: "${to}") { date closed opensAtUtc closesAtUtc }`;
      const site = await ctx.graph.require<Omit<SiteForScheduling, 'days'> & { openingHours: OpeningHoursAnswer[] }>('facilities', 'Site', siteId, selection, argument);
      return {
        id: site.id,
        clientId: site.clientId,
        timeZone: site.timeZone,
        chairsPerNurse: site.chairsPerNurse,
        chairs: site.chairs,
        days: site.openingHours.map((d) => ({
          date: d.date,
          closed: d.closed,
          opensAtUtc: d.opensAtUtc ? new Date(d.opensAtUtc) : null,
          closesAtUtc: d.closesAtUtc ? new Date(d.closesAtUtc) : null,
        })),
      };
    },
  };
}
