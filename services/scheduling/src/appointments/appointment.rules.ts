/**
 * Pure scheduling rules: how long a booking holds a chair, which status changes are allowed, and
 * what a booking request must satisfy before it reaches the database.
 */

export const APPOINTMENT_STATUSES = ['SCHEDULED', 'CONFIRMED', 'CHECKED_IN', 'IN_CHAIR', 'COMPLETED', 'CANCELLED', 'NO_SHOW', 'RESCHEDULED'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/**
 * Statuses that no longer hold the chair, the patient or the nurse. Must match the `where` clause
 * of the exclusion constraints in the migrations: a cancelled, missed or moved slot can be booked again.
 */
export const RELEASED_STATUSES: readonly AppointmentStatus[] = ['CANCELLED', 'NO_SHOW', 'RESCHEDULED'];

/**
 * Where each status may go next. A visit is scheduled, confirmed by the patient, checked in at the
 * desk, in the chair while treated, then completed. Completed, cancelled, missed and rescheduled
 * visits are final (a rescheduled visit lives on in the visit that replaced it).
 */
const TRANSITIONS: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  SCHEDULED: ['CONFIRMED', 'CHECKED_IN', 'CANCELLED', 'NO_SHOW', 'RESCHEDULED'],
  CONFIRMED: ['CHECKED_IN', 'CANCELLED', 'NO_SHOW', 'RESCHEDULED'],
  CHECKED_IN: ['IN_CHAIR', 'COMPLETED', 'CANCELLED'],
  IN_CHAIR: ['COMPLETED'],
  COMPLETED: [],
  CANCELLED: [],
  NO_SHOW: [],
  RESCHEDULED: [],
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
  const word = status.toLowerCase().replace('_', '-');
  return `${/^[aeiou]/.test(word) ? 'An' : 'A'} ${word} appointment cannot be cancelled`;
}

/**
 * Staff who may hold an infusion chair's visit: registered and practical nurses, and nurse
 * practitioners. Providers, pharmacists and support staff are never the visit's nurse.
 */
export const NURSING_ROLES: readonly string[] = ['RN', 'LPN', 'NP'];

/** The ids a booking names, with the client it is booked for. */
export interface BookingIds {
  clientId: string;
  siteId: string;
  chairId: string;
  nurseId: string;
  patientId: string;
  orderId: string;
}

/**
 * What a booking names, as each owner answered for the caller: facilities the site and chair,
 * staffing the nurse, scheduling itself the patient and order. Absent means "does not exist for
 * this caller" — another client's id and a made-up one look alike.
 */
export interface BookingReferences {
  site?: { id: string; clientId: string; chairsPerNurse: number };
  chair?: { id: string; clientId: string; siteId: string; active: boolean };
  nurse?: { id: string; clientId: string; role: string; active: boolean };
  patient?: { id: string; clientId: string };
  order?: { id: string; clientId: string; patientId: string };
}

export interface BookingProblem {
  code: 'NOT_FOUND' | 'BAD_USER_INPUT';
  argument: keyof BookingIds;
  message: string;
}

/**
 * Everything wrong with what a booking names, NOT_FOUND first, then in argument order; empty when it may be booked.
 * An id the caller cannot see is NOT_FOUND; one it can see that does not fit the booking (another
 * client's, a chair at another site or out of service, a nurse who has left) is BAD_USER_INPUT.
 */
export function bookingReferenceProblems(ids: BookingIds, found: BookingReferences): BookingProblem[] {
  const problems: BookingProblem[] = [];
  const missing = (argument: keyof BookingIds, type: string) => problems.push({ code: 'NOT_FOUND', argument, message: `${type} ${ids[argument]} was not found` });
  const wrong = (argument: keyof BookingIds, message: string) => problems.push({ code: 'BAD_USER_INPUT', argument, message });
  const { site, chair, nurse, patient, order } = found;

  if (!site) missing('siteId', 'Site');
  else if (site.clientId !== ids.clientId) wrong('siteId', 'The site belongs to another client');

  if (!chair) missing('chairId', 'Chair');
  else if (chair.clientId !== ids.clientId || chair.siteId !== ids.siteId) wrong('chairId', 'The chair is at another site');
  else if (!chair.active) wrong('chairId', 'The chair is out of service');

  if (!nurse) missing('nurseId', 'StaffMember');
  else if (nurse.clientId !== ids.clientId) wrong('nurseId', 'The nurse works for another client');
  else if (!nurse.active) wrong('nurseId', 'The nurse no longer works here');
  else if (!NURSING_ROLES.includes(nurse.role)) wrong('nurseId', `A ${nurse.role} cannot be the nurse of a visit`);

  if (!patient) missing('patientId', 'Patient');
  else if (patient.clientId !== ids.clientId) wrong('patientId', 'The patient is not a patient of this client');

  if (!order) missing('orderId', 'Order');
  else if (order.clientId !== ids.clientId) wrong('orderId', 'The order belongs to another client');
  else if (patient && order.patientId !== patient.id) wrong('orderId', 'The order is for another patient');

  // What the caller cannot see comes first: NOT_FOUND whatever else is wrong, so a probe learns nothing.
  return [...problems.filter((p) => p.code === 'NOT_FOUND'), ...problems.filter((p) => p.code !== 'NOT_FOUND')];
}

/** Why a chair cannot be booked because facilities retired it (scheduling learns it from ChairRetired), or null. */
export function retiredChairProblem(chairId: string, retirement: { retiredAt: Date; reason: string } | null | undefined): string | null {
  if (!retirement) return null;
  return `Chair ${chairId} was retired on ${retirement.retiredAt.toISOString().slice(0, 10)} (${retirement.reason}) and cannot be booked`;
}

/** Why a visit in `status` cannot move to `next`, or null when it can. */
export function transitionProblem(status: AppointmentStatus, next: AppointmentStatus): string | null {
  if (canTransition(status, next)) return null;
  const word = (s: AppointmentStatus) => s.toLowerCase().replace('_', '-');
  return `${/^[aeiou]/.test(word(status)) ? 'An' : 'A'} ${word(status)} appointment cannot become ${word(next)}`;
}

/**
 * How many patients one nurse may have in chairs at once at a site: its chairs-per-nurse ratio
 * (a per-site setting, DOMAIN "Staff": 2–4 chairs per RN), whole chairs, at least one.
 */
export function nurseChairLimit(chairsPerNurse: number): number {
  return Math.max(1, Math.floor(chairsPerNurse));
}

/**
 * The most of `visits` that overlap one another at any instant within `window` (half-open
 * intervals): the nurse's load the new visit would add to. A sweep over start and end instants.
 */
export function peakOverlap(visits: readonly BookingTimes[], window: BookingTimes): number {
  const edges: [number, number][] = [];
  for (const v of visits) {
    const start = Math.max(v.startsAt.getTime(), window.startsAt.getTime());
    const end = Math.min(v.endsAt.getTime(), window.endsAt.getTime());
    if (start < end) edges.push([start, 1], [end, -1]);
  }
  // Ends before starts at the same instant: back-to-back visits do not overlap.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of edges) {
    current += delta;
    peak = Math.max(peak, current);
  }
  return peak;
}

/**
 * How far a visit the patient has not confirmed may move either way (day optimisation): the
 * booked start ± this many minutes is the window its patient is taken to accept until they say.
 */
export const DEFAULT_MOVE_TOLERANCE_MINUTES = 90;

/** The window of start times the patient accepted: the one recorded, else the booked start ± the default tolerance. */
export function acceptedWindow(visit: { startsAt: Date; acceptedFrom: Date | null; acceptedUntil: Date | null }): { from: Date; until: Date } {
  if (visit.acceptedFrom && visit.acceptedUntil) return { from: visit.acceptedFrom, until: visit.acceptedUntil };
  const tolerance = DEFAULT_MOVE_TOLERANCE_MINUTES * MINUTE;
  return { from: new Date(visit.startsAt.getTime() - tolerance), until: new Date(visit.startsAt.getTime() + tolerance) };
}

/** Statuses a day optimisation may move: the patient has not arrived yet. */
export const MOVABLE_STATUSES: readonly AppointmentStatus[] = ['SCHEDULED', 'CONFIRMED'];
