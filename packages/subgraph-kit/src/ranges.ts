import { badInput } from './errors';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Longest window a listing query may span by default: a year of rows is already a report. */
export const MAX_WINDOW_DAYS = 366;

export interface TimeWindow {
  from: Date;
  to: Date;
}

/**
 * Checks a half-open `[from, to)` window given as arguments: valid times, `to` after `from`, and
 * no longer than `maxDays` (a bound on the rows one query may read). Answers BAD_USER_INPUT naming
 * the argument at fault; returns the window for chaining.
 */
export function checkTimeWindow<W extends TimeWindow>(
  window: W,
  options: { maxDays?: number; fields?: readonly [from: string, to: string] } = {},
): W {
  const [fromField, toField] = options.fields ?? ['from', 'to'];
  const maxDays = options.maxDays ?? MAX_WINDOW_DAYS;
  if (Number.isNaN(window.from.getTime())) throw badInput(`\`${fromField}\` must be a valid time`, { argument: fromField });
  if (Number.isNaN(window.to.getTime())) throw badInput(`\`${toField}\` must be a valid time`, { argument: toField });
  if (window.to.getTime() <= window.from.getTime()) throw badInput(`\`${toField}\` must be after \`${fromField}\``, { argument: toField });
  if (window.to.getTime() - window.from.getTime() > maxDays * DAY_MS) {
    throw badInput(`The span from \`${fromField}\` to \`${toField}\` may be at most ${maxDays} days`, { argument: toField });
  }
  return window;
}

/** Whether two half-open intervals share any instant (one ending when the other starts does not). */
export const intervalsOverlap = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean =>
  a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
