import { badInput, conflict, type RequestContext, localDateIn } from '@infusion/subgraph-kit';
import { requireSiteOfClient } from '../references/owners';
import { isOverlap, periodAt, refuseDuringTimeOff } from '../shifts/shift.service';
import type { NewSupervisionCoverageInput } from '../shifts/shift.input';
import { canPracticeIn } from '../staff/licensure.rules';
import { StaffMember } from '../staff/staff-member.entity';
import { licensesOf } from '../staff/staff.loader';
import { lockStaffMember, notFoundAs } from '../staff/staff.service';
import { isSupervisingRole } from '../staff/staff.rules';
import { SupervisionCoverage } from './supervision-coverage.entity';

/**
 * Records a supervising provider on site for a period (site local time). The provider must be a
 * physician, NP or PA of the site's client, active, licensed in the site's state that day and not
 * on time off; one provider covers one site at a time (database constraint, CONFLICT).
 */
export async function addSupervisionCoverage(ctx: RequestContext, input: NewSupervisionCoverageInput): Promise<SupervisionCoverage> {
  const known = await ctx.loaders.byId(StaffMember).load(input.providerId);
  if (!known) throw notFoundAs('StaffMember', input.providerId, 'input.providerId');
  const site = await requireSiteOfClient(ctx, input.siteId, known.clientId, 'input.siteId');
  const period = periodAt(site, input);
  const provider = await lockStaffMember(ctx, input.providerId, 'input.providerId', { anyHomeSite: true });
  if (!provider.active || !isSupervisingRole(provider.role)) {
    throw badInput('`providerId` must be an active physician, NP or PA', { argument: 'input.providerId' });
  }
  if (!canPracticeIn(await licensesOf(ctx).load(provider.id), site.state, localDateIn(period.startsAt, site.timeZone))) {
    throw badInput(`${provider.fullName} holds no licence valid in ${site.state} that day`, { argument: 'input.providerId' });
  }
  await refuseDuringTimeOff(ctx, provider, period);
  const coverage = ctx.em.create(SupervisionCoverage, { clientId: provider.clientId, siteId: site.id, providerId: provider.id, ...period });
  try {
    await ctx.em.flush();
  } catch (error) {
    if (isOverlap(error)) throw conflict('The provider already covers a site at that time', { providerId: provider.id });
    throw error;
  }
  return coverage;
}

/** Removes a coverage block; answers it as it was. */
export async function removeSupervisionCoverage(ctx: RequestContext, id: string): Promise<SupervisionCoverage> {
  const coverage = await ctx.loaders.byId(SupervisionCoverage).load(id);
  if (!coverage) throw notFoundAs('SupervisionCoverage', id, 'id');
  ctx.em.remove(coverage);
  await ctx.em.flush();
  return coverage;
}
