import { InRange, MaxItems, type RequestContext } from '@infusion/subgraph-kit';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { Appointment } from '../appointments/appointment.entity';
import { BookingRuleOverrideInput } from '../booking-rules/booking-override.input';
import { graphBookingFacts } from '../ports/booking-facts';
import { SERIES_HORIZON_DAYS, scheduleSeries, type ScheduleSeriesRequest } from './series.service';

@InputType({ description: 'Which order’s remaining doses to place, and the chair and nurse to keep where free.' })
export class ScheduleSeriesInput implements ScheduleSeriesRequest {
  @Field(() => ID, { description: 'Therapy order whose doses to place.' })
  orderId!: string;

  @Field(() => ID, { description: 'Chair the patient keeps where it is free (other chairs of the site otherwise).' })
  chairId!: string;

  @Field(() => ID, { description: 'Nurse the patient keeps.' })
  nurseId!: string;

  @InRange(0, 24 * 60)
  @Field(() => Int, { nullable: true, description: 'Preferred start, minutes after the site opens (60 when omitted).' })
  preferredMinutesAfterOpening?: number | null;

  @InRange(1, SERIES_HORIZON_DAYS)
  @Field(() => Int, { nullable: true, description: `Days ahead to place doses, e.g. as far as the roster is published (${SERIES_HORIZON_DAYS} when omitted).` })
  horizonDays?: number | null;

  @MaxItems(10)
  @Field(() => [BookingRuleOverrideInput], { nullable: true, description: 'Soft booking rules to book past for every dose, each with a reason (ops users only; FORBIDDEN for API keys).' })
  overrides?: BookingRuleOverrideInput[] | null;
}

@Resolver()
export class SeriesResolver {
  @Mutation(() => [Appointment], {
    description:
      'Places an order’s remaining doses (for the coming year, or `horizonDays`) inside their windows where every booking rule passes, replacing its visits not yet started; after a missed dose the rest restart from tomorrow. CONFLICT when a dose has no room in its window or breaks a rule not overridden (nothing is written).',
  })
  scheduleSeries(@Arg('input', { description: 'The order, chair and nurse.' }) input: ScheduleSeriesInput, @Ctx() ctx: RequestContext): Promise<Appointment[]> {
    return scheduleSeries(ctx, graphBookingFacts(ctx), input);
  }
}
