import { badInput, conflict, type RequestContext, addLocalDays, localDaysToUtc } from '@infusion/subgraph-kit';
import { requireSite } from '../references/owners';
import { rosterDateProblem } from '../shifts/local-time.rules';
import { Shift } from '../shifts/shift.entity';
import { isOverlap } from '../shifts/shift.service';
import { lockStaffMember, notFoundAs } from '../staff/staff.service';
import { TimeOff } from './time-off.entity';
import type { NewTimeOffInput } from './time-off.input';

export const MAX_TIME_OFF_DAYS = 366;
export const MAX_TIME_OFF_REASON = 500;

/**
 * Gives a staff member whole days off, in their home site's local time. Refused (CONFLICT, with
 * the shifts named) while they are on a shift in it: take them off those shifts first. Their row is
 * locked as for shifts, so a shift and leave for the same hours cannot both be written at once.
 */
export async function addTimeOff(ctx: RequestContext, input: NewTimeOffInput): Promise<TimeOff> {
  const member = await lockStaffMember(ctx, input.staffMemberId, 'input.staffMemberId');
  for (const [date, field] of [[input.firstDay, 'firstDay'], [input.lastDay, 'lastDay']] as const) {
    const problem = rosterDateProblem(date, field);
    if (problem) throw badInput(problem, { argument: `input.${field}` });
  }
  if (input.lastDay < input.firstDay) throw badInput('`lastDay` may not be before `firstDay`', { argument: 'input.lastDay' });
  if (input.lastDay > addLocalDays(input.firstDay, MAX_TIME_OFF_DAYS)) throw badInput(`Time off may span at most ${MAX_TIME_OFF_DAYS} days`, { argument: 'input.lastDay' });
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > MAX_TIME_OFF_REASON) throw badInput(`\`reason\` may be at most ${MAX_TIME_OFF_REASON} characters`, { argument: 'input.reason' });
  const home = await requireSite(ctx, member.homeSiteId, 'input.staffMemberId');
  const days = Math.round((Date.parse(input.lastDay) - Date.parse(input.firstDay)) / 86_400_000) + 1;
  const { from, to } = localDaysToUtc(input.firstDay, days, home.timeZone);
  const shifts = await ctx.em.find(Shift, { staffMemberId: member.id, startsAt: { $lt: to }, endsAt: { $gt: from } }, { orderBy: { startsAt: 'asc' }, limit: 50 });
  if (shifts.length) {
    throw conflict(`${member.fullName} is on ${shifts.length} shift(s) in that time; remove or move them first`, { shiftIds: shifts.map((s) => s.id) });
  }
  const leave = ctx.em.create(TimeOff, { clientId: member.clientId, staffMemberId: member.id, startsAt: from, endsAt: to, reason });
  try {
    await ctx.em.flush();
  } catch (error) {
    if (isOverlap(error)) throw conflict('The staff member already has time off that overlaps these days', { staffMemberId: member.id });
    throw error;
  }
  return leave;
}

/** Cancels time off; answers it as it was. */
export async function removeTimeOff(ctx: RequestContext, id: string): Promise<TimeOff> {
  const leave = await ctx.loaders.byId(TimeOff).load(id);
  if (!leave) throw notFoundAs('TimeOff', id, 'id');
  await lockStaffMember(ctx, leave.staffMemberId, 'id');
  ctx.em.remove(leave);
  await ctx.em.flush();
  return leave;
}
