import { localDaysToUtc } from '@infusion/subgraph-kit/zoned-time';

/**
 * Calendar helpers for generating a schedule in each site's own time zone. The zone arithmetic is
 * the kit's (daylight-saving days right); the demo schedule keeps its own short names for it.
 */
export { addLocalDays as addDays, localDateIn as localDate, zonedInstant as zonedTime } from '@infusion/subgraph-kit/zoned-time';

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The UTC bounds [from, to) of `days` local days starting at `date` in a zone. */
export const localDayRange = (date: string, timeZone: string, days = 1): { from: Date; to: Date } => localDaysToUtc(date, days, timeZone);
