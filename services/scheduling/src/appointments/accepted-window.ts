import { MAX_APPOINTMENT_MINUTES, acceptedWindow, type AppointmentStatus } from './appointment.rules';

/**
 * The window of starts a visit's patient accepts when they confirm it: both ends given, or neither
 * (the booked start ± the default tolerance is recorded then). It must contain the booked start and
 * span at most a day's chair time. Only confirming records one.
 */
export function acceptedWindowProblem(
  visit: { startsAt: Date; acceptedFrom: Date | null; acceptedUntil: Date | null },
  status: AppointmentStatus,
  given: { from?: Date | null; until?: Date | null } = {},
): { accepted?: { from: Date; until: Date }; problem?: { argument: string; message: string } } {
  const from = given.from ?? null;
  const until = given.until ?? null;
  if (status !== 'CONFIRMED') {
    if (from || until) return { problem: { argument: from ? 'acceptedFrom' : 'acceptedUntil', message: 'An accepted window is given only when the patient confirms' } };
    return {};
  }
  if (!from && !until) return { accepted: acceptedWindow({ startsAt: visit.startsAt, acceptedFrom: null, acceptedUntil: null }) };
  if (!from || !until) return { problem: { argument: from ? 'acceptedUntil' : 'acceptedFrom', message: 'Give both ends of the accepted window, or neither' } };
  if (from.getTime() > visit.startsAt.getTime()) return { problem: { argument: 'acceptedFrom', message: 'The accepted window must include the booked start' } };
  if (until.getTime() < visit.startsAt.getTime()) return { problem: { argument: 'acceptedUntil', message: 'The accepted window must include the booked start' } };
  if (until.getTime() - from.getTime() > MAX_APPOINTMENT_MINUTES * 60_000) return { problem: { argument: 'acceptedUntil', message: `An accepted window spans at most ${MAX_APPOINTMENT_MINUTES / 60} hours` } };
  return { accepted: { from, until } };
}
