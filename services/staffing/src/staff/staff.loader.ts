import type { RequestContext } from '@infusion/subgraph-kit';
import type { ObjectQuery } from '@mikro-orm/core';
import type DataLoader from 'dataloader';
import { Competency } from './competency.entity';
import { License } from './license.entity';
import { StaffMember } from './staff-member.entity';

/**
 * Per-request loaders of a staff member's licences and competencies. `licenses`, `canPracticeIn`
 * and `hasCompetency` share them, so any number of staff members and questions cost one SELECT
 * per table.
 */
export const licensesOf = (ctx: RequestContext): DataLoader<string, License[]> =>
  ctx.loaders.manyBy(License, 'staffMemberId', { orderBy: { state: 'asc', expiresOn: 'desc' } });

export const competenciesOf = (ctx: RequestContext): DataLoader<string, Competency[]> =>
  ctx.loaders.manyBy(Competency, 'staffMemberId', { orderBy: { kind: 'asc', expiresOn: 'desc' } });

/**
 * Staff members are visible to every caller of their client (a float nurse on a shift at your
 * site must resolve), but lists of staff follow a site-limited caller's sites: such a caller sees
 * the rosters of its own sites only.
 */
export function homeSiteScope(ctx: RequestContext): ObjectQuery<StaffMember> {
  return ctx.tenant.siteIds ? { homeSiteId: { $in: ctx.tenant.siteIds } } : {};
}

/** A site's roster: active staff members whose home site it is, by name. */
export const rosterOf = (ctx: RequestContext): DataLoader<string, StaffMember[]> =>
  ctx.loaders.manyBy(StaffMember, 'homeSiteId', {
    where: { active: true, ...homeSiteScope(ctx) },
    orderBy: { lastName: 'asc', firstName: 'asc' },
    key: 'active',
  });
