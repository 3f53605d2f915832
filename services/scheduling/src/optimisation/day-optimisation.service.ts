import { AppError, badInput, conflict, isUuid, localDaysToUtc, type RequestContext } from '@infusion/subgraph-kit';
import { Appointment } from '../appointments/appointment.entity';
import { MOVABLE_STATUSES, NURSING_ROLES, RELEASED_STATUSES, acceptedWindow } from '../appointments/appointment.rules';
import { holdNurseCapacity } from '../appointments/nurse-capacity';
import { Order } from '../orders/order.entity';
import { graphSiteCalendar, type SiteForScheduling } from '../ports/site-calendar';
import { placementProblems, proposeDayPacking, type DayFrame, type DayMetrics, type PackedVisit } from './day-packing';

/** Starts of re-packed visits fall on this grid (minutes after opening). */
const STEP_MINUTES = 15;
/** Most visits one application may move (a busy day of a large center). */
export const MAX_MOVES = 200;
const MINUTE = 60_000;

/** One site's local day as the optimiser reads it: the frame, the visits, and their rows. */
interface SiteDayState {
  site: SiteForScheduling;
  frame: DayFrame | null;
  appointments: Appointment[];
  visits: PackedVisit[];
}

/**
 * Reads a site's day: chairs and hours from facilities, shifts and qualified nurses from staffing
 * (as the caller), and the day's chair-holding visits. NOT_FOUND naming `siteId` for a site the
 * caller cannot see; a closed day has no frame.
 */
async function readSiteDay(ctx: RequestContext, siteId: string, date: string, now: Date): Promise<SiteDayState> {
  const site = await graphSiteCalendar(ctx).site(siteId, date, date, 'siteId');
  const day = site.days[0];
  const { from, to } = localDaysToUtc(date, 1, site.timeZone);
  const appointments = await ctx.em.find(
    Appointment,
    { siteId, status: { $nin: [...RELEASED_STATUSES] }, startsAt: { $gte: from, $lt: to } },
    { orderBy: { startsAt: 'asc', id: 'asc' } },
  );
  if (!day || day.closed || !day.opensAtUtc || !day.closesAtUtc) return { site, frame: null, appointments, visits: [] };

  const orders = await ctx.em.find(Order, { id: { $in: [...new Set(appointments.map((a) => a.orderId))] } });
  const productOf = new Map(orders.map((o) => [o.id, o.productId]));
  const staff = await staffOfDay(ctx, siteId, { from, to }, [...new Set(orders.map((o) => o.productId))]);
  const frame: DayFrame = {
    opensAt: day.opensAtUtc,
    closesAt: day.closesAtUtc,
    chairIds: site.chairs.filter((c) => c.active).map((c) => c.id),
    nurseLimit: Math.max(1, Math.floor(site.chairsPerNurse)),
    shifts: staff.shifts,
    notBefore: now,
    stepMinutes: STEP_MINUTES,
  };
  const visits = appointments.map((a): PackedVisit => {
    const window = acceptedWindow(a);
    const qualified = staff.qualifiedFor.get(productOf.get(a.orderId) ?? '') ?? new Set<string>();
    return {
      id: a.id,
      patientId: a.patientId,
      chairId: a.chairId,
      nurseId: a.nurseId,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      movable: MOVABLE_STATUSES.includes(a.status) && a.startsAt.getTime() > now.getTime(),
      earliestStart: window.from,
      latestStart: window.until,
      nurseOptions: [...new Set([a.nurseId, ...qualified])],
    };
  });
  return { site, frame, appointments, visits };
}

/**
 * The day's nursing shifts at the site, and who is qualified for each drug: staffing's
 * `qualifiedStaff` (licence for the state, the drug's competency, not on time off) asked at the
 * start of every nursing shift, since it only names staff on shift at the moment asked.
 */
async function staffOfDay(ctx: RequestContext, siteId: string, day: { from: Date; to: Date }, productIds: string[]) {
  const window = `from: "${day.from.toISOString()}", to: "${day.to.toISOString()}"`;
  const { Site } = await ctx.graph.lookup<{ Site: { id: string; shifts: { staffMemberId: string; role: string; startsAt: string; endsAt: string }[] } }>('staffing', {
    Site: { ids: [siteId], selection: `shifts(${window}) { staffMemberId role startsAt endsAt }` },
  });
  const shifts = new Map<string, { startsAt: Date; endsAt: Date }[]>();
  for (const s of Site.get(siteId)?.shifts ?? []) {
    if (!NURSING_ROLES.includes(s.role)) continue;
    shifts.set(s.staffMemberId, [...(shifts.get(s.staffMemberId) ?? []), { startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) }]);
  }
  const moments = [...new Set([...shifts.values()].flat().map((s) => new Date(Math.max(s.startsAt.getTime(), day.from.getTime()) + MINUTE).toISOString()))];
  const asks = productIds.filter(isUuid).flatMap((productId, p) => moments.map((at, m) => ({ alias: `q${p}_${m}`, productId, at })));
  const qualifiedFor = new Map<string, Set<string>>(productIds.map((p) => [p, new Set<string>()]));
  if (asks.length) {
    // Ids and instants are ours (read from our rows and staffing's answer), never a client's text.
    const selection = asks.map((a) => `${a.alias}: qualifiedStaff(at: "${a.at}", productId: "${a.productId}") { id }`).join(' ');
    const answer = await ctx.graph.lookup<{ Site: { id: string } & Record<string, { id: string }[]> }>('staffing', { Site: { ids: [siteId], selection } });
    const found = answer.Site.get(siteId);
    for (const a of asks) for (const s of (found?.[a.alias] as { id: string }[] | undefined) ?? []) qualifiedFor.get(a.productId)!.add(s.id);
  }
  return { shifts, qualifiedFor };
}

export interface ProposedMove {
  appointment: Appointment;
  from: { startsAt: Date; endsAt: Date; chairId: string; nurseId: string };
  to: { startsAt: Date; endsAt: Date; chairId: string; nurseId: string };
}

export interface DayOptimisation {
  siteId: string;
  date: string;
  closed: boolean;
  moves: ProposedMove[];
  before: DayMetrics;
  after: DayMetrics;
  visits: number;
  standardVisitMinutes: number;
}

const EMPTY: DayMetrics = { utilisation: 0, peakChairsInUse: 0, roomForStandardVisits: 0, utilisationWithRoomFilled: 0 };

function checkDate(date: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw badInput('`date` must be a local date (YYYY-MM-DD)', { argument: 'date' });
}

/** The site-limited caller may optimise only its own sites. */
function checkSite(ctx: RequestContext, siteId: string): void {
  if (!isUuid(siteId)) throw badInput('`siteId` is not a valid id', { argument: 'siteId' });
  const { siteIds } = ctx.tenant;
  if (siteIds && !siteIds.includes(siteId)) throw new AppError('NOT_FOUND', `Site ${siteId} was not found`, { type: 'Site', id: siteId, argument: 'siteId' });
}

/** A proposal that re-packs the site's day (see `proposeDayPacking`); it changes nothing. */
export async function proposeDayOptimisation(ctx: RequestContext, siteId: string, date: string): Promise<DayOptimisation> {
  checkSite(ctx, siteId);
  checkDate(date);
  const state = await readSiteDay(ctx, siteId, date, new Date());
  if (!state.frame) return { siteId, date, closed: true, moves: [], before: EMPTY, after: EMPTY, visits: state.appointments.length, standardVisitMinutes: 0 };
  const proposal = proposeDayPacking(state.frame, state.visits);
  const byId = new Map(state.appointments.map((a) => [a.id, a]));
  const moves = proposal.visits
    .filter((v) => proposal.moved.includes(v.id))
    .map((v) => {
      const appointment = byId.get(v.id)!;
      return {
        appointment,
        from: { startsAt: appointment.startsAt, endsAt: appointment.endsAt, chairId: appointment.chairId, nurseId: appointment.nurseId },
        to: { startsAt: v.startsAt, endsAt: v.endsAt, chairId: v.chairId, nurseId: v.nurseId },
      };
    })
    .sort((a, b) => a.from.startsAt.getTime() - b.from.startsAt.getTime() || a.appointment.id.localeCompare(b.appointment.id));
  return { siteId, date, closed: false, moves, before: proposal.before, after: proposal.after, visits: state.visits.length, standardVisitMinutes: proposal.standardVisitMinutes };
}

export interface DayMove {
  appointmentId: string;
  expectedVersion: number;
  startsAt: Date;
  chairId: string;
  nurseId: string;
}

/** Rules a move breaks by itself (the caller's mistake) rather than by colliding with the day as it now is. */
const COLLISIONS = new Set(['The chair is taken at that time', 'The patient has another visit at that time']);

/**
 * Makes a day's moves, all or none: every visit must be the caller's, at the site, on the day and
 * unchanged since the caller read it (`expectedVersion`, else CONFLICT); every new place is checked
 * against every rule the proposal honours (window, hours, chair in service, nurse qualified, on
 * shift and within the ratio, chair and patient free). The overlap constraints are deferred to the
 * end of the moves, so a day may be re-shuffled in place (two visits may swap chairs); they and the
 * nurses' capacity are checked again by the database before anything commits.
 */
export async function applyDayOptimisation(ctx: RequestContext, input: { siteId: string; date: string; moves: DayMove[] }): Promise<Appointment[]> {
  checkSite(ctx, input.siteId);
  checkDate(input.date);
  const moves = input.moves;
  if (!moves.length) throw badInput('Give at least one move', { argument: 'moves' });
  const seen = new Set<string>();
  for (const [i, move] of moves.entries()) {
    for (const field of ['appointmentId', 'chairId', 'nurseId'] as const) {
      if (!isUuid(move[field])) throw badInput(`\`${field}\` is not a valid id`, { argument: `moves.${i}.${field}` });
    }
    if (seen.has(move.appointmentId)) throw badInput('A visit is moved at most once', { argument: `moves.${i}.appointmentId` });
    seen.add(move.appointmentId);
  }

  const now = new Date();
  const state = await readSiteDay(ctx, input.siteId, input.date, now);
  const byId = new Map(state.appointments.map((a) => [a.id, a]));
  for (const [i, move] of moves.entries()) {
    if (!byId.has(move.appointmentId)) throw new AppError('NOT_FOUND', `Appointment ${move.appointmentId} was not found at the site that day`, { type: 'Appointment', id: move.appointmentId, argument: `moves.${i}.appointmentId` });
  }
  // A chair or nurse the caller cannot see is NOT_FOUND, as in a booking; one it can see that does not fit is judged below.
  const chairs = new Set(state.site.chairs.map((c) => c.id));
  const nurses = await ctx.graph.lookup<{ StaffMember: { id: string } }>('staffing', { StaffMember: { ids: moves.map((m) => m.nurseId), selection: 'clientId' } });
  for (const [i, move] of moves.entries()) {
    if (!chairs.has(move.chairId)) throw new AppError('NOT_FOUND', `Chair ${move.chairId} was not found at the site`, { type: 'Chair', id: move.chairId, argument: `moves.${i}.chairId` });
    if (!nurses.StaffMember.has(move.nurseId)) throw new AppError('NOT_FOUND', `StaffMember ${move.nurseId} was not found`, { type: 'StaffMember', id: move.nurseId, argument: `moves.${i}.nurseId` });
  }
  for (const [i, move] of moves.entries()) {
    const appointment = byId.get(move.appointmentId)!;
    if (appointment.version !== move.expectedVersion) {
      throw conflict('A visit was changed since the proposal; nothing was moved', { argument: `moves.${i}.expectedVersion`, appointmentId: appointment.id, version: appointment.version });
    }
  }
  if (!state.frame) throw badInput('The site is closed that day', { argument: 'date' });

  const moved = new Map(moves.map((m) => [m.appointmentId, m]));
  const after = state.visits.map((v) => {
    const move = moved.get(v.id);
    if (!move) return v;
    return { ...v, startsAt: move.startsAt, endsAt: new Date(move.startsAt.getTime() + (v.endsAt.getTime() - v.startsAt.getTime())), chairId: move.chairId, nurseId: move.nurseId };
  });
  const [problem] = placementProblems(state.frame, after, new Set(moved.keys()));
  if (problem) {
    const argument = `moves.${moves.findIndex((m) => m.appointmentId === problem.visitId)}`;
    throw COLLISIONS.has(problem.problem) || problem.problem.startsWith('The nurse would have')
      ? conflict(`${problem.problem}; nothing was moved`, { argument, appointmentId: problem.visitId })
      : badInput(problem.problem, { argument, appointmentId: problem.visitId });
  }

  // The same lock order as a booking (chairs, then patients, then nurses) so the two cannot deadlock.
  const touched = [...moved.values()].map((m) => ({ move: m, appointment: byId.get(m.appointmentId)! }));
  const keys = (prefix: string, ids: string[]) => [...new Set(ids)].sort().map((id) => `${prefix}:${id}`);
  const lockKeys = [
    ...keys('scheduling.chair', touched.flatMap((t) => [t.appointment.chairId, t.move.chairId])),
    ...keys('scheduling.patient', touched.map((t) => t.appointment.patientId)),
    ...keys('scheduling.nurse', touched.flatMap((t) => [t.appointment.nurseId, t.move.nurseId])),
  ];
  for (const key of lockKeys) await ctx.em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [key]);

  await ctx.em.execute('set constraints all deferred');
  for (const { move, appointment } of touched) {
    // A window taken as the default is recorded as it was, so a visit never drifts further with each optimisation.
    const window = acceptedWindow(appointment);
    appointment.acceptedFrom = window.from;
    appointment.acceptedUntil = window.until;
    appointment.endsAt = new Date(move.startsAt.getTime() + (appointment.endsAt.getTime() - appointment.startsAt.getTime()));
    appointment.startsAt = move.startsAt;
    appointment.chairId = move.chairId;
    appointment.nurseId = move.nurseId;
  }
  try {
    // Each UPDATE carries `where version = <read version>`: a change since the read fails the lot (CONFLICT).
    await ctx.em.flush();
    await ctx.em.execute('set constraints all immediate');
  } catch (error) {
    const e = error as { name?: string; code?: string };
    if (e?.name === 'ExclusionConstraintViolationException' || e?.code === '23P01' || e?.name === 'DeadlockException' || e?.code === '40P01') {
      throw conflict('The day changed while the moves were made; nothing was moved', { argument: 'moves' });
    }
    throw error;
  }
  const ratio = state.site.chairsPerNurse;
  for (const { appointment } of touched) {
    await holdNurseCapacity(ctx, { clientId: appointment.clientId, nurseId: appointment.nurseId, startsAt: appointment.startsAt, endsAt: appointment.endsAt, excludeAppointmentId: appointment.id }, ratio);
  }
  return touched.map((t) => t.appointment);
}
