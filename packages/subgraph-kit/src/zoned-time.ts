/**
 * Wall-clock times in a site's IANA time zone ↔ UTC instants, with daylight-saving days right,
 * using only Intl (no date library). Sites keep local hours; the graph speaks UTC.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Minutes the zone is ahead of UTC at an instant (negative west of Greenwich). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * The UTC instant of a wall-clock time (minutes after local midnight, 0–1440) on a local date
 * (`YYYY-MM-DD`) in a zone, exactly: null when that time does not exist that day (the
 * spring-forward gap); the earlier instant when it exists twice (the fall-back hour). For callers
 * that must refuse a time nobody's clock showed (a roster's shift start).
 */
export function exactZonedInstant(date: string, minutesAfterMidnight: number, timeZone: string): Date | null {
  const naive = Date.parse(`${date}T00:00:00Z`) + minutesAfterMidnight * 60_000;
  // A zone changes its offset at most once within a day either side of any instant.
  const offsets = new Set([-1, 0, 1].map((d) => zoneOffsetMinutes(new Date(naive + d * DAY_MS), timeZone)));
  const candidates = [...offsets]
    .map((offset) => naive - offset * 60_000)
    .filter((t) => t + zoneOffsetMinutes(new Date(t), timeZone) * 60_000 === naive);
  return candidates.length ? new Date(Math.min(...candidates)) : null;
}

/**
 * The same, never null, like java.time and Temporal's "compatible" choice: a time that occurs
 * twice is its earlier instant; a time in the spring-forward gap is read with the offset before
 * the change, so 02:30 becomes 03:30 of the new offset. For hours that must land somewhere
 * (a site's opening time on the day clocks change).
 */
export function zonedInstant(date: string, minutesAfterMidnight: number, timeZone: string): Date {
  const exact = exactZonedInstant(date, minutesAfterMidnight, timeZone);
  if (exact) return exact;
  const naive = Date.parse(`${date}T00:00:00Z`) + minutesAfterMidnight * 60_000;
  return new Date(naive - zoneOffsetMinutes(new Date(naive - DAY_MS), timeZone) * 60_000);
}

/**
 * The UTC instant a local day starts: midnight, or the first minute that exists when a zone skips
 * midnight (some zones change clocks at 00:00).
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  for (let minute = 0; minute <= 180; minute += 15) {
    const instant = exactZonedInstant(date, minute, timeZone);
    if (instant) return instant;
  }
  return zonedInstant(date, 0, timeZone);
}

/** The UTC bounds [from, to) of `days` local days starting at `date` in a zone. */
export function localDaysToUtc(date: string, days: number, timeZone: string): { from: Date; to: Date } {
  return { from: startOfLocalDay(date, timeZone), to: startOfLocalDay(addLocalDays(date, days), timeZone) };
}

/** The local calendar date (`YYYY-MM-DD`) of an instant in a zone. */
export function localDateIn(instant: Date, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addLocalDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** IANA's continent and ocean areas: every real zone is `Area/Location` (or UTC). */
const IANA_ZONE = /^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)(\/[A-Z][A-Za-z0-9_+-]*){1,2}$/;

/**
 * Whether `name` is an IANA time zone (`America/Chicago`, `America/Indiana/Indianapolis`, `UTC`)
 * that the runtime's Intl knows. Legacy aliases (`US/Central`), abbreviations (`CST`), offsets
 * (`+01:00`) and other spellings of a name are not: a site keeps one spelling, so comparisons and
 * reports agree.
 */
export function isIanaTimeZone(name: string): boolean {
  if (name !== 'UTC' && !IANA_ZONE.test(name)) return false;
  return canonicalTimeZone(name) !== undefined;
}

/** The runtime's canonical spelling of a time zone name or alias, or undefined if it knows none. */
export function canonicalTimeZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
