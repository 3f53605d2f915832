import { type RequestContext, stubOf } from '@infusion/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Site } from '../references/site.stub';
import { StaffMember } from '../staff/staff-member.entity';
import { Shift } from './shift.entity';
import { NewShiftInput, ShiftChangesInput } from './shift.input';
import { createShift, removeShift, updateShift } from './shift.service';

@Resolver(() => Shift)
export class ShiftResolver {
  @Mutation(() => Shift, {
    description:
      'Puts a staff member on a shift at a site, times in the site’s local time (stored in UTC). CONFLICT when it overlaps another shift of theirs or their time off; BAD_USER_INPUT for a local time skipped by daylight saving.',
  })
  createShift(@Arg('input', { description: 'The shift.' }) input: NewShiftInput, @Ctx() ctx: RequestContext): Promise<Shift> {
    return createShift(ctx, input);
  }

  @Mutation(() => Shift, { description: 'Moves a shift to new local times at the same site (and optionally another role). CONFLICT as for createShift.' })
  updateShift(
    @Arg('id', () => ID, { description: 'Shift to change.' }) id: string,
    @Arg('input', { description: 'New times.' }) input: ShiftChangesInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Shift> {
    return updateShift(ctx, id, input);
  }

  @Mutation(() => Shift, { description: 'Takes a shift off the roster; answers the shift as it was.' })
  removeShift(@Arg('id', () => ID, { description: 'Shift to remove.' }) id: string, @Ctx() ctx: RequestContext): Promise<Shift> {
    return removeShift(ctx, id);
  }

  @FieldResolver(() => StaffMember, { description: 'The staff member on duty.' })
  async staffMember(@Root() shift: Shift, @Ctx() { loaders }: RequestContext): Promise<StaffMember> {
    return loaders.require(StaffMember, shift.staffMemberId);
  }

  @FieldResolver(() => Site, { description: 'The site where the shift is worked.' })
  site(@Root() shift: Shift): Site {
    return stubOf(Site, shift.siteId);
  }
}
