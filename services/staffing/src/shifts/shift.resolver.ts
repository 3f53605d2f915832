import { notFound, type RequestContext } from '@infusion/subgraph-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Site } from '../references/site.stub';
import { StaffMember } from '../staff/staff-member.entity';
import { Shift } from './shift.entity';

@Resolver(() => Shift)
export class ShiftResolver {
  @FieldResolver(() => StaffMember, { description: 'The staff member on duty.' })
  async staffMember(@Root() shift: Shift, @Ctx() { loaders }: RequestContext): Promise<StaffMember> {
    return (await loaders.byId(StaffMember).load(shift.staffMemberId)) ?? Promise.reject(notFound('StaffMember', shift.staffMemberId));
  }

  @FieldResolver(() => Site, { description: 'The site where the shift is worked.' })
  site(@Root() shift: Shift): Site {
    return Object.assign(new Site(), { id: shift.siteId });
  }
}
