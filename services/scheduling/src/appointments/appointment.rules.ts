/**
 * Pure scheduling rules: how long a booking holds a chair, which status changes are allowed, and
 * what a booking request must satisfy before it reaches the database.
 */

export const APPOINTMENT_STATUSES = ['SCHEDULED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/**
 * Statuses that no longer hold the chair. Must match the `where` clause of the exclusion
 * constraint in the migration: a cancelled or missed slot can be booked again.
 */
export const RELEASED_STATUSES: readonly AppointmentStatus[] = ['CANCELLED', 'NO_SHOW'];

/** Where each status may go next. Completed, cancelled and missed visits are final. */
const TRANSITIONS: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  SCHEDULED: ['CHECKED_IN', 'CANCELLED', 'NO_SHOW'],
  CHECKED_IN: ['COMPLETED', 'CANCELLED'],
  COMPLETED: [],
  CANCELLED: [],
  NO_SHOW: [],
};

export function canTransition(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export const holdsChair = (status: AppointmentStatus): boolean => !RELEASED_STATUSES.includes(status);

const MINUTE = 60_000;

/** Whole minutes between two instants, rounded to the nearest minute. */
export function minutesBetween(start: Date, end: Date): number {
  return Math.round((end.getTime() - start.getTime()) / MINUTE);
}

/**
 * Whether two bookings of one chair collide. Intervals are half-open, as PostgreSQL's default
 * `tstzrange` is, so an appointment may start the minute the previous one ends.
 */
export function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** Longest period a schedule query may span: a year of appointments is already a report. */
export const MAX_RANGE_DAYS = 366;

/** Checks a `from`/`to` range of a schedule query; returns the problem, or null when fine. */
export function rangeProblem(from: Date, to: Date): string | null {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return '`from` and `to` must be valid times';
  if (to.getTime() <= from.getTime()) return '`to` must be after `from`';
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 24 * 60 * MINUTE) return `The range may span at most ${MAX_RANGE_DAYS} days`;
  return null;
}

/** Longest chair booking: one infusion day (long IVIG runs stay well under it). */
export const MAX_APPOINTMENT_MINUTES = 12 * 60;

export interface BookingTimes {
  startsAt: Date;
  endsAt: Date;
}

/** What is wrong with a booking's times, with the argument to blame; empty when it may be booked. */
export function bookingTimeProblems({ startsAt, endsAt }: BookingTimes, now: Date): { argument: string; message: string }[] {
  const problems: { argument: string; message: string }[] = [];
  if (endsAt.getTime() <= startsAt.getTime()) {
    problems.push({ argument: 'endsAt', message: 'The appointment must end after it starts' });
  } else if (minutesBetween(startsAt, endsAt) > MAX_APPOINTMENT_MINUTES) {
    problems.push({ argument: 'endsAt', message: `An appointment may hold a chair for at most ${MAX_APPOINTMENT_MINUTES / 60} hours` });
  }
  if (startsAt.getTime() <= now.getTime()) {
    problems.push({ argument: 'startsAt', message: 'Appointments can only be booked in the future' });
  }
  return problems;
}

/** Why an appointment in `status` cannot be cancelled, or null when it can. */
export function cancellationProblem(status: AppointmentStatus): string | null {
  if (canTransition(status, 'CANCELLED')) return null;
  return `A ${status.toLowerCase().replace('_', '-')} appointment cannot be cancelled`;
}
