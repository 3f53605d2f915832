/** Calendar months and quarters as ISO dates (UTC arithmetic: a LocalDate has no time zone). */

export type Granularity = 'MONTH' | 'QUARTER';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1));

/** The first days of `count` months ending with the month of `day`, newest first. */
export function monthsBack(day: string, count: number): string[] {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => iso(monthStart(y, m - 1 - i)));
}

/** The month of `day`, or its calendar quarter: first and last day, and its months. */
export function periodMonths(day: string, granularity: Granularity): { from: string; to: string; months: string[] } {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const first = granularity === 'MONTH' ? m - 1 : Math.floor((m - 1) / 3) * 3;
  const span = granularity === 'MONTH' ? 1 : 3;
  const months = Array.from({ length: span }, (_, i) => iso(monthStart(y, first + i)));
  return { from: months[0]!, to: iso(new Date(Date.UTC(y, first + span, 0))), months };
}

/** "2026-05-01" → "May 2026". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return monthStart(y, m - 1).toLocaleDateString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** Today's month's first day, by the browser's clock. */
export function thisMonth(now = new Date()): string {
  return iso(monthStart(now.getFullYear(), now.getMonth()));
}

/** The month before today's: the last whole month, the one fees are usually looked at. */
export function lastMonth(now = new Date()): string {
  return iso(monthStart(now.getFullYear(), now.getMonth() - 1));
}
