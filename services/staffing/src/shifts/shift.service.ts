import { ShiftChanged, publish } from '@infusion/events';
import { badInput, conflict, isUuid, type RequestContext } from '@infusion/subgraph-kit';
import { requireSite, requireSiteOfClient, type SiteFacts } from '../references/owners';
import { StaffMember } from '../staff/staff-member.entity';
import { lockStaffMember, notFoundAs } from '../staff/staff.service';
import { mayWorkShiftAs } from '../staff/staff.rules';
import { TimeOff } from '../time-off/time-off.entity';
import { periodToUtc, type LocalPeriod } from './local-time.rules';
import { Shift } from './shift.entity';
import type { NewShiftInput, ShiftChangesInput } from './shift.input';

/** PostgreSQL's exclusion_violation: an overlap constraint refused the row. */
const EXCLUSION_VIOLATION = '23P01';

export function isOverlap(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | undefined;
  return e?.name === 'ExclusionConstraintViolationException' || e?.code === EXCLUSION_VIOLATION;
}

/** A local period at a site as UTC instants, or BAD_USER_INPUT naming the field at fault. */
export function periodAt(site: SiteFacts, period: LocalPeriod): { startsAt: Date; endsAt: Date } {
  const result = periodToUtc(period, site.timeZone);
  if ('problem' in result) throw badInput(result.problem, { argument: `input.${result.argument}` });
  return result;
}

/** CONFLICT when the person is on time off at any moment of the period. */
export async function refuseDuringTimeOff(ctx: RequestContext, member: StaffMember, period: { startsAt: Date; endsAt: Date }): Promise<void> {
  const leave = await ctx.em.findOne(TimeOff, { staffMemberId: member.id, startsAt: { $lt: period.endsAt }, endsAt: { $gt: period.startsAt } });
  if (leave) {
    throw conflict(`${member.fullName} is on time off then`, { timeOffId: leave.id, startsAt: leave.startsAt.toISOString(), endsAt: leave.endsAt.toISOString() });
  }
}

/** Writes the shift; the database's exclusion constraint, not a prior read, refuses a double shift. */
async function flushShift(ctx: RequestContext, shift: Shift): Promise<void> {
  try {
    await ctx.em.flush();
  } catch (error) {
    if (isOverlap(error)) throw conflict('The staff member already has a shift that overlaps this one', { staffMemberId: shift.staffMemberId });
    throw error;
  }
}

const changed = (ctx: RequestContext, shift: Shift, change: 'CREATED' | 'UPDATED' | 'REMOVED') =>
  publish(ctx, ShiftChanged, shift.clientId, {
    shiftId: shift.id,
    staffMemberId: shift.staffMemberId,
    siteId: shift.siteId,
    change,
    startsAt: shift.startsAt.toISOString(),
    endsAt: shift.endsAt.toISOString(),
  });

function checkRole(member: StaffMember, role: StaffMember['role']): void {
  if (!mayWorkShiftAs(member.role, role)) throw badInput(`A ${member.role} cannot work a ${role} shift`, { argument: 'input.role' });
}

/**
 * Puts a staff member on a shift at a site, the times given in the site's local time. The person's
 * row is locked first (after the site is verified, so no lock is held across that call), so a
 * concurrent time-off request for them waits for this shift, and the other way round.
 */
export async function createShift(ctx: RequestContext, input: NewShiftInput): Promise<Shift> {
  if (!isUuid(input.staffMemberId)) throw notFoundAs('StaffMember', input.staffMemberId, 'input.staffMemberId');
  const known = await ctx.loaders.byId(StaffMember).load(input.staffMemberId);
  if (!known) throw notFoundAs('StaffMember', input.staffMemberId, 'input.staffMemberId');
  const site = await requireSiteOfClient(ctx, input.siteId, known.clientId, 'input.siteId');
  const period = periodAt(site, input);
  // Float staff may work any site of their client, so the person's home site does not limit this.
  const member = await lockStaffMember(ctx, input.staffMemberId, 'input.staffMemberId', { anyHomeSite: true });
  if (!member.active) throw badInput(`${member.fullName} has left and cannot be put on shifts`, { argument: 'input.staffMemberId' });
  const role = input.role ?? member.role;
  checkRole(member, role);
  await refuseDuringTimeOff(ctx, member, period);
  const shift = ctx.em.create(Shift, { clientId: member.clientId, siteId: site.id, staffMemberId: member.id, role, ...period });
  await flushShift(ctx, shift);
  await changed(ctx, shift, 'CREATED');
  return shift;
}

/** A shift the caller may change (its client, and its site for a site-limited caller). */
async function requireShift(ctx: RequestContext, id: string): Promise<Shift> {
  const shift = await ctx.loaders.byId(Shift).load(id);
  if (!shift) throw notFoundAs('Shift', id, 'id');
  return shift;
}

/** Moves a shift to new local times (and role) at the same site. */
export async function updateShift(ctx: RequestContext, id: string, input: ShiftChangesInput): Promise<Shift> {
  const shift = await requireShift(ctx, id);
  const site = await requireSite(ctx, shift.siteId, 'id');
  const period = periodAt(site, input);
  const member = await lockStaffMember(ctx, shift.staffMemberId, 'id', { anyHomeSite: true });
  const role = input.role ?? shift.role;
  checkRole(member, role);
  await refuseDuringTimeOff(ctx, member, period);
  Object.assign(shift, { role, ...period });
  await flushShift(ctx, shift);
  await changed(ctx, shift, 'UPDATED');
  return shift;
}

/** Takes a shift off the roster; answers the shift as it was. */
export async function removeShift(ctx: RequestContext, id: string): Promise<Shift> {
  const shift = await requireShift(ctx, id);
  await lockStaffMember(ctx, shift.staffMemberId, 'id', { anyHomeSite: true });
  ctx.em.remove(shift);
  await ctx.em.flush();
  await changed(ctx, shift, 'REMOVED');
  return shift;
}
