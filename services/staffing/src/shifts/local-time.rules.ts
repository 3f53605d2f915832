// The zone arithmetic itself is the kit's (zoned-time.ts), shared with facilities' opening hours.
import { addLocalDays, exactZonedInstant } from '@infusion/subgraph-kit';

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

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after local midnight of a "HH:MM" (24-hour) time; null when malformed. */
export function parseClockTime(text: string): number | null {
  const match = CLOCK_TIME.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
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
  const startsAt = exactZonedInstant(period.date, start, timeZone);
  if (!startsAt) {
    return { problem: `${period.startTime} does not exist on ${period.date} in ${timeZone} (clocks spring forward); give a time before or after the skipped hour`, argument: 'startTime' };
  }
  const endDate = end > start ? period.date : addLocalDays(period.date, 1);
  const endsAt = exactZonedInstant(endDate, end, timeZone);
  if (!endsAt) {
    return { problem: `${period.endTime} does not exist on ${endDate} in ${timeZone} (clocks spring forward); give a time before or after the skipped hour`, argument: 'endTime' };
  }
  // Cannot happen with first occurrences on both ends; kept so no rule change can store an empty shift.
  if (endsAt.getTime() <= startsAt.getTime()) return { problem: '`endTime` must come after `startTime`', argument: 'endTime' };
  return { startsAt, endsAt };
}

