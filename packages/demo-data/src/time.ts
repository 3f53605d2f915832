/** Calendar helpers for generating a schedule in each site's own time zone without a date library. */

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Minutes a zone is ahead of UTC at an instant. */
function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - instant.getTime()) / 60000);
}

/** The UTC instant of a wall-clock time (minutes after midnight) on a date in a zone. */
export function zonedTime(date: string, minutesAfterMidnight: number, timeZone: string): Date {
  const naive = new Date(`${date}T00:00:00Z`).getTime() + minutesAfterMidnight * 60000;
  const offset = zoneOffsetMinutes(new Date(naive), timeZone);
  return new Date(naive - offset * 60000);
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** The UTC bounds [from, to) of `days` local days starting at `date` in a zone. */
export function localDayRange(date: string, timeZone: string, days = 1): { from: Date; to: Date } {
  return { from: zonedTime(date, 0, timeZone), to: zonedTime(addDays(date, days), 0, timeZone) };
}
