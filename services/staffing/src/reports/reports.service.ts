import { NURSING_ROLES } from '@infusion/domain-codes';
import { Money, badInput, checkTimeWindow, stubOf, type RequestContext, addLocalDays, localDaysToUtc } from '@infusion/subgraph-kit';
import { bookingsAt, requireSite, sitesById } from '../references/owners';
import { Site } from '../references/site.stub';
import { rosterDateProblem } from '../shifts/local-time.rules';
import { Shift } from '../shifts/shift.entity';
import { Competency } from '../staff/competency.entity';
import { License } from '../staff/license.entity';
import { StaffMember } from '../staff/staff-member.entity';
import { homeSiteScope } from '../staff/staff.loader';
import { formatCents, toCents } from '../staff/staff.rules';
import { SupervisionCoverage } from '../supervision/supervision-coverage.entity';
import { uncoveredPeriods } from '../supervision/supervision.rules';
import { TimeOff } from '../time-off/time-off.entity';
import { hourlyCoverage } from './coverage.rules';
import { labourCost } from './labour-cost.rules';
import { CoverageHour, ExpiringCredential, LabourCostLine, LabourCostWeek, SiteRoster, StaffingAttention, SupervisionGap } from './reports.types';

const DAY_MS = 86_400_000;
/** A shift or cover block is at most a day long (database constraints), which bounds look-backs. */
const LONGEST_BLOCK_MS = DAY_MS;

export const MAX_ROSTER_DAYS = 31;
export const MAX_COVERAGE_DAYS = 7;

/** Rows of `entity` at a site overlapping [from, to), in time order. */
function overlapping<T extends Shift | SupervisionCoverage>(ctx: RequestContext, entity: new () => T, siteIds: readonly string[], from: Date, to: Date): Promise<T[]> {
  return ctx.em.find(
    entity,
    { siteId: { $in: [...siteIds] }, startsAt: { $gte: new Date(from.getTime() - LONGEST_BLOCK_MS), $lt: to }, endsAt: { $gt: from } } as never,
    { orderBy: { startsAt: 'asc', id: 'asc' } as never },
  );
}

/** A site's roster for a window of at most 31 days. */
export async function siteRoster(ctx: RequestContext, siteId: string, from: Date, to: Date): Promise<SiteRoster> {
  checkTimeWindow({ from, to }, { maxDays: MAX_ROSTER_DAYS });
  const site = await requireSite(ctx, siteId, 'siteId');
  const [shifts, cover] = await Promise.all([overlapping(ctx, Shift, [site.id], from, to), overlapping(ctx, SupervisionCoverage, [site.id], from, to)]);
  const based = await ctx.em.find(StaffMember, { homeSiteId: site.id });
  const people = [...new Set([...shifts.map((s) => s.staffMemberId), ...cover.map((c) => c.providerId), ...based.map((m) => m.id)])];
  const timeOff = people.length
    ? await ctx.em.find(TimeOff, { staffMemberId: { $in: people }, startsAt: { $lt: to }, endsAt: { $gt: from } }, { orderBy: { startsAt: 'asc', id: 'asc' } })
    : [];
  return Object.assign(new SiteRoster(), { site: stubOf(Site, site.id), from, to, shifts, supervisionCoverage: cover, timeOff });
}

/**
 * Coverage per hour at a site, for a window of at most 7 days. Chairs booked come from
 * scheduling through the graph (its `Site.appointments`, read as the caller): one extra call.
 */
export async function siteCoverage(ctx: RequestContext, siteId: string, from: Date, to: Date): Promise<CoverageHour[]> {
  checkTimeWindow({ from, to }, { maxDays: MAX_COVERAGE_DAYS });
  const site = await requireSite(ctx, siteId, 'siteId');
  const [shifts, cover, bookings] = await Promise.all([
    overlapping(ctx, Shift, [site.id], from, to),
    overlapping(ctx, SupervisionCoverage, [site.id], from, to),
    bookingsAt(ctx, site.id, from, to),
  ]);
  const nurseShifts = shifts.filter((s) => NURSING_ROLES.includes(s.role));
  return hourlyCoverage({ from, to, chairsPerNurse: site.chairsPerNurse, supervision: site.supervision, nurseShifts, bookings, cover }).map((hour) =>
    Object.assign(new CoverageHour(), { ...hour, chairsPerNurse: site.chairsPerNurse }),
  );
}

const today = () => new Date().toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/**
 * Licences and competencies of active staff that expire from today to `withinDays` ahead, across
 * every client the caller may see (and, for a site-limited caller, staff based at its sites).
 */
export async function expiringCredentials(ctx: RequestContext, withinDays: number): Promise<ExpiringCredential[]> {
  const first = today();
  const last = addLocalDays(first, withinDays);
  const window = { expiresOn: { $gte: first, $lte: last } };
  const [licenses, competencies] = await Promise.all([
    ctx.em.find(License, window, { orderBy: { expiresOn: 'asc', id: 'asc' } }),
    ctx.em.find(Competency, window, { orderBy: { expiresOn: 'asc', id: 'asc' } }),
  ]);
  const holderIds = [...new Set([...licenses, ...competencies].map((c) => c.staffMemberId))];
  const holders = holderIds.length ? await ctx.em.find(StaffMember, { $and: [{ id: { $in: holderIds }, active: true }, homeSiteScope(ctx)] }) : [];
  const byId = new Map(holders.map((m) => [m.id, m]));
  const rows: ExpiringCredential[] = [];
  const add = (credential: 'LICENSE' | 'COMPETENCY', name: string, record: License | Competency) => {
    const staffMember = byId.get(record.staffMemberId);
    if (!staffMember) return;
    rows.push(
      Object.assign(new ExpiringCredential(), {
        credential,
        name,
        expiresOn: record.expiresOn,
        daysLeft: daysBetween(first, record.expiresOn),
        clientId: record.clientId,
        staffMember,
        license: record instanceof License ? record : null,
        competency: record instanceof Competency ? record : null,
      }),
    );
  };
  for (const l of licenses) add('LICENSE', `${l.state} ${l.type}`, l);
  for (const c of competencies) add('COMPETENCY', c.kind, c);
  return rows.sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.name.localeCompare(b.name));
}

/**
 * Periods from now to `withinDays` ahead when nurses are on shift at a site that requires DIRECT
 * supervision (facilities' `Site.supervision`) and no supervising provider covers them.
 */
export async function supervisionGaps(ctx: RequestContext, withinDays: number): Promise<SupervisionGap[]> {
  const from = new Date();
  const to = new Date(from.getTime() + withinDays * DAY_MS);
  const shifts = await ctx.em.find(
    Shift,
    { role: { $in: [...NURSING_ROLES] }, startsAt: { $gte: new Date(from.getTime() - LONGEST_BLOCK_MS), $lt: to }, endsAt: { $gt: from } },
    { orderBy: { startsAt: 'asc' } },
  );
  const siteIds = [...new Set(shifts.map((s) => s.siteId))];
  const sites = await sitesById(ctx, siteIds);
  const direct = siteIds.filter((id) => sites.get(id)?.supervision === 'DIRECT');
  if (direct.length === 0) return [];
  const cover = await overlapping(ctx, SupervisionCoverage, direct, from, to);
  const gaps: SupervisionGap[] = [];
  for (const siteId of direct) {
    const clip = (p: { startsAt: Date; endsAt: Date }) => ({
      startsAt: new Date(Math.max(p.startsAt.getTime(), from.getTime())),
      endsAt: new Date(Math.min(p.endsAt.getTime(), to.getTime())),
    });
    const needed = shifts.filter((s) => s.siteId === siteId).map(clip);
    for (const gap of uncoveredPeriods(needed, cover.filter((c) => c.siteId === siteId))) {
      gaps.push(Object.assign(new SupervisionGap(), { site: stubOf(Site, siteId), ...gap, minutes: Math.round((gap.endsAt.getTime() - gap.startsAt.getTime()) / 60_000) }));
    }
  }
  return gaps.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

export async function staffingAttention(ctx: RequestContext, withinDays: number): Promise<StaffingAttention> {
  const [credentials, gaps] = await Promise.all([expiringCredentials(ctx, withinDays), supervisionGaps(ctx, withinDays)]);
  return Object.assign(new StaffingAttention(), { withinDays, expiringCredentials: credentials, supervisionGaps: gaps });
}

/**
 * A site's labour cost for the seven local days from `weekStarting`: every shift that starts in
 * them, at the worker's current hourly cost (rates are not kept historically: a changed rate
 * re-prices past weeks asked again).
 */
export async function labourCostWeek(ctx: RequestContext, siteId: string, weekStarting: string): Promise<LabourCostWeek> {
  const site = await requireSite(ctx, siteId, 'siteId');
  const problem = rosterDateProblem(weekStarting, 'weekStarting');
  if (problem) throw badInput(problem, { argument: 'weekStarting' });
  const { from, to } = localDaysToUtc(weekStarting, 7, site.timeZone);
  const shifts = await ctx.em.find(Shift, { siteId: site.id, startsAt: { $gte: from, $lt: to } });
  const members = await ctx.loaders.byId(StaffMember).loadMany([...new Set(shifts.map((s) => s.staffMemberId))]);
  const rates = new Map<string, number>();
  for (const m of members) if (m && !(m instanceof Error)) rates.set(m.id, toCents(m.hourlyCost) ?? 0);
  const missing = shifts.find((s) => !rates.has(s.staffMemberId));
  if (missing) throw new Error(`Shift ${missing.id} names a staff member that could not be read`);
  const cost = labourCost(shifts.map((s) => ({ role: s.role, minutes: Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000), hourlyCostCents: rates.get(s.staffMemberId)! })));
  return Object.assign(new LabourCostWeek(), {
    site: stubOf(Site, site.id),
    weekStarting,
    shifts: shifts.length,
    hours: cost.minutes / 60,
    cost: Money.usd(formatCents(cost.cents)),
    byRole: cost.lines.map((l) => Object.assign(new LabourCostLine(), { role: l.role, shifts: l.shifts, hours: l.minutes / 60, cost: Money.usd(formatCents(l.cents)) })),
  });
}
