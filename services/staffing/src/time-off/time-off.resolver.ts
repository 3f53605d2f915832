import type { RequestContext } from '@infusion/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { StaffMember } from '../staff/staff-member.entity';
import { TimeOff } from './time-off.entity';
import { NewTimeOffInput } from './time-off.input';
import { addTimeOff, removeTimeOff } from './time-off.service';

@Resolver(() => TimeOff)
export class TimeOffResolver {
  @Mutation(() => TimeOff, { description: 'Gives a staff member whole days off (home site’s local days). CONFLICT while they are on a shift in them, or already off then.' })
  addTimeOff(@Arg('input', { description: 'The days off.' }) input: NewTimeOffInput, @Ctx() ctx: RequestContext): Promise<TimeOff> {
    return addTimeOff(ctx, input);
  }

  @Mutation(() => TimeOff, { description: 'Cancels time off; answers it as it was.' })
  removeTimeOff(@Arg('id', () => ID, { description: 'Time off to cancel.' }) id: string, @Ctx() ctx: RequestContext): Promise<TimeOff> {
    return removeTimeOff(ctx, id);
  }

  @FieldResolver(() => StaffMember, { description: 'Who is off.' })
  staffMember(@Root() leave: TimeOff, @Ctx() { loaders }: RequestContext): Promise<StaffMember> {
    return loaders.require(StaffMember, leave.staffMemberId);
  }
}
