/** Pure rules of shift look-ups: which shifts a time window shows, and which windows are allowed. */

/**
 * Longest shift the database accepts (constraint `shift_at_most_a_day`). Knowing it lets a window
 * query bound its look-back: a shift overlapping `from` started at most this long before it.
 */
export const MAX_SHIFT_HOURS = 24;

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
