import type { RequestContext } from '@infusion/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { qualifiedStaffOfSite } from '../reports/qualified-staff.service';
import { Shift } from '../shifts/shift.entity';
import { shiftsOf } from '../shifts/shift.loader';
import { StaffMember } from '../staff/staff-member.entity';
import { rosterOf } from '../staff/staff.loader';
import { Site } from './site.stub';

/** What staffing adds to a site: its roster and who is on shift there. */
@Resolver(() => Site)
export class SiteStaffingResolver {
  @FieldResolver(() => [StaffMember], { description: 'Active staff members whose home site this is (the roster), by name.' })
  staff(@Root() site: Site, @Ctx() ctx: RequestContext): Promise<StaffMember[]> {
    return rosterOf(ctx).load(site.id);
  }

  @FieldResolver(() => [Shift], { description: 'Shifts worked at this site that overlap the window, in time order (compare with booked chairs for coverage).' })
  shifts(
    @Root() site: Site,
    @Ctx() ctx: RequestContext,
    @Arg('from', () => Date, { description: 'Window start (inclusive, UTC); shifts still under way at this time are included.' }) from: Date,
    @Arg('to', () => Date, { description: 'Window end (exclusive, UTC); at most 366 days after `from`.' }) to: Date,
  ): Promise<Shift[]> {
    return shiftsOf(ctx, 'siteId', from, to).load(site.id);
  }

  /**
   * The same answer as `Query.qualifiedStaff`, reachable through `_entities` on a Site
   * representation, so another subgraph can ask it with the kit's GraphClient (which reads
   * entities, not root fields).
   */
  @FieldResolver(() => [StaffMember], { description: 'Staff who may give the product here at that moment (see Query.qualifiedStaff); empty for a site the caller cannot see.' })
  qualifiedStaff(
    @Root() site: Site,
    @Ctx() ctx: RequestContext,
    @Arg('productId', () => ID, { description: 'The product to give (inventory’s Product).' }) productId: string,
    @Arg('at', { description: 'The moment (UTC).' }) at: Date,
  ): Promise<StaffMember[]> {
    return qualifiedStaffOfSite(ctx, site.id, productId, at);
  }
}
