import { LocalDate, badInput, localDateIn, type RequestContext } from '@infusion/subgraph-kit';
import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { Site } from '../sites/site.entity';
import { HoursException } from './hours-exception.entity';
import { SetHoursExceptionInput, SetWeeklyHoursInput } from './hours.input';
import { dayRangeProblem, hoursBetween, type DayHours } from './hours.rules';
import { removeHoursException, setHoursException, setWeeklyHours } from './hours.service';
import { WeeklyHours } from './weekly-hours.entity';

@ObjectType({ description: 'A site’s opening hours on one local date, with the instants they fall on in UTC.' })
export class SiteDayHours implements DayHours {
  @Field(() => LocalDate, { description: 'The local date.' })
  date!: string;

  @Field({ description: 'True when the site does not open that day (weekly closing day, holiday, or closed site).' })
  closed!: boolean;

  @Field(() => String, { nullable: true, description: 'Local opening time, HH:MM; null when closed.' })
  opensAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Local closing time, HH:MM (24:00 = midnight); null when closed.' })
  closesAt!: string | null;

  @Field(() => Date, { nullable: true, description: 'Opening instant in UTC, computed in the site’s time zone for that date (DST-correct).' })
  opensAtUtc!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Closing instant in UTC, computed in the site’s time zone for that date (DST-correct).' })
  closesAtUtc!: Date | null;

  @Field(() => String, { nullable: true, description: 'The exception’s note (e.g. a holiday’s name), if any.' })
  note!: string | null;
}

function checkDayRange(from: string, to: string): void {
  const problem = dayRangeProblem(from, to);
  if (problem) throw badInput(problem.message, { argument: problem.argument });
}

const exceptionsBetween = (ctx: RequestContext, from: string, to: string) =>
  ctx.loaders.manyBy(HoursException, 'siteId', { where: { date: { $gte: from, $lte: to } }, orderBy: { date: 'asc' }, key: `${from}/${to}` });

@Resolver(() => Site)
export class SiteHoursResolver {
  @FieldResolver(() => [SiteDayHours], {
    description: 'Opening hours for each local date from `from` to `to` inclusive (at most 366 days): the weekly hours, overridden by dated exceptions; closed from the date a site closed.',
  })
  async openingHours(
    @Root() site: Site,
    @Arg('from', () => LocalDate, { description: 'First local date.' }) from: string,
    @Arg('to', () => LocalDate, { description: 'Last local date (inclusive).' }) to: string,
    @Ctx() ctx: RequestContext,
  ): Promise<SiteDayHours[]> {
    checkDayRange(from, to);
    const [weekly, exceptions] = await Promise.all([
      ctx.loaders.manyBy(WeeklyHours, 'siteId').load(site.id),
      exceptionsBetween(ctx, from, to).load(site.id),
    ]);
    const byWeekday = new Map(weekly.map((w) => [w.weekday, w]));
    const closedOn = site.closedAt ? localDateIn(site.closedAt, site.timeZone) : null;
    return hoursBetween({ from, to }, { timeZone: site.timeZone, closedOn }, byWeekday, exceptions).map((day) => Object.assign(new SiteDayHours(), day));
  }

  @FieldResolver(() => [WeeklyHours], { description: 'The regular week, by weekday; a weekday absent is closed.' })
  weeklyHours(@Root() site: Site, @Ctx() ctx: RequestContext): Promise<WeeklyHours[]> {
    return ctx.loaders.manyBy(WeeklyHours, 'siteId', { orderBy: { weekday: 'asc' } }).load(site.id);
  }

  @FieldResolver(() => [HoursException], { description: 'Dated exceptions (holidays, short days) from `from` to `to` inclusive (at most 366 days), by date.' })
  hoursExceptions(
    @Root() site: Site,
    @Arg('from', () => LocalDate, { description: 'First local date.' }) from: string,
    @Arg('to', () => LocalDate, { description: 'Last local date (inclusive).' }) to: string,
    @Ctx() ctx: RequestContext,
  ): Promise<HoursException[]> {
    checkDayRange(from, to);
    return exceptionsBetween(ctx, from, to).load(site.id);
  }

  @Mutation(() => Site, { description: 'Replaces a site’s regular week (weekdays not listed are closed); publishes SiteHoursChanged.' })
  setWeeklyHours(@Arg('input', { description: 'The site and its week.' }) input: SetWeeklyHoursInput, @Ctx() ctx: RequestContext): Promise<Site> {
    return setWeeklyHours(ctx, input);
  }

  @Mutation(() => HoursException, { description: 'Closes a site on a date (a holiday) or gives it other hours that day (a short day), replacing any exception that date; publishes SiteHoursChanged.' })
  setHoursException(@Arg('input', { description: 'The date and what changes.' }) input: SetHoursExceptionInput, @Ctx() ctx: RequestContext): Promise<HoursException> {
    return setHoursException(ctx, input);
  }

  @Mutation(() => Site, { description: 'Removes a dated exception, so the site keeps its weekly hours that day; publishes SiteHoursChanged.' })
  removeHoursException(
    @Arg('siteId', () => ID, { description: 'The site.' }) siteId: string,
    @Arg('date', () => LocalDate, { description: 'The local date whose exception to remove.' }) date: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Site> {
    return removeHoursException(ctx, siteId, date);
  }
}
