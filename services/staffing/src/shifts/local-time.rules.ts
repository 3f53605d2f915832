/**
 * Wall-clock times at a site, turned into UTC instants with the site's IANA time zone. Shifts and
 * supervision blocks are given as a local date and "HH:MM" times, as rosters are written; the
 * database stores UTC. Daylight-saving days are where this goes wrong, so the two rules are explicit:
 *
 * - A local time that does not exist (02:30 on the spring-forward day in the US) is refused: the
 *   caller must say what they mean (01:30 or 03:00), we do not guess.
 * - A local time that exists twice (01:30 on the fall-back day) means its FIRST occurrence, still
 *   on daylight-saving time. So a 00:00–06:00 shift on the fall-back night lasts 7 hours, and one
 *   on the spring-forward night 5 hours: the duration is the real time between the instants.
 *
 * An end time at or before the start time is on the next local day (a night shift, 19:00–07:00).
 */

const MINUTE_MS = 60_000;
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after local midnight of a "HH:MM" (24-hour) time; null when malformed. */
export function parseClockTime(text: string): number | null {
  const match = CLOCK_TIME.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    zoneFormats.set(timeZone, format);
  }
  return format;
}

/** Whether the runtime knows this IANA zone name (e.g. America/Chicago). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatIn(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Minutes the zone is ahead of UTC at an instant (negative in the Americas). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = formatIn(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(instant.getTime() / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  const parts = formatIn(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addLocalDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The UTC instant of a local wall-clock time, by the rules above: null when the time does not
 * exist that day; the first occurrence when it exists twice.
 */
export function localTimeToUtc(date: string, minutesAfterMidnight: number, timeZone: string): Date | null {
  const naive = Date.parse(`${date}T00:00:00Z`) + minutesAfterMidnight * MINUTE_MS;
  // Every offset the zone uses around that day: a day before and after covers any transition.
  const offsets = new Set([-1, 0, 1].map((d) => zoneOffsetMinutes(new Date(naive + d * 86_400_000), timeZone)));
  const matches = [...offsets]
    .map((offset) => naive - offset * MINUTE_MS)
    .filter((instant) => naive - zoneOffsetMinutes(new Date(instant), timeZone) * MINUTE_MS === instant)
    .sort((a, b) => a - b);
  return matches.length ? new Date(matches[0]!) : null;
}

/** Dates a roster may name: wide enough for any real roster, narrow enough for every zone's rules to be plain. */
export const FIRST_ROSTER_DATE = '2000-01-01';
export const LAST_ROSTER_DATE = '2099-12-31';

/** The problem with a roster date outside those bounds, or null. */
export function rosterDateProblem(date: string, field: string): string | null {
  return date < FIRST_ROSTER_DATE || date > LAST_ROSTER_DATE ? `\`${field}\` must be between ${FIRST_ROSTER_DATE} and ${LAST_ROSTER_DATE}` : null;
}

export interface LocalPeriod {
  /** Local calendar date the period starts on. */
  date: string;
  /** "HH:MM", local. */
  startTime: string;
  /** "HH:MM", local; at or before `startTime` means the next day. */
  endTime: string;
}

export type PeriodResult = { startsAt: Date; endsAt: Date } | { problem: string; argument: 'date' | 'startTime' | 'endTime' };

/** A local date with start and end times as UTC instants, or the problem naming the field at fault. */
export function periodToUtc(period: LocalPeriod, timeZone: string): PeriodResult {
  const dateProblem = rosterDateProblem(period.date, 'date');
  if (dateProblem) return { problem: dateProblem, argument: 'date' };
  const start = parseClockTime(period.startTime);
  if (start === null) return { problem: '`startTime` must be a 24-hour time "HH:MM", e.g. 07:30', argument: 'startTime' };
  const end = parseClockTime(period.endTime);
  if (end === null) return { problem: '`endTime` must be a 24-hour time "HH:MM", e.g. 19:00', argument: 'endTime' };
  const startsAt = localTimeToUtc(period.date, start, timeZone);
  if (!startsAt) {
    return { problem: `${period.startTime} does not exist on ${period.date} in ${timeZone} (clocks spring forward); give a time before or after the skipped hour`, argument: 'startTime' };
  }
  const endDate = end > start ? period.date : addLocalDays(period.date, 1);
  const endsAt = localTimeToUtc(endDate, end, timeZone);
  if (!endsAt) {
    return { problem: `${period.endTime} does not exist on ${endDate} in ${timeZone} (clocks spring forward); give a time before or after the skipped hour`, argument: 'endTime' };
  }
  // Cannot happen with first occurrences on both ends; kept so no rule change can store an empty shift.
  if (endsAt.getTime() <= startsAt.getTime()) return { problem: '`endTime` must come after `startTime`', argument: 'endTime' };
  return { startsAt, endsAt };
}

/**
 * The UTC instant a local day starts: midnight, or the first minute that exists when a zone skips
 * midnight (some zones outside the US change clocks at 00:00).
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  for (let minute = 0; minute <= 180; minute += 15) {
    const instant = localTimeToUtc(date, minute, timeZone);
    if (instant) return instant;
  }
  throw new Error(`No start of ${date} in ${timeZone}`);
}

/** The UTC bounds [from, to) of `days` local days starting at `date` in a zone (dates within the roster bounds). */
export function localDaysToUtc(date: string, days: number, timeZone: string): { from: Date; to: Date } {
  return { from: startOfLocalDay(date, timeZone), to: startOfLocalDay(addLocalDays(date, days), timeZone) };
}
