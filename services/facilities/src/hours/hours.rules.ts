import { addLocalDays, daysBetween, isoWeekday, zonedInstant } from '@infusion/subgraph-kit';

/** Longest range of days one `openingHours` call may list: a year (a leap year's 366 days). */
export const MAX_HOURS_DAYS = 366;

/** `HH:MM` on a 24-hour clock; 24:00 is the end of the day (a closing time only). */
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** Minutes after midnight of an `HH:MM` time, or undefined if it is not one. */
export function parseClock(text: string): number | undefined {
  const match = CLOCK.exec(text);
  if (!match) return undefined;
  return match[1] === undefined ? 1440 : Number(match[1]) * 60 + Number(match[2]);
}

export const formatClock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** One opening interval of a day, in minutes after local midnight. */
export interface Interval {
  opensAtMinutes: number;
  closesAtMinutes: number;
}

/** What is wrong with an opening and closing time given as `HH:MM`, naming the field; or the interval. */
export function readInterval(opensAt: string, closesAt: string, fields: { opensAt: string; closesAt: string }): Interval | { field: string; message: string } {
  const opens = parseClock(opensAt);
  if (opens === undefined || opens === 1440) return { field: fields.opensAt, message: 'An opening time is HH:MM on a 24-hour clock, e.g. 08:00' };
  const closes = parseClock(closesAt);
  if (closes === undefined || closes === 0) return { field: fields.closesAt, message: 'A closing time is HH:MM on a 24-hour clock (24:00 for midnight), e.g. 17:30' };
  if (closes <= opens) return { field: fields.closesAt, message: 'The closing time must be after the opening time' };
  return { opensAtMinutes: opens, closesAtMinutes: closes };
}

/** A site's day as scheduling books against it. */
export interface DayHours {
  date: string;
  closed: boolean;
  opensAt: string | null;
  closesAt: string | null;
  opensAtUtc: Date | null;
  closesAtUtc: Date | null;
  note: string | null;
}

export interface WeeklyPattern {
  /** ISO weekday (1 = Monday … 7 = Sunday) → its hours; a weekday absent is closed. */
  get(weekday: number): Interval | undefined;
}

export interface DatedException {
  date: string;
  opensAtMinutes: number | null;
  closesAtMinutes: number | null;
  closed: boolean;
  note: string | null;
}

/**
 * The site's hours for each local date from `from` to `to` inclusive: a dated exception wins over
 * the weekly pattern, and a closed site is closed from the local date it closed. Opening and
 * closing instants are computed in the site's zone for that very date, so the UTC times move by
 * an hour across daylight-saving changes while the local times stay put.
 */
export function hoursBetween(
  range: { from: string; to: string },
  site: { timeZone: string; closedOn: string | null },
  weekly: WeeklyPattern,
  exceptions: readonly DatedException[],
): DayHours[] {
  const byDate = new Map(exceptions.map((e) => [e.date, e]));
  const days: DayHours[] = [];
  const count = daysBetween(range.from, range.to);
  for (let i = 0; i <= count; i++) {
    const date = addLocalDays(range.from, i);
    const closedDay = (note: string | null): DayHours => ({ date, closed: true, opensAt: null, closesAt: null, opensAtUtc: null, closesAtUtc: null, note });
    if (site.closedOn !== null && date >= site.closedOn) {
      days.push(closedDay('Site closed'));
      continue;
    }
    const exception = byDate.get(date);
    const interval: Interval | undefined = exception
      ? exception.closed ? undefined : { opensAtMinutes: exception.opensAtMinutes!, closesAtMinutes: exception.closesAtMinutes! }
      : weekly.get(isoWeekday(date));
    if (!interval) {
      days.push(closedDay(exception?.note ?? null));
      continue;
    }
    days.push({
      date,
      closed: false,
      opensAt: formatClock(interval.opensAtMinutes),
      closesAt: formatClock(interval.closesAtMinutes),
      opensAtUtc: zonedInstant(date, interval.opensAtMinutes, site.timeZone),
      closesAtUtc: zonedInstant(date, interval.closesAtMinutes, site.timeZone),
      note: exception?.note ?? null,
    });
  }
  return days;
}

/** What is wrong with a range of dates for `openingHours`, naming the argument; null when fine. */
export function dayRangeProblem(from: string, to: string): { argument: string; message: string } | null {
  const days = daysBetween(from, to);
  if (days < 0) return { argument: 'to', message: '`to` may not be before `from`' };
  if (days + 1 > MAX_HOURS_DAYS) return { argument: 'to', message: `The range from \`from\` to \`to\` may span at most ${MAX_HOURS_DAYS} days` };
  return null;
}
