import { InRange, type RequestContext } from '@infusion/subgraph-kit';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { Appointment } from '../appointments/appointment.entity';
import { graphSiteCalendar } from '../ports/site-calendar';
import { scheduleSeries, type ScheduleSeriesRequest } from './series.service';

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
}

/**
 * Not registered in the schema until facilities' `Site.openingHours` CONTRACT (branch `facil`) is on
 * main: the SiteCalendar port's graph implementation asks for it. Register it in subgraph.ts and
 * refresh the SDL then; the planning it runs is tested per regimen in series.rules.test.ts.
 */
@Resolver()
export class SeriesResolver {
  @Mutation(() => [Appointment], {
    description:
      'Places an order’s remaining doses for the coming year inside their windows on open days, replacing its visits not yet started; after a missed dose the rest restart from tomorrow. CONFLICT when a dose has no room in its window (nothing is written).',
  })
  scheduleSeries(@Arg('input', { description: 'The order, chair and nurse.' }) input: ScheduleSeriesInput, @Ctx() ctx: RequestContext): Promise<Appointment[]> {
    return scheduleSeries(ctx, graphSiteCalendar(ctx), input);
  }
}
