import { SiteHoursChanged, publish } from '@infusion/events';
import { AppError, badInput, localDateIn, type RequestContext } from '@infusion/subgraph-kit';
import type { Site } from '../sites/site.entity';
import { lockOpenSite } from '../sites/site.lookup';
import { HoursException } from './hours-exception.entity';
import { readInterval, type Interval } from './hours.rules';
import type { SetHoursExceptionInput, SetWeeklyHoursInput } from './hours.input';
import { WeeklyHours } from './weekly-hours.entity';

function intervalOrRefuse(opensAt: string | null | undefined, closesAt: string | null | undefined, prefix: string): Interval {
  if (opensAt == null) throw badInput('Give the opening time', { argument: `${prefix}.opensAt` });
  if (closesAt == null) throw badInput('Give the closing time', { argument: `${prefix}.closesAt` });
  const interval = readInterval(opensAt, closesAt, { opensAt: `${prefix}.opensAt`, closesAt: `${prefix}.closesAt` });
  if ('field' in interval) throw badInput(interval.message, { argument: interval.field });
  return interval;
}

/**
 * Replaces a site's regular week. The site's row is locked first, so two changes of one site's
 * hours queue up; SiteHoursChanged (from now on) commits with the change.
 */
export async function setWeeklyHours(ctx: RequestContext, input: SetWeeklyHoursInput): Promise<Site> {
  // The site first: an id the caller cannot see is NOT_FOUND whatever else is wrong.
  const site = await lockOpenSite(ctx, input.siteId, 'input.siteId');
  const seen = new Set<number>();
  const days = input.days.map((day, i) => {
    if (seen.has(day.weekday)) throw badInput(`Weekday ${day.weekday} is listed twice`, { argument: `input.days.${i}.weekday` });
    seen.add(day.weekday);
    return { weekday: day.weekday, ...intervalOrRefuse(day.opensAt, day.closesAt, `input.days.${i}`) };
  });
  await ctx.em.nativeDelete(WeeklyHours, { siteId: site.id, clientId: site.clientId });
  for (const day of days) ctx.em.create(WeeklyHours, { clientId: site.clientId, siteId: site.id, ...day });
  site.updatedAt = new Date();
  await ctx.em.flush();
  await publish(ctx, SiteHoursChanged, site.clientId, { siteId: site.id, fromDate: null, toDate: null });
  return site;
}

/** Today in the site's own zone: exceptions are for today and later, never history. */
const siteToday = (site: Site) => localDateIn(new Date(), site.timeZone);

/** Closes a site for a date or gives it different hours that day (one exception per date; a second replaces the first). */
export async function setHoursException(ctx: RequestContext, input: SetHoursExceptionInput): Promise<HoursException> {
  const site = await lockOpenSite(ctx, input.siteId, 'input.siteId');
  const interval = input.closed ? null : intervalOrRefuse(input.opensAt, input.closesAt, 'input');
  if (input.closed && (input.opensAt != null || input.closesAt != null)) {
    throw badInput('A closed day has no opening or closing time', { argument: input.opensAt != null ? 'input.opensAt' : 'input.closesAt' });
  }
  const note = input.note?.trim() || null;
  if (input.date < siteToday(site)) throw badInput('An exception is for today or a later date', { argument: 'input.date' });
  let exception = await ctx.em.findOne(HoursException, { siteId: site.id, date: input.date });
  exception ??= ctx.em.create(HoursException, { clientId: site.clientId, siteId: site.id, date: input.date, closed: input.closed });
  exception.closed = input.closed;
  exception.opensAtMinutes = interval?.opensAtMinutes ?? null;
  exception.closesAtMinutes = interval?.closesAtMinutes ?? null;
  exception.note = note;
  await ctx.em.flush();
  await publish(ctx, SiteHoursChanged, site.clientId, { siteId: site.id, fromDate: input.date, toDate: input.date });
  return exception;
}

/** Removes a dated exception: the site keeps its regular hours that day again. */
export async function removeHoursException(ctx: RequestContext, siteId: string, date: string): Promise<Site> {
  const site = await lockOpenSite(ctx, siteId, 'siteId');
  const exception = await ctx.em.findOne(HoursException, { siteId: site.id, date });
  if (!exception) throw new AppError('NOT_FOUND', `Site ${site.name} has no exception on ${date}`, { type: 'HoursException', argument: 'date' });
  ctx.em.remove(exception);
  site.updatedAt = new Date();
  await ctx.em.flush();
  await publish(ctx, SiteHoursChanged, site.clientId, { siteId: site.id, fromDate: date, toDate: date });
  return site;
}
