import { intervalsOverlap, addLocalDays } from '@infusion/subgraph-kit';
import { chairMinutesOf, type OrderPlan } from '../orders/order.rules';
import { nurseChairLimit, peakOverlap, type BookingTimes } from '../appointments/appointment.rules';

/**
 * A series as pure calendar arithmetic: when each dose of an order falls due, how far it may move,
 * and where it lands given the site's days and what is already booked. The service reads the
 * inputs (opening hours through the calendar port, bookings from our tables) and writes the result.
 */

const DAY_MS = 86_400_000;
const MINUTE = 60_000;

/** Days after the first dose on which dose `doseNumber` (1-based) is due, by the plan alone. */
export function planDay(plan: OrderPlan, doseNumber: number): number {
  const induction = plan.inductionDays;
  if (doseNumber <= induction.length) return induction[doseNumber - 1]!;
  if (plan.firstMaintenanceDay === null || plan.intervalWeeks === null) throw new Error(`Dose ${doseNumber} is beyond an induction-only plan`);
  return plan.firstMaintenanceDay + (doseNumber - induction.length - 1) * plan.intervalWeeks * 7;
}

export interface DueDose {
  doseNumber: number;
  /** The date the plan puts the dose on (local date at the site). */
  dueOn: string;
  /** First and last dates the dose may be given (the allowed window). */
  earliest: string;
  latest: string;
  induction: boolean;
  chairMinutes: number;
}

/**
 * The doses still to give, from `fromDose` to the last planned, each with its window. Dates count
 * from `anchor`: the first dose's date, or — after a missed dose — the date the series restarts on
 * for `fromDose`, so the rest keep their spacing from it.
 */
export function dueDoses(plan: OrderPlan, anchor: { doseNumber: number; on: string }, fromDose = anchor.doseNumber): DueDose[] {
  const doses: DueDose[] = [];
  const anchorDay = planDay(plan, anchor.doseNumber);
  for (let n = fromDose; n <= plan.dosesPlanned; n++) {
    const induction = n <= plan.inductionDays.length;
    const window = induction ? plan.inductionWindowDays : plan.maintenanceWindowDays;
    const dueOn = addLocalDays(anchor.on, planDay(plan, n) - anchorDay);
    doses.push({ doseNumber: n, dueOn, earliest: addLocalDays(dueOn, -window), latest: addLocalDays(dueOn, window), induction, chairMinutes: chairMinutesOf(plan, n) });
  }
  return doses;
}

/** One local day of a site as facilities answers it (`Site.openingHours`). */
export interface SiteDay {
  date: string;
  closed: boolean;
  opensAtUtc: Date | null;
  closesAtUtc: Date | null;
}

/** Dates of a window in the order to try them: the due date, then one day later, one earlier, two later… */
export function datesByCloseness(due: DueDose): string[] {
  const dates = [due.dueOn];
  for (let d = 1; ; d++) {
    const later = addLocalDays(due.dueOn, d);
    const earlier = addLocalDays(due.dueOn, -d);
    const before = dates.length;
    if (later <= due.latest) dates.push(later);
    if (earlier >= due.earliest) dates.push(earlier);
    if (dates.length === before) return dates;
  }
}

/** What is already booked, per chair, nurse and for the patient (holding visits only). */
export interface Bookings {
  chairs: Map<string, BookingTimes[]>;
  nurses: Map<string, BookingTimes[]>;
  patient: BookingTimes[];
}

// Half-open, as PostgreSQL's `tstzrange` is: a visit may start the minute the last one ends.
const overlapsAny = (visits: readonly BookingTimes[] | undefined, v: BookingTimes) => (visits ?? []).some((o) => intervalsOverlap(o, v));

export interface Placement {
  doseNumber: number;
  date: string;
  chairId: string;
  nurseId: string;
  startsAt: Date;
  endsAt: Date;
  /** Days from the due date (negative: earlier). */
  shiftDays: number;
}

export interface PlacementOptions {
  /** Chairs to use, the preferred first: a patient keeps their chair where possible. */
  chairIds: readonly string[];
  /** Nurses to use, the preferred first. */
  nurseIds: readonly string[];
  chairsPerNurse: number;
  /** Preferred start, minutes after the site opens; the visit starts as near to it as fits. */
  preferredMinutesAfterOpening: number;
  /** Start times are tried on this grid (minutes). */
  stepMinutes?: number;
  /** Whether the booking rules let this visit stand (hours, chair, nurse qualified, supervision…); every slot when absent. */
  accepts?: (visit: BookingTimes, chairId: string, nurseId: string) => boolean;
}

/**
 * Places one dose: the first date of its window (closest to the due date first) on which the site
 * is open for the whole visit and some chair and nurse are free, keeping the preferred chair and
 * nurse before trying others, and the preferred time before others that day. Null when the window
 * has no room. Records the placement in `bookings`, so a series never collides with itself.
 */
export function placeDose(due: DueDose, days: ReadonlyMap<string, SiteDay>, bookings: Bookings, options: PlacementOptions): Placement | null {
  const step = (options.stepMinutes ?? 15) * MINUTE;
  const limit = nurseChairLimit(options.chairsPerNurse);
  const length = due.chairMinutes * MINUTE;
  for (const date of datesByCloseness(due)) {
    const day = days.get(date);
    if (!day || day.closed || !day.opensAtUtc || !day.closesAtUtc) continue;
    const opens = day.opensAtUtc.getTime();
    const lastStart = day.closesAtUtc.getTime() - length;
    if (lastStart < opens) continue;
    const preferred = Math.min(lastStart, opens + options.preferredMinutesAfterOpening * MINUTE);
    // Start times by distance from the preferred one, on the grid from opening.
    const starts: number[] = [];
    for (let t = opens; t <= lastStart; t += step) starts.push(t);
    if (!starts.includes(preferred)) starts.push(preferred);
    starts.sort((a, b) => Math.abs(a - preferred) - Math.abs(b - preferred) || a - b);
    for (const nurseId of options.nurseIds) {
      for (const chairId of options.chairIds) {
        for (const start of starts) {
          const visit = { startsAt: new Date(start), endsAt: new Date(start + length) };
          if (overlapsAny(bookings.patient, visit) || overlapsAny(bookings.chairs.get(chairId), visit)) continue;
          if (peakOverlap(bookings.nurses.get(nurseId) ?? [], visit) + 1 > limit) continue;
          if (options.accepts && !options.accepts(visit, chairId, nurseId)) continue;
          bookings.patient.push(visit);
          bookings.chairs.set(chairId, [...(bookings.chairs.get(chairId) ?? []), visit]);
          bookings.nurses.set(nurseId, [...(bookings.nurses.get(nurseId) ?? []), visit]);
          const shiftDays = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${due.dueOn}T00:00:00Z`)) / DAY_MS);
          return { doseNumber: due.doseNumber, date, chairId, nurseId, ...visit, shiftDays };
        }
      }
    }
  }
  return null;
}

/** Places every dose in turn; a dose with no room in its window is reported, not silently moved out of it. */
export function placeSeries(doses: readonly DueDose[], days: ReadonlyMap<string, SiteDay>, bookings: Bookings, options: PlacementOptions): { placed: Placement[]; unplaced: DueDose[] } {
  const placed: Placement[] = [];
  const unplaced: DueDose[] = [];
  for (const due of doses) {
    const placement = placeDose(due, days, bookings, options);
    if (placement) placed.push(placement);
    else unplaced.push(due);
  }
  return { placed, unplaced };
}
