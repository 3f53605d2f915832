import { addLocalDays } from '@infusion/subgraph-kit';
import { peakOverlap, RELEASED_STATUSES, type AppointmentStatus, type BookingTimes } from '../appointments/appointment.rules';
import type { OrderPlan } from '../orders/order.rules';
import { planDay, type SiteDay } from '../series/series.rules';

/** Visits that gave (or are giving, or will give) a dose of their order. */
const givesDose = (status: AppointmentStatus) => !RELEASED_STATUSES.includes(status);

export interface VisitOfOrder {
  status: AppointmentStatus;
  /** The site's local date of the visit. */
  date: string;
}

export interface NextDose {
  doseNumber: number;
  dueOn: string;
  /** Last date of its window. */
  latest: string;
}

/**
 * The next dose an order still needs and when it is due: the first dose on the order's start date,
 * each later one the plan's spacing after the last visit that gave (or will give) a dose. Null
 * when every planned dose is given or booked.
 */
export function nextDose(plan: OrderPlan & { startsOn: string }, visits: readonly VisitOfOrder[]): NextDose | null {
  const giving = visits.filter((v) => givesDose(v.status)).sort((a, b) => a.date.localeCompare(b.date));
  const doseNumber = giving.length + 1;
  if (doseNumber > plan.dosesPlanned) return null;
  const last = giving[giving.length - 1];
  const dueOn = last ? addLocalDays(last.date, planDay(plan, doseNumber) - planDay(plan, doseNumber - 1)) : plan.startsOn;
  const window = doseNumber <= plan.inductionDays.length ? plan.inductionWindowDays : plan.maintenanceWindowDays;
  return { doseNumber, dueOn, latest: addLocalDays(dueOn, window) };
}

/** Days a dose is past the end of its window on `today` (0 or less: not overdue). */
export const daysOverdue = (dose: NextDose, today: string): number => Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dose.latest}T00:00:00Z`)) / 86_400_000);

/** No-shows among visits that were due to happen (cancelled and rescheduled ones were not). */
export function noShowRate(statuses: readonly AppointmentStatus[]): { visits: number; noShows: number; rate: number | null } {
  const due = statuses.filter((s) => s !== 'CANCELLED' && s !== 'RESCHEDULED');
  const noShows = due.filter((s) => s === 'NO_SHOW').length;
  return { visits: due.length, noShows, rate: due.length ? noShows / due.length : null };
}

export interface DayUtilisation {
  date: string;
  openChairMinutes: number;
  bookedChairMinutes: number;
  /** Booked over open chair-minutes; null on a closed day. */
  utilisation: number | null;
  /** Most chairs in use at once that day. */
  peakChairsInUse: number;
}

const MINUTE = 60_000;

/**
 * Per local day: chair-minutes booked (holding visits, clipped to opening hours) over chair-minutes
 * open (chairs × open minutes), and the day's peak of chairs in use.
 */
export function utilisationByDay(days: readonly SiteDay[], chairs: number, visits: readonly (BookingTimes & { status: AppointmentStatus })[]): DayUtilisation[] {
  return days.map((day) => {
    if (day.closed || !day.opensAtUtc || !day.closesAtUtc) return { date: day.date, openChairMinutes: 0, bookedChairMinutes: 0, utilisation: null, peakChairsInUse: 0 };
    const opens = day.opensAtUtc.getTime();
    const closes = day.closesAtUtc.getTime();
    const giving = visits.filter((v) => givesDose(v.status));
    let booked = 0;
    for (const v of giving) booked += Math.max(0, Math.min(closes, v.endsAt.getTime()) - Math.max(opens, v.startsAt.getTime())) / MINUTE;
    const peak = peakOverlap(giving, { startsAt: day.opensAtUtc, endsAt: day.closesAtUtc });
    const open = (chairs * (closes - opens)) / MINUTE;
    return { date: day.date, openChairMinutes: open, bookedChairMinutes: Math.round(booked), utilisation: open ? Math.round((booked / open) * 1000) / 1000 : null, peakChairsInUse: peak };
  });
}
