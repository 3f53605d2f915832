import { InRange, LocalDate, MaxItems, MaxText } from '@infusion/subgraph-kit';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A site’s hours on one weekday.' })
export class WeekdayHoursInput {
  @InRange(1, 7)
  @Field(() => Int, { description: 'ISO weekday: 1 = Monday … 7 = Sunday.' })
  weekday!: number;

  @MaxText('code')
  @Field({ description: 'Local opening time, HH:MM (24-hour clock).' })
  opensAt!: string;

  @MaxText('code')
  @Field({ description: 'Local closing time, HH:MM (24:00 = midnight); after `opensAt`.' })
  closesAt!: string;
}

@InputType({ description: 'A site’s regular week: the weekdays it opens and their hours; weekdays not listed are closed.' })
export class SetWeeklyHoursInput {
  @Field(() => ID, { description: 'Site whose week to set.' })
  siteId!: string;

  @MaxItems(7)
  @Field(() => [WeekdayHoursInput], { description: 'One entry per open weekday (at most one each).' })
  days!: WeekdayHoursInput[];
}

@InputType({ description: 'A dated exception to a site’s weekly hours: closed all day, or open different hours.' })
export class SetHoursExceptionInput {
  @Field(() => ID, { description: 'Site it applies to.' })
  siteId!: string;

  @Field(() => LocalDate, { description: 'Local date; today or later.' })
  date!: string;

  @Field({ description: 'True to close the site all day (a holiday); false to open it `opensAt`–`closesAt`.' })
  closed!: boolean;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Local opening time that day, HH:MM; required unless closed.' })
  opensAt?: string | null;

  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Local closing time that day, HH:MM; required unless closed.' })
  closesAt?: string | null;

  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'Why, e.g. "Thanksgiving".' })
  note?: string | null;
}
