import { INFUSING_ROLES, type StaffRole, type SupervisionLevel } from '@infusion/domain-codes';
import { AppError, addLocalDays, localDateIn, type RequestContext } from '@infusion/subgraph-kit';
import type { BookingTimes } from '../appointments/appointment.rules';
import { type BookingFacts, type PriorAuthorizationFacts, covered, unitsFor } from '../booking-rules/booking.rules';
import type { Order } from '../orders/order.entity';
import type { SiteDay } from '../series/series.rules';

/** A prescriber's enrolment in a REMS programme, as a staffing competency: e.g. `TOUCH_REMS`. */
export const remsCompetencyKind = (program: string) => `${program}_REMS`;

/** What the rules know of one site over a range of dates, from facilities and staffing. */
export interface SiteFacts {
  id: string;
  clientId: string;
  timeZone: string;
  chairsPerNurse: number;
  supervision: SupervisionLevel;
  chairs: { id: string; active: boolean }[];
  /** One entry per local date of the range (holidays and exceptions applied). */
  days: Map<string, SiteDay>;
  remsEnrolments: { programme: string; expiresOn: string | null }[];
  /** Supervising providers' cover blocks (staffing's `siteRoster.supervisionCoverage`). */
  supervisorCover: BookingTimes[];
  /**
   * Per nurse, the blocks in which they may give the order's drug here: their shifts at the site on
   * which staffing's `qualifiedStaff` lists them (on an infusing shift, licensed for the site's
   * state, holding the drug's competency that day), less their time off.
   */
  nurseWindows: Map<string, BookingTimes[]>;
}

/** What the rules know of the order's drug and patient, from inventory, billing and staffing. */
export interface OrderFacts {
  hcpcsCode: string | null;
  hcpcsUnitAmount: number | null;
  /** Null when the drug is not billed (no HCPCS code): no authorization to look for. */
  priorAuthorizations: PriorAuthorizationFacts[] | null;
  /** The order's prescriber's competencies when on staff; null for an external referring provider. */
  prescriberCompetencies: { kind: string; expiresOn: string }[] | null;
}

/** Everything the rules read for one order at some sites over a range of dates. */
export interface SchedulingFacts {
  sites: Map<string, SiteFacts>;
  order: OrderFacts;
}

/** What to gather: the order, the sites (already named by the caller) and the local dates. */
export interface FactsQuestion {
  order: Order;
  siteIds: readonly string[];
  /** First and last local dates (inclusive) of the range. */
  from: string;
  to: string;
  /** The argument that named the sites, for NOT_FOUND. */
  argument: string;
  /**
   * For one visit: its UTC bounds and nurse, so the rosters are read for that stretch alone (a shift
   * or cover block lasts at most a day) and staffing is asked about that nurse's shifts only.
   */
  visit?: BookingTimes & { nurseId: string };
}

/**
 * The port to everything the booking rules read from other subgraphs: facilities (hours,
 * supervision model, chairs, REMS enrolment), staffing (qualified nurses, supervising cover, the
 * prescriber's REMS competency), billing (prior authorizations), inventory (the drug's HCPCS code
 * and unit). The rules are pure and tested with plain facts; this is the only place that knows
 * where the facts live.
 */
export interface BookingFactsPort {
  gather(question: FactsQuestion): Promise<SchedulingFacts>;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Facilities answers opening hours and staffing a roster for at most this many days at once. */
const HOURS_CHUNK_DAYS = 366;
const ROSTER_CHUNK_DAYS = 31;
const DAY_MS = 86_400_000;

interface SiteAnswer {
  id: string;
  clientId: string;
  state: string;
  timeZone: string;
  chairsPerNurse: number;
  supervision: SupervisionLevel;
  chairs: { id: string; active: boolean }[];
  remsEnrolments: { programme: string; expiresOn: string | null }[];
  [hours: `h${number}`]: { date: string; closed: boolean; opensAtUtc: string | null; closesAtUtc: string | null }[];
}

interface RosterAnswer {
  shifts: { staffMemberId: string; role: StaffRole; startsAt: string; endsAt: string }[];
  supervisionCoverage: { startsAt: string; endsAt: string }[];
  timeOff: { staffMemberId: string; startsAt: string; endsAt: string }[];
}

/** Consecutive [from, to] date chunks of at most `size` days covering the range. */
function dateChunks(from: string, to: string, size: number): [string, string][] {
  const chunks: [string, string][] = [];
  for (let start = from; start <= to; start = addLocalDays(start, size)) {
    const end = addLocalDays(start, size - 1);
    chunks.push([start, end < to ? end : to]);
  }
  return chunks;
}

const times = (b: { startsAt: string; endsAt: string }): BookingTimes => ({ startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt) });

/** The local dates a shift touches at a site (a shift ends at most a day after it starts). */
function shiftDates(shift: { startsAt: string; endsAt: string }, timeZone: string): string[] {
  const first = localDateIn(new Date(shift.startsAt), timeZone);
  const last = localDateIn(new Date(Date.parse(shift.endsAt) - 1), timeZone);
  return first === last ? [first] : [first, last];
}

/** Whether staffing's answers make the nurse qualified at the site on every date the shift touches. */
function qualifiedFor(nurse: { active: boolean; ok: Set<string> } | undefined, site: { state: string; timeZone: string }, shift: { startsAt: string; endsAt: string }): boolean {
  return !!nurse?.active && shiftDates(shift, site.timeZone).every((date) => nurse.ok.has(`${site.state}|${date}`));
}

/** `block` less the parts any of `away` covers. */
function subtract(block: BookingTimes, away: readonly BookingTimes[]): BookingTimes[] {
  let parts = [block];
  for (const a of away) {
    parts = parts.flatMap((p) => {
      if (a.endsAt <= p.startsAt || a.startsAt >= p.endsAt) return [p];
      const left = a.startsAt > p.startsAt ? [{ startsAt: p.startsAt, endsAt: a.startsAt }] : [];
      const right = a.endsAt < p.endsAt ? [{ startsAt: a.endsAt, endsAt: p.endsAt }] : [];
      return [...left, ...right];
    });
  }
  return parts;
}

/**
 * The graph-backed port: each owner is asked as the caller, one batched call per owner and round.
 * Facilities first (it decides which sites exist for the caller: NOT_FOUND naming the argument),
 * with billing and inventory alongside; then staffing's rosters of every site and date chunk in
 * one call; then staffing's `qualifiedStaff` at each distinct shift start in one call. Client text
 * never enters a query: ids and instants travel as variables, and the dates spliced into
 * facilities' selection are computed here and checked to be YYYY-MM-DD.
 */
export function graphBookingFacts(ctx: RequestContext): BookingFactsPort {
  return {
    async gather({ order, siteIds, from, to, argument, visit }) {
      if (!LOCAL_DATE.test(from) || !LOCAL_DATE.test(to) || to < from) throw new Error('booking fact dates must be YYYY-MM-DD, from <= to');
      const hours = dateChunks(from, to, HOURS_CHUNK_DAYS)
        .map(([f, t], i) => `h${i}: openingHours(from: "${f}", to: "${t}") { date closed opensAtUtc closesAtUtc }`)
        .join(' ');
      const [facilities, billing, inventory] = await Promise.all([
        ctx.graph.lookup<{ Site: SiteAnswer }>('facilities', {
          Site: { ids: siteIds, selection: `clientId state timeZone chairsPerNurse supervision chairs { id active } remsEnrolments { programme expiresOn } ${hours}` },
        }),
        ctx.graph.lookup<{ Patient: { id: string; priorAuthorizations: PriorAuthorizationFacts[] } }>('billing', {
          Patient: { ids: [order.patientId], selection: 'priorAuthorizations { hcpcsCode siteId validFrom validTo remainingUnits status }' },
        }),
        ctx.graph.lookup<{ Product: { id: string; hcpcsCode: string | null; hcpcsUnitAmount: number | null; requiredCompetency: string | null } }>('inventory', {
          Product: { ids: [order.productId], selection: 'hcpcsCode hcpcsUnitAmount requiredCompetency' },
        }),
      ]);
      for (const siteId of siteIds) {
        if (!facilities.Site.has(siteId)) throw new AppError('NOT_FOUND', `Site ${siteId} was not found`, { type: 'Site', id: siteId, argument });
      }
      const sites = siteIds.map((id) => facilities.Site.get(id)!);

      // Rosters: every site × date chunk as one aliased field each, from the day before (a shift
      // or cover running past midnight) to the day after the range in UTC.
      const rosterAsks: { alias: string; siteId: string; from: Date; to: Date }[] = [];
      for (const site of sites) {
        if (visit) {
          rosterAsks.push({ alias: 'r0', siteId: site.id, from: visit.startsAt, to: visit.endsAt });
          continue;
        }
        for (const [f, t] of dateChunks(addLocalDays(from, -1), addLocalDays(to, 1), ROSTER_CHUNK_DAYS)) {
          rosterAsks.push({ alias: `r${rosterAsks.length}`, siteId: site.id, from: new Date(`${f}T00:00:00Z`), to: new Date(Date.parse(`${t}T00:00:00Z`) + DAY_MS) });
        }
      }
      const rosterVariables: Record<string, unknown> = { prescriber: order.prescriberId ? [{ __typename: 'StaffMember', id: order.prescriberId }] : [] };
      const rosterFields = rosterAsks.map((a) => {
        Object.assign(rosterVariables, { [`${a.alias}s`]: a.siteId, [`${a.alias}f`]: a.from.toISOString(), [`${a.alias}t`]: a.to.toISOString() });
        return `${a.alias}: siteRoster(siteId: $${a.alias}s, from: $${a.alias}f, to: $${a.alias}t) { shifts { staffMemberId role startsAt endsAt } supervisionCoverage { startsAt endsAt } timeOff { staffMemberId startsAt endsAt } }`;
      });
      const rosterDeclarations = rosterAsks.map((a) => `$${a.alias}s: ID!, $${a.alias}f: DateTime!, $${a.alias}t: DateTime!`);
      const rosters = await ctx.graph.query<Record<string, RosterAnswer> & { prescriber: ({ competencies: { kind: string; expiresOn: string }[] } | null)[] }>(
        'staffing',
        `query BookingRosters($prescriber: [_Any!]!, ${rosterDeclarations.join(', ')}) { prescriber: _entities(representations: $prescriber) { ... on StaffMember { competencies { kind expiresOn } } } ${rosterFields.join(' ')} }`,
        rosterVariables,
      );

      // Who may infuse on each shift, by the facts staffing's `qualifiedStaff` combines: an
      // infusing role on the shift, active, a licence covering the site's state and the drug's
      // competency unexpired on each local date the shift touches (time off is taken out below).
      // Asked per nurse and date in one call, because staffing answers those from per-request
      // loaders, where `qualifiedStaff` per instant costs several statements each.
      const product = inventory.Product.get(order.productId);
      const onShift = new Map<string, Set<string>>();
      const zoneOf = new Map(sites.map((x) => [x.id, x.timeZone]));
      for (const ask of rosterAsks) {
        for (const shift of rosters[ask.alias]!.shifts) {
          if (!INFUSING_ROLES.includes(shift.role) || (visit && shift.staffMemberId !== visit.nurseId)) continue;
          const dates = onShift.get(shift.staffMemberId) ?? new Set<string>();
          for (const date of shiftDates(shift, zoneOf.get(ask.siteId)!)) dates.add(date);
          onShift.set(shift.staffMemberId, dates);
        }
      }
      const states = [...new Set(sites.map((x) => x.state))];
      const allDates = [...new Set([...onShift.values()].flatMap((d) => [...d]))].sort();
      const licensed = new Map<string, { active: boolean; ok: Set<string> }>();
      if (onShift.size) {
        const kind = product?.requiredCompetency ?? null;
        const variables: Record<string, unknown> = { nurses: [...onShift.keys()].map((id) => ({ __typename: 'StaffMember', id })) };
        const fields: string[] = [];
        allDates.forEach((date, d) => {
          variables[`d${d}`] = date;
          for (let t = 0; t < states.length; t++) fields.push(`l${d}_${t}: canPracticeIn(state: $t${t}, on: $d${d})`);
          if (kind) fields.push(`c${d}: hasCompetency(kind: $kind, on: $d${d})`);
        });
        states.forEach((state, t) => {
          variables[`t${t}`] = state;
        });
        if (kind) variables.kind = kind;
        const declarations = ['$nurses: [_Any!]!', ...allDates.map((_, d) => `$d${d}: LocalDate!`), ...states.map((_, t) => `$t${t}: String!`), ...(kind ? ['$kind: String!'] : [])];
        const answer = await ctx.graph.query<{ _entities: (Record<string, boolean | string> | null)[] }>(
          'staffing',
          `query Licensed(${declarations.join(', ')}) { _entities(representations: $nurses) { ... on StaffMember { id active ${fields.join(' ')} } } }`,
          variables,
        );
        for (const entity of answer._entities) {
          if (!entity) continue;
          const ok = new Set<string>();
          allDates.forEach((date, d) => {
            states.forEach((state, t) => {
              if (entity[`l${d}_${t}`] === true && (!kind || entity[`c${d}`] === true)) ok.add(`${state}|${date}`);
            });
          });
          licensed.set(String(entity.id), { active: entity.active === true, ok });
        }
      }

      const result = new Map<string, SiteFacts>();
      for (const site of sites) {
        const days = new Map<string, SiteDay>();
        for (const [key, value] of Object.entries(site)) {
          if (!/^h\d+$/.test(key)) continue;
          for (const d of value as SiteAnswer[`h${number}`]) {
            days.set(d.date, { date: d.date, closed: d.closed, opensAtUtc: d.opensAtUtc ? new Date(d.opensAtUtc) : null, closesAtUtc: d.closesAtUtc ? new Date(d.closesAtUtc) : null });
          }
        }
        const mine = rosterAsks.filter((a) => a.siteId === site.id).map((a) => rosters[a.alias]!);
        const away = new Map<string, BookingTimes[]>();
        const seenAway = new Set<string>();
        for (const t of mine.flatMap((r) => r.timeOff)) {
          const key = `${t.staffMemberId}|${t.startsAt}|${t.endsAt}`;
          if (seenAway.has(key)) continue;
          seenAway.add(key);
          away.set(t.staffMemberId, [...(away.get(t.staffMemberId) ?? []), times(t)]);
        }
        const nurseWindows = new Map<string, BookingTimes[]>();
        const seenShift = new Set<string>();
        for (const shift of mine.flatMap((r) => r.shifts)) {
          const key = `${shift.staffMemberId}|${shift.startsAt}`;
          if (seenShift.has(key)) continue;
          seenShift.add(key);
          if (!INFUSING_ROLES.includes(shift.role) || !qualifiedFor(licensed.get(shift.staffMemberId), site, shift)) continue;
          const blocks = subtract(times(shift), away.get(shift.staffMemberId) ?? []);
          nurseWindows.set(shift.staffMemberId, [...(nurseWindows.get(shift.staffMemberId) ?? []), ...blocks]);
        }
        const cover = new Map(mine.flatMap((r) => r.supervisionCoverage).map((c) => [`${c.startsAt}|${c.endsAt}`, times(c)]));
        result.set(site.id, {
          id: site.id,
          clientId: site.clientId,
          timeZone: site.timeZone,
          chairsPerNurse: site.chairsPerNurse,
          supervision: site.supervision,
          chairs: site.chairs,
          days,
          remsEnrolments: site.remsEnrolments,
          supervisorCover: [...cover.values()],
          nurseWindows,
        });
      }
      const [prescriber] = rosters.prescriber ?? [];
      return {
        sites: result,
        order: {
          hcpcsCode: product?.hcpcsCode ?? null,
          hcpcsUnitAmount: product?.hcpcsUnitAmount ?? null,
          priorAuthorizations: product?.hcpcsCode ? (billing.Patient.get(order.patientId)?.priorAuthorizations ?? []) : null,
          prescriberCompetencies: order.prescriberId ? (prescriber?.competencies ?? []) : null,
        },
      };
    },
  };
}

/** The local dates a visit can touch at any site: a day either side of its UTC dates. */
export function datesAround(visit: BookingTimes): { from: string; to: string } {
  return { from: addLocalDays(visit.startsAt.toISOString().slice(0, 10), -1), to: addLocalDays(visit.endsAt.toISOString().slice(0, 10), 1) };
}

/** What the booking rules see of one visit, assembled in memory from the gathered facts. */
export function factsForVisit(
  facts: SchedulingFacts,
  order: Pick<Order, 'remsProgram' | 'doseAmount'>,
  visit: BookingTimes & { siteId: string; chairId: string; nurseId: string },
): BookingFacts {
  const site = facts.sites.get(visit.siteId);
  if (!site) throw new Error(`No facts gathered for site ${visit.siteId}`);
  const visitDate = localDateIn(visit.startsAt, site.timeZone);
  const chair = site.chairs.find((c) => c.id === visit.chairId);
  const program = order.remsProgram;
  const valid = (expiresOn: string | null) => expiresOn === null || expiresOn >= visitDate;
  const prescriber = facts.order.prescriberCompetencies;
  return {
    visit: { startsAt: visit.startsAt, endsAt: visit.endsAt },
    siteId: site.id,
    visitDate,
    siteDay: site.days.get(visitDate) ?? null,
    chair: { active: chair?.active ?? false, atSite: !!chair },
    nurseQualified: covered(site.nurseWindows.get(visit.nurseId) ?? [], visit),
    supervision: site.supervision,
    supervisorShifts: site.supervisorCover,
    remsProgram: program,
    siteRemsEnrolled: !!program && site.remsEnrolments.some((e) => e.programme === program && valid(e.expiresOn)),
    prescriberRemsEnrolled: !program ? true : prescriber ? prescriber.some((c) => c.kind === remsCompetencyKind(program) && valid(c.expiresOn)) : null,
    priorAuthorizations: facts.order.priorAuthorizations,
    hcpcsCode: facts.order.hcpcsCode,
    unitsNeeded: facts.order.hcpcsUnitAmount ? unitsFor(order.doseAmount, facts.order.hcpcsUnitAmount) : 0,
  };
}
