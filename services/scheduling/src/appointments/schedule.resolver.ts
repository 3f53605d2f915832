import type { RequestContext } from '@infusion/subgraph-kit';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Chair } from '../references/chair.stub';
import { Site } from '../references/site.stub';
import { StaffMember } from '../references/staff-member.stub';
import { Appointment } from './appointment.entity';
import { appointmentsOf } from './appointment.loader';

// Fields scheduling adds to entities other subgraphs own. Each is batched across parents: the
// gateway resolves many sites (or nurses, chairs) in one `_entities` call, and they share one SELECT.

@Resolver(() => Site)
export class SiteScheduleResolver {
  @FieldResolver(() => [Appointment], { description: 'The day board: appointments starting within [from, to), in time order.' })
  appointments(
    @Root() site: Site,
    @Arg('from', { description: 'Earliest start (inclusive, UTC).' }) from: Date,
    @Arg('to', { description: 'Latest start (exclusive, UTC).' }) to: Date,
    @Ctx() ctx: RequestContext,
  ): Promise<Appointment[]> {
    return appointmentsOf(ctx, 'siteId', { from, to }).load(site.id);
  }
}

@Resolver(() => StaffMember)
export class StaffMemberScheduleResolver {
  @FieldResolver(() => [Appointment], { description: 'Appointments this nurse is assigned to, starting within [from, to), in time order.' })
  appointments(
    @Root() staffMember: StaffMember,
    @Arg('from', { description: 'Earliest start (inclusive, UTC).' }) from: Date,
    @Arg('to', { description: 'Latest start (exclusive, UTC).' }) to: Date,
    @Ctx() ctx: RequestContext,
  ): Promise<Appointment[]> {
    return appointmentsOf(ctx, 'nurseId', { from, to }).load(staffMember.id);
  }
}

@Resolver(() => Chair)
export class ChairScheduleResolver {
  @FieldResolver(() => [Appointment], { description: 'Bookings of this chair starting within [from, to), in time order (cancelled and missed visits included).' })
  appointments(
    @Root() chair: Chair,
    @Arg('from', { description: 'Earliest start (inclusive, UTC).' }) from: Date,
    @Arg('to', { description: 'Latest start (exclusive, UTC).' }) to: Date,
    @Ctx() ctx: RequestContext,
  ): Promise<Appointment[]> {
    return appointmentsOf(ctx, 'chairId', { from, to }).load(chair.id);
  }
}
