/** The browser's date some days ahead (YYYY-MM-DD), for windows that span sites in several zones. */
export function isoDate(daysAhead: number, now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + daysAhead);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** An instant as local date and time: the browser's zone, or a site's when given. */
export const formatDateTime = (iso: string | null | undefined, timeZone?: string) => (iso ? new Date(iso).toLocaleString([], timeZone ? { timeZone } : {}) : '—');

function zoneParts(timeZone: string, at: Date): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: n('year'), m: n('month'), d: n('day'), h: n('hour'), mi: n('minute'), s: n('second') };
}

/** Milliseconds the zone's wall clock is ahead of UTC at an instant. */
function zoneOffsetMs(timeZone: string, at: number): number {
  const p = zoneParts(timeZone, new Date(at));
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s) - (at - (at % 1000));
}

/** The instant a local calendar date starts in a zone (its midnight, or the first minute after a DST gap). */
export function startOfLocalDate(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wallMidnight = Date.UTC(y, m - 1, d);
  // Twice: the offset at the guess may differ from the offset at the true instant across a DST change.
  let instant = wallMidnight - zoneOffsetMs(timeZone, wallMidnight);
  instant = wallMidnight - zoneOffsetMs(timeZone, instant);
  return new Date(instant);
}

/** The calendar date (YYYY-MM-DD) at an instant in an IANA time zone. */
export function dateInZone(timeZone: string, now = new Date()): string {
  const p = zoneParts(timeZone, now);
  return `${String(p.y).padStart(4, '0')}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

/** A calendar date some days later (YYYY-MM-DD; pure calendar arithmetic, no zone). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Today at a site, in the site's own time zone (not the browser's): its date and the day's
 * [start, end) as UTC instants (23 or 25 hours long on a DST change).
 */
export function siteToday(timeZone: string, now = new Date()): { date: string; from: string; to: string } {
  const date = dateInZone(timeZone, now);
  return { date, from: startOfLocalDate(date, timeZone).toISOString(), to: startOfLocalDate(addDays(date, 1), timeZone).toISOString() };
}
