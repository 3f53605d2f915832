import { INFUSING_ROLES } from '@infusion/domain-codes';
import { localDateIn, type RequestContext } from '@infusion/subgraph-kit';
import { requireSite, requiredCompetencyOf, sitesById, type SiteFacts } from '../references/owners';
import { Shift } from '../shifts/shift.entity';
import { canPracticeIn, hasCompetency } from '../staff/licensure.rules';
import { StaffMember } from '../staff/staff-member.entity';
import { competenciesOf, licensesOf } from '../staff/staff.loader';
import { TimeOff } from '../time-off/time-off.entity';


/**
 * Who may give a product at a site at a moment (the contract scheduling calls through the graph):
 * on an infusing shift at that site then, active, not on time off, holding a licence that covers
 * the site's state on the site's local date, and — when the product requires one — a competency of
 * that kind unexpired that day. By last name.
 */
export async function qualifiedStaff(ctx: RequestContext, siteId: string, productId: string, at: Date): Promise<StaffMember[]> {
  const [site, competency] = await Promise.all([requireSite(ctx, siteId, 'siteId'), requiredCompetencyOf(ctx, productId, 'productId')]);
  return qualifiedAt(ctx, site, competency, at);
}

/**
 * The same on a Site entity: a site the caller cannot see (another client's) has nobody to offer,
 * like every other field staffing adds to Site.
 */
export async function qualifiedStaffOfSite(ctx: RequestContext, siteId: string, productId: string, at: Date): Promise<StaffMember[]> {
  const [sites, competency] = await Promise.all([sitesById(ctx, [siteId]), requiredCompetencyOf(ctx, productId, 'productId')]);
  const site = sites.get(siteId);
  return site ? qualifiedAt(ctx, site, competency, at) : [];
}

async function qualifiedAt(ctx: RequestContext, site: SiteFacts, competency: string | null, at: Date): Promise<StaffMember[]> {
  const on = localDateIn(at, site.timeZone);
  const shifts = await ctx.em.find(Shift, { siteId: site.id, role: { $in: [...INFUSING_ROLES] }, startsAt: { $lte: at }, endsAt: { $gt: at } });
  const ids = [...new Set(shifts.map((s) => s.staffMemberId))];
  if (ids.length === 0) return [];
  const [members, away] = await Promise.all([
    ctx.em.find(StaffMember, { id: { $in: ids }, active: true }, { orderBy: { lastName: 'asc', firstName: 'asc' } }),
    ctx.em.find(TimeOff, { staffMemberId: { $in: ids }, startsAt: { $lte: at }, endsAt: { $gt: at } }),
  ]);
  const onLeave = new Set(away.map((t) => t.staffMemberId));
  const candidates = members.filter((m) => !onLeave.has(m.id));
  const [licenses, competencies] = await Promise.all([
    licensesOf(ctx).loadMany(candidates.map((m) => m.id)),
    competenciesOf(ctx).loadMany(candidates.map((m) => m.id)),
  ]);
  return candidates.filter((_, i) => {
    const held = licenses[i];
    const skills = competencies[i];
    if (held instanceof Error) throw held;
    if (skills instanceof Error) throw skills;
    return canPracticeIn(held!, site.state, on) && (!competency || hasCompetency(skills!, competency, on));
  });
}
