import { badInput, type RequestContext } from '@infusion/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Chair } from '../references/chair.stub';
import { Site } from '../references/site.stub';
import { StaffMember } from '../references/staff-member.stub';
import { Appointment } from './appointment.entity';
import { appointmentsOf } from './appointment.loader';
import { RELEASED_STATUSES, type AppointmentStatus } from './appointment.rules';

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

  // Facilities asks this before it retires a chair or closes a site (bookings would be stranded).
  @FieldResolver(() => [Appointment], { description: 'Visits that still hold this chair and have not ended yet (neither completed, cancelled nor missed), soonest first; at most `limit` (1–100).' })
  async upcomingAppointments(
    @Root() chair: Chair,
    @Arg('limit', () => Int, { defaultValue: 20, description: 'How many at most (1–100).' }) limit: number,
    @Ctx() ctx: RequestContext,
  ): Promise<Appointment[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badInput('`limit` is from 1 to 100', { argument: 'limit' });
    const over: AppointmentStatus[] = [...RELEASED_STATUSES, 'COMPLETED'];
    const where: FilterQuery<Appointment> = { status: { $nin: over }, endsAt: { $gt: new Date() } };
    const upcoming = await ctx.loaders.manyBy(Appointment, 'chairId', { where, orderBy: { startsAt: 'asc', id: 'asc' }, key: 'upcoming' }).load(chair.id);
    return upcoming.slice(0, limit);
  }
}
