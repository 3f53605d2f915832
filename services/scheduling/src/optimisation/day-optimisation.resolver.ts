import { InRange, LocalDate, MaxItems, stubOf, type RequestContext } from '@infusion/subgraph-kit';
import { ValidateNested } from 'class-validator';
import { Arg, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Appointment } from '../appointments/appointment.entity';
import { acceptedWindow } from '../appointments/appointment.rules';
import { Chair } from '../references/chair.stub';
import { Site } from '../references/site.stub';
import { StaffMember } from '../references/staff-member.stub';
import { MAX_MOVES, applyDayOptimisation, proposeDayOptimisation, type DayMove } from './day-optimisation.service';

@ObjectType({ description: 'Where a visit sits: its chair time, chair and nurse.' })
class VisitPlace {
  @Field({ description: 'When the chair is taken (UTC).' })
  startsAt!: Date;

  @Field({ description: 'When the chair is free again (UTC).' })
  endsAt!: Date;

  @Field(() => Chair, { description: 'The chair.' })
  chair!: Chair;

  @Field(() => StaffMember, { description: 'The nurse.' })
  nurse!: StaffMember;
}

@ObjectType({ description: 'One visit the proposal moves.' })
class ProposedMove {
  @Field(() => Appointment, { description: 'The visit.' })
  appointment!: Appointment;

  @Field(() => Int, { description: 'Its version when proposed: pass it back as `expectedVersion` to apply.' })
  expectedVersion!: number;

  @Field(() => VisitPlace, { description: 'Where it is now.' })
  from!: VisitPlace;

  @Field(() => VisitPlace, { description: 'Where the proposal puts it (inside the window its patient accepted).' })
  to!: VisitPlace;

  @Field({ description: 'True when the visit gets another nurse.' })
  nurseChanged!: boolean;
}

@ObjectType({ description: 'How a site’s day is loaded, before or after a re-packing.' })
class DayLoad {
  @Field(() => Float, { description: 'Booked chair-minutes within opening hours over open chair-minutes (moves do not change it).' })
  utilisation!: number;

  @Field(() => Int, { description: 'Most chairs in use at once.' })
  peakChairsInUse!: number;

  @Field(() => Int, { description: 'Further standard visits the day still fits (a chair free, a nurse on shift with room, within hours).' })
  roomForStandardVisits!: number;

  @Field(() => Float, { description: 'Utilisation if that room were booked.' })
  utilisationWithRoomFilled!: number;
}

@ObjectType({ description: 'A proposal that re-packs a site’s day to level the peak of chairs in use and free room for more visits; it changes nothing until applied.' })
class DayOptimisationProposal {
  @Field(() => Site, { description: 'The site.' })
  site!: Site;

  @Field(() => LocalDate, { description: 'The local day.' })
  date!: string;

  @Field({ description: 'True when the site is closed that day (nothing to propose).' })
  closed!: boolean;

  @Field(() => Int, { description: 'Chair-holding visits that day.' })
  visits!: number;

  @Field(() => Int, { description: 'Length of the standard visit room is counted in: the day’s mean chair time, in minutes.' })
  standardVisitMinutes!: number;

  @Field(() => [ProposedMove], { description: 'The visits that move; empty when no re-packing does better than the day as booked.' })
  moves!: ProposedMove[];

  @Field(() => DayLoad, { description: 'The day as booked.' })
  before!: DayLoad;

  @Field(() => DayLoad, { description: 'The day after the moves.' })
  after!: DayLoad;

  @Field(() => Float, { description: 'Further standard visits the moves make room for, over the day’s visits (0.12 = room for 12% more daily volume).' })
  volumeGain!: number;
}

@InputType({ description: 'One visit to move: where to, and the version it was proposed at.' })
class DayMoveInput implements DayMove {
  @Field(() => ID, { description: 'The visit.' })
  appointmentId!: string;

  @InRange(1, 2_147_483_647)
  @Field(() => Int, { description: 'The version the proposal named; any change since then refuses every move (CONFLICT).' })
  expectedVersion!: number;

  @Field({ description: 'New start (UTC); the visit keeps its chair time.' })
  startsAt!: Date;

  @Field(() => ID, { description: 'Chair at the site.' })
  chairId!: string;

  @Field(() => ID, { description: 'Nurse on shift and qualified for the drug.' })
  nurseId!: string;
}

@InputType({ description: 'The moves of a day optimisation to make, all or none.' })
class ApplyDayOptimisationInput {
  @Field(() => ID, { description: 'The site.' })
  siteId!: string;

  @Field(() => LocalDate, { description: 'The local day the visits are on.' })
  date!: string;

  @MaxItems(MAX_MOVES)
  @ValidateNested({ each: true })
  @Field(() => [DayMoveInput], { description: `The moves (at most ${MAX_MOVES}), usually a proposal's.` })
  moves!: DayMoveInput[];
}

const place = (p: { startsAt: Date; endsAt: Date; chairId: string; nurseId: string }): VisitPlace =>
  Object.assign(new VisitPlace(), { startsAt: p.startsAt, endsAt: p.endsAt, chair: stubOf(Chair, p.chairId), nurse: stubOf(StaffMember, p.nurseId) });

@Resolver()
export class DayOptimisationResolver {
  @Query(() => DayOptimisationProposal, {
    description:
      'Re-packs a site’s local day: moves not-yet-arrived visits inside the windows their patients accepted, within opening hours, into chairs in service, with nurses on shift, qualified and within the chairs-per-nurse ratio, to lower the peak of chairs in use and free room for more visits. Changes nothing.',
  })
  async dayOptimisationProposal(
    @Arg('siteId', () => ID, { description: 'The site.' }) siteId: string,
    @Arg('date', () => LocalDate, { description: 'The local day.' }) date: string,
    @Ctx() ctx: RequestContext,
  ): Promise<DayOptimisationProposal> {
    const day = await proposeDayOptimisation(ctx, siteId, date);
    return Object.assign(new DayOptimisationProposal(), {
      site: stubOf(Site, day.siteId),
      date: day.date,
      closed: day.closed,
      visits: day.visits,
      standardVisitMinutes: day.standardVisitMinutes,
      moves: day.moves.map((m) =>
        Object.assign(new ProposedMove(), { appointment: m.appointment, expectedVersion: m.appointment.version, from: place(m.from), to: place(m.to), nurseChanged: m.from.nurseId !== m.to.nurseId }),
      ),
      before: Object.assign(new DayLoad(), day.before),
      after: Object.assign(new DayLoad(), day.after),
      volumeGain: day.visits ? Math.round(((day.after.roomForStandardVisits - day.before.roomForStandardVisits) / day.visits) * 1000) / 1000 : 0,
    });
  }

  @Mutation(() => [Appointment], {
    description:
      'Makes a day optimisation’s moves, all or none: CONFLICT (and nothing moved) when any visit changed since the proposal or a move collides with the day as it now is; BAD_USER_INPUT naming the move that breaks a rule. Returns the moved visits.',
  })
  applyDayOptimisation(@Arg('input', { description: 'The moves.' }) input: ApplyDayOptimisationInput, @Ctx() ctx: RequestContext): Promise<Appointment[]> {
    return applyDayOptimisation(ctx, input);
  }
}

@Resolver(() => Appointment)
export class AppointmentWindowResolver {
  @FieldResolver(() => Date, { description: 'Earliest start the patient accepted (recorded on confirming; else the booked start less 90 minutes). Day optimisation never moves the visit outside the window.' })
  acceptedFrom(@Root() appointment: Appointment): Date {
    return acceptedWindow(appointment).from;
  }

  @FieldResolver(() => Date, { description: 'Latest start the patient accepted (recorded on confirming; else the booked start plus 90 minutes).' })
  acceptedUntil(@Root() appointment: Appointment): Date {
    return acceptedWindow(appointment).until;
  }
}
