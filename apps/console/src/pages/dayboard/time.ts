/**
 * The day board's clock: every time shown or entered is the SITE's local time (its IANA zone), never
 * the browser's; instants travel as UTC. Pure functions, unit-tested (time.test.ts).
 */

const MINUTE = 60_000;
export const QUARTER_HOUR = 15 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local date (YYYY-MM-DD) and minutes after local midnight of an instant in a zone. */
export function localParts(instant: number, timeZone: string): { date: string; minutes: number } {
  const p = Object.fromEntries(partsFormatter(timeZone).formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in minutes. */
function offsetMinutes(instant: number, timeZone: string): number {
  const { date, minutes } = localParts(instant, timeZone);
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE;
  return Math.round((wall - Math.floor(instant / MINUTE) * MINUTE) / MINUTE);
}

/** The instant a local date and time (minutes after midnight) falls on in a zone (DST-correct away from the switch hour). */
export function zonedInstant(date: string, minutes: number, timeZone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE;
  const first = wall - offsetMinutes(wall, timeZone) * MINUTE;
  return wall - offsetMinutes(first, timeZone) * MINUTE;
}

/** HH:MM on the site's clock. */
export function localTime(instant: number, timeZone: string): string {
  const { minutes } = localParts(instant, timeZone);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "HH:MM" → minutes after midnight; null when not a time of day. */
export function parseTime(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h <= 23 && min <= 59 ? h * 60 + min : null;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const isIsoDate = (text: string | undefined): text is string => !!text && /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));

/** Today at the site. */
export const siteToday = (timeZone: string, now = Date.now()) => localParts(now, timeZone).date;

/**
 * A UTC window that holds the whole local day in any zone (UTC−12 to UTC+14), so the board is one
 * query before the site's zone is known; visits are then kept by their local date (`onLocalDate`).
 */
export function dayQueryWindow(date: string): { from: string; to: string } {
  return { from: `${addDays(date, -1)}T10:00:00.000Z`, to: `${addDays(date, 1)}T14:00:00.000Z` };
}

export const onLocalDate = (instant: number, date: string, timeZone: string) => localParts(instant, timeZone).date === date;

/** The board's time axis (UTC instants): opening hours, widened to every visit shown; null when there is nothing to draw. */
export interface Axis {
  start: number;
  end: number;
}

export function boardAxis(hours: { opensAtUtc?: string | null; closesAtUtc?: string | null } | undefined, visits: { startsAt: number; endsAt: number }[]): Axis | null {
  const opens = hours?.opensAtUtc ? Date.parse(hours.opensAtUtc) : null;
  const closes = hours?.closesAtUtc ? Date.parse(hours.closesAtUtc) : null;
  const starts = visits.map((v) => v.startsAt);
  const ends = visits.map((v) => v.endsAt);
  const hour = 60 * MINUTE;
  const start = Math.min(...(opens !== null ? [opens] : []), ...starts.map((s) => Math.floor(s / hour) * hour));
  const end = Math.max(...(closes !== null ? [closes] : []), ...ends.map((e) => Math.ceil(e / hour) * hour));
  return Number.isFinite(start) && Number.isFinite(end) && end > start ? { start, end } : null;
}

/** Where an instant sits along the axis, 0..1. */
export const fraction = (axis: Axis, instant: number) => (instant - axis.start) / (axis.end - axis.start);

/** Instants fall on quarter hours in UTC exactly when they do on the site's clock (zones are offset by whole quarters). */
export const snapToQuarter = (instant: number) => Math.round(instant / QUARTER_HOUR) * QUARTER_HOUR;

/** A dragged visit's new start: moved by the pointer's travel along the track, snapped to 15 minutes. */
export function draggedStart(startsAt: number, dxPixels: number, trackWidthPixels: number, axis: Axis): number {
  return snapToQuarter(startsAt + (dxPixels / trackWidthPixels) * (axis.end - axis.start));
}

/** Each full local hour on the axis, with its label on the site's clock. */
export function hourTicks(axis: Axis, timeZone: string): { at: number; label: string }[] {
  const ticks: { at: number; label: string }[] = [];
  // Local hours fall on UTC quarter hours; step by quarters and keep those at :00 on the site's clock.
  for (let t = Math.ceil(axis.start / QUARTER_HOUR) * QUARTER_HOUR; t <= axis.end; t += QUARTER_HOUR) {
    if (localParts(t, timeZone).minutes % 60 === 0) ticks.push({ at: t, label: localTime(t, timeZone) });
  }
  return ticks;
}

export const formatPercent = (share: number) => `${Math.round(share * 1000) / 10} %`;
