import { describe, expect, it } from 'vitest';
import {
  bookingReferenceProblems,
  bookingTimeProblems,
  canTransition,
  cancellationProblem,
  holdsChair,
  minutesBetween,
  nurseChairLimit,
  peakOverlap,
  transitionProblem,
  retiredChairProblem,
} from './appointment.rules';

const at = (time: string) => new Date(`2026-12-01T${time}:00Z`);
const now = new Date('2026-11-24T12:00:00Z');

describe('chair time', () => {
  it('counts a 9:00–11:45 infliximab visit as 165 minutes of chair time', () => {
    expect(minutesBetween(at('09:00'), at('11:45'))).toBe(165);
  });

  it('rounds seconds recorded at the chair to the nearest minute', () => {
    expect(minutesBetween(new Date('2026-12-01T09:00:00Z'), new Date('2026-12-01T10:15:40Z'))).toBe(76);
  });

  it('frees the chair of cancelled and missed visits only', () => {
    expect(holdsChair('CANCELLED')).toBe(false);
    expect(holdsChair('NO_SHOW')).toBe(false);
    expect(holdsChair('SCHEDULED')).toBe(true);
    expect(holdsChair('CHECKED_IN')).toBe(true);
    expect(holdsChair('COMPLETED')).toBe(true);
  });
});

describe('booking a visit', () => {
  it('accepts a future visit that ends after it starts', () => {
    expect(bookingTimeProblems({ startsAt: at('09:00'), endsAt: at('11:45') }, now)).toEqual([]);
  });

  it('refuses a visit that ends before or when it starts', () => {
    expect(bookingTimeProblems({ startsAt: at('09:00'), endsAt: at('09:00') }, now)).toEqual([
      { argument: 'endsAt', message: 'The appointment must end after it starts' },
    ]);
  });

  it('refuses a visit in the past', () => {
    const problems = bookingTimeProblems({ startsAt: new Date('2026-11-24T11:00:00Z'), endsAt: new Date('2026-11-24T13:00:00Z') }, now);
    expect(problems.map((p) => p.argument)).toEqual(['startsAt']);
  });

  it('refuses to hold a chair for more than a treatment day', () => {
    expect(bookingTimeProblems({ startsAt: at('07:00'), endsAt: at('19:01') }, now).map((p) => p.argument)).toEqual(['endsAt']);
  });
});

describe('visit status', () => {
  it('checks in, then completes, a scheduled visit', () => {
    expect(canTransition('SCHEDULED', 'CHECKED_IN')).toBe(true);
    expect(canTransition('CHECKED_IN', 'COMPLETED')).toBe(true);
  });

  it('never completes a visit the patient was not checked in for', () => {
    expect(canTransition('SCHEDULED', 'COMPLETED')).toBe(false);
  });

  it('records a no-show only for a visit still scheduled', () => {
    expect(canTransition('SCHEDULED', 'NO_SHOW')).toBe(true);
    expect(canTransition('CHECKED_IN', 'NO_SHOW')).toBe(false);
  });

  it('cancels scheduled and checked-in visits', () => {
    expect(cancellationProblem('SCHEDULED')).toBeNull();
    expect(cancellationProblem('CHECKED_IN')).toBeNull();
  });

  it('refuses to cancel a completed, cancelled or missed visit, saying why', () => {
    expect(cancellationProblem('COMPLETED')).toBe('A completed appointment cannot be cancelled');
    expect(cancellationProblem('CANCELLED')).toBe('A cancelled appointment cannot be cancelled');
    expect(cancellationProblem('NO_SHOW')).toBe('A no-show appointment cannot be cancelled');
  });

  it('confirms, checks in, seats and completes a visit in that order', () => {
    expect(canTransition('SCHEDULED', 'CONFIRMED')).toBe(true);
    expect(canTransition('CONFIRMED', 'CHECKED_IN')).toBe(true);
    expect(canTransition('CHECKED_IN', 'IN_CHAIR')).toBe(true);
    expect(canTransition('IN_CHAIR', 'COMPLETED')).toBe(true);
    expect(transitionProblem('SCHEDULED', 'IN_CHAIR')).toBe('A scheduled appointment cannot become in-chair');
  });

  it('reschedules only visits that have not started, and never cancels a patient in the chair', () => {
    expect(canTransition('SCHEDULED', 'RESCHEDULED')).toBe(true);
    expect(canTransition('CONFIRMED', 'RESCHEDULED')).toBe(true);
    expect(canTransition('CHECKED_IN', 'RESCHEDULED')).toBe(false);
    expect(cancellationProblem('IN_CHAIR')).toBe('An in-chair appointment cannot be cancelled');
  });

  it('frees chair, patient and nurse of a rescheduled visit, not of a confirmed or seated one', () => {
    expect(holdsChair('RESCHEDULED')).toBe(false);
    expect(holdsChair('CONFIRMED')).toBe(true);
    expect(holdsChair('IN_CHAIR')).toBe(true);
  });

  it('treats completed, cancelled, missed and rescheduled visits as final', () => {
    for (const final of ['COMPLETED', 'CANCELLED', 'NO_SHOW', 'RESCHEDULED'] as const) {
      for (const next of ['SCHEDULED', 'CONFIRMED', 'CHECKED_IN', 'IN_CHAIR', 'COMPLETED', 'CANCELLED', 'NO_SHOW', 'RESCHEDULED'] as const) {
        expect(canTransition(final, next)).toBe(false);
      }
    }
  });
});

describe('what a booking names', () => {
  const ids = { clientId: 'c1', siteId: 's1', chairId: 'ch1', nurseId: 'n1', patientId: 'p1', orderId: 'o1' };
  const found = () => ({
    site: { id: 's1', clientId: 'c1', chairsPerNurse: 3 },
    chair: { id: 'ch1', clientId: 'c1', siteId: 's1', active: true },
    nurse: { id: 'n1', clientId: 'c1', role: 'RN', active: true },
    patient: { id: 'p1', clientId: 'c1' },
    order: { id: 'o1', clientId: 'c1', patientId: 'p1' },
  });
  const named = (problems: { code: string; argument: string }[]) => problems.map((p) => `${p.code} ${p.argument}`);

  it('accepts a chair at the booked site, an active nurse, and the order’s own patient', () => {
    expect(bookingReferenceProblems(ids, found())).toEqual([]);
  });

  it('answers NOT_FOUND for whatever the caller cannot see, naming each argument in order', () => {
    expect(named(bookingReferenceProblems(ids, {}))).toEqual(['NOT_FOUND siteId', 'NOT_FOUND chairId', 'NOT_FOUND nurseId', 'NOT_FOUND patientId', 'NOT_FOUND orderId']);
  });

  it('refuses a chair at another site of the same client, and one out of service', () => {
    expect(named(bookingReferenceProblems(ids, { ...found(), chair: { ...found().chair, siteId: 's2' } }))).toEqual(['BAD_USER_INPUT chairId']);
    expect(bookingReferenceProblems(ids, { ...found(), chair: { ...found().chair, active: false } })[0]?.message).toBe('The chair is out of service');
  });

  it('refuses a site, nurse or patient of another client the caller happens to see (an unrestricted ops user)', () => {
    const other = found();
    other.site.clientId = 'c2';
    other.nurse.clientId = 'c2';
    other.patient.clientId = 'c2';
    expect(named(bookingReferenceProblems(ids, other))).toEqual(['BAD_USER_INPUT siteId', 'BAD_USER_INPUT nurseId', 'BAD_USER_INPUT patientId']);
  });

  it('books only nurses who still work here: RNs, LPNs and nurse practitioners', () => {
    expect(named(bookingReferenceProblems(ids, { ...found(), nurse: { ...found().nurse, active: false } }))).toEqual(['BAD_USER_INPUT nurseId']);
    for (const role of ['LPN', 'NP']) expect(bookingReferenceProblems(ids, { ...found(), nurse: { ...found().nurse, role } })).toEqual([]);
    for (const role of ['PHYSICIAN', 'PHARMACIST', 'COORDINATOR']) {
      expect(named(bookingReferenceProblems(ids, { ...found(), nurse: { ...found().nurse, role } })), role).toEqual(['BAD_USER_INPUT nurseId']);
    }
  });

  it('refuses an order of another patient', () => {
    expect(named(bookingReferenceProblems(ids, { ...found(), order: { ...found().order, patientId: 'p2' } }))).toEqual(['BAD_USER_INPUT orderId']);
  });
});

describe('retired chairs', () => {
  it('refuses a chair facilities retired, saying which chair, since when and why', () => {
    const problem = retiredChairProblem('c-7', { retiredAt: new Date('2026-11-20T15:00:00Z'), reason: 'frame cracked' });
    expect(problem).toBe('Chair c-7 was retired on 2026-11-20 (frame cracked) and cannot be booked');
  });

  it('books a chair scheduling has not heard was retired', () => {
    expect(retiredChairProblem('c-7', null)).toBeNull();
  });
});

describe('a nurse’s chairs', () => {
  const visit = (from: string, to: string) => ({ startsAt: at(from), endsAt: at(to) });

  it('lets a nurse hold as many chairs at once as the site’s ratio allows, whole chairs, at least one', () => {
    expect(nurseChairLimit(3)).toBe(3);
    expect(nurseChairLimit(2.5)).toBe(2);
    expect(nurseChairLimit(0.5)).toBe(1);
  });

  it('counts the most visits at once within the new visit, not all visits of the day', () => {
    const day = [visit('08:00', '10:00'), visit('09:00', '11:00'), visit('12:00', '14:00'), visit('13:00', '15:00'), visit('13:30', '14:30')];
    expect(peakOverlap(day, visit('09:30', '10:30'))).toBe(2);
    expect(peakOverlap(day, visit('13:45', '14:15'))).toBe(3);
    expect(peakOverlap(day, visit('11:00', '12:00'))).toBe(0);
  });

  it('does not count a visit that ends as the new one starts', () => {
    expect(peakOverlap([visit('08:00', '09:00'), visit('09:00', '10:00')], visit('09:00', '09:30'))).toBe(1);
  });
});
