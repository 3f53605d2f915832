/** Pure rules of shift look-ups: which shifts a time window shows, and which windows are allowed. */

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Longest shift the database accepts (constraint `shift_at_most_a_day`). Knowing it lets a window
 * query bound its look-back: a shift overlapping `from` started at most this long before it.
 */
export const MAX_SHIFT_HOURS = 24;

/** Longest window a shift query may span: a year of shifts is already a report. */
export const MAX_WINDOW_DAYS = 366;

/** Checks a `from`/`to` window; returns the problem, or null when fine. */
export function windowProblem(from: Date, to: Date): string | null {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return '`from` and `to` must be valid times';
  if (to.getTime() <= from.getTime()) return '`to` must be after `from`';
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) return `The window may span at most ${MAX_WINDOW_DAYS} days`;
  return null;
}

/**
 * A shift belongs to a window when any part of it falls inside: coverage at 07:00 must count the
 * night nurse whose shift began yesterday. Intervals are half-open, so a shift ending at `from`
 * is not on duty in the window. The loader's SQL condition is the same test.
 */
export function shiftOverlaps(shift: { startsAt: Date; endsAt: Date }, from: Date, to: Date): boolean {
  return shift.startsAt.getTime() < to.getTime() && shift.endsAt.getTime() > from.getTime();
}

/** Earliest start a shift overlapping a window opening at `from` can have. */
export const earliestOverlappingStart = (from: Date): Date => new Date(from.getTime() - MAX_SHIFT_HOURS * 60 * 60 * 1000);
