import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Practice, deletePractice, insertPractice, slot } from './fixtures';
import { asWriter, codes, count, schedulingWriter, withDatabase, type GraphqlReply } from './support';

/**
 * No double booking, decided by the database: 100 requests race for one slot and exactly one
 * wins, for each of the three things a visit holds (chair, patient, nurse beyond their limit).
 */

const ATTEMPTS = 100;
const BOOK = 'mutation($i: BookAppointmentInput!) { bookAppointment(input: $i) { id } }';
const RESCHEDULE = 'mutation($i: RescheduleAppointmentInput!) { rescheduleAppointment(input: $i) { id status startsAt rescheduledFromId rescheduleReason rescheduledFrom { id status } } }';

let practice: Practice;

beforeAll(async () => {
  practice = await insertPractice(ATTEMPTS, 'Double booking race');
}, 120_000);

afterAll(async () => {
  if (practice) await deletePractice(practice);
});

interface Booking {
  chair: number;
  nurse: number;
  patient: number;
  times: { startsAt: string; endsAt: string };
}

const input = (b: Booking) => ({
  clientId: practice.clientId,
  siteId: practice.siteId,
  chairId: practice.chairIds[b.chair],
  nurseId: practice.nurseIds[b.nurse],
  patientId: practice.patientIds[b.patient],
  orderId: practice.orderIds[b.patient],
  ...b.times,
});

/**
 * Books as the practice's writer. SERVICE_UNAVAILABLE is the platform saying "busy, try again"
 * (retryable by contract), not an answer about the slot: it is asked again until it answers.
 */
async function book(b: Booking): Promise<GraphqlReply<Record<string, unknown>>> {
  for (;;) {
    const reply = await asWriter(schedulingWriter(practice.clientId), BOOK, { i: input(b) });
    if (!codes(reply).includes('SERVICE_UNAVAILABLE')) return reply;
  }
}

async function race(bookings: Booking[]) {
  const replies = await Promise.all(bookings.map(book));
  const won = replies.filter((r) => !r.errors);
  const refused = replies.filter((r) => r.errors);
  return { won, refused, refusedCodes: [...new Set(refused.flatMap(codes))], refusedArguments: [...new Set(refused.flatMap((r) => r.errors!.map((e) => e.extensions?.argument)))] };
}

/** Visits holding their slot that overlap `times` and match `where` ($4…). */
const holding = (times: { startsAt: string; endsAt: string }, where: string, params: unknown[]) =>
  withDatabase((db) =>
    count(
      db,
      `select count(*) from scheduling.appointment where client_id = $1 and status not in ('CANCELLED', 'NO_SHOW', 'RESCHEDULED')
       and tstzrange(starts_at, ends_at) && tstzrange($2, $3) and ${where}`,
      [practice.clientId, times.startsAt, times.endsAt, ...params],
    ),
  );

// Each of the hundred requests asks four owners for the booking rules' facts: minutes on a busy 2-core machine.
describe('one slot, a hundred requests', { timeout: 180_000 }, () => {
  it('books one chair once: the other 99 get CONFLICT naming the chair', async () => {
    const times = slot(practice, 30, 9 * 60, 11 * 60);
    const result = await race(Array.from({ length: ATTEMPTS }, (_, i) => ({ chair: 0, nurse: i, patient: i, times })));
    expect(result.won).toHaveLength(1);
    expect(result.refused).toHaveLength(ATTEMPTS - 1);
    expect(result.refusedCodes).toEqual(['CONFLICT']);
    expect(result.refusedArguments).toEqual(['chairId']);
    expect(await holding(times, 'chair_id = $4', [practice.chairIds[0]])).toBe(1);
  });

  it('never seats one patient twice at once: the other 99 get CONFLICT naming the patient', async () => {
    const times = slot(practice, 31, 9 * 60, 11 * 60);
    const result = await race(Array.from({ length: ATTEMPTS }, (_, i) => ({ chair: i, nurse: i, patient: 0, times })));
    expect(result.won).toHaveLength(1);
    expect(result.refusedCodes).toEqual(['CONFLICT']);
    expect(result.refusedArguments).toEqual(['patientId']);
    expect(await holding(times, 'patient_id = $4', [practice.patientIds[0]])).toBe(1);
  });

  it('gives a nurse no more patients at once than the site’s chairs per nurse (3): one request wins the last lane', async () => {
    const times = slot(practice, 32, 9 * 60, 11 * 60);
    // Two lanes taken already, one of them only partly overlapping.
    expect((await book({ chair: 0, nurse: 0, patient: 0, times })).errors).toBeUndefined();
    expect((await book({ chair: 1, nurse: 0, patient: 1, times: slot(practice, 32, 10 * 60, 12 * 60) })).errors).toBeUndefined();
    // Hold every insert into appointments until several requests are past their capacity check and
    // waiting (on the nurse's lock, or on the insert): without the lock they would all have counted
    // two lanes taken and all insert; with it, they take turns.
    const result = await withDatabase(async (blocker) => {
      await blocker.query('begin');
      await blocker.query('lock table scheduling.appointment in share mode');
      const racing = race(Array.from({ length: ATTEMPTS - 2 }, (_, i) => ({ chair: i + 2, nurse: 0, patient: i + 2, times })));
      await withDatabase(async (db) => {
        while ((await count(db, "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()")) < 5) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      });
      await blocker.query('commit');
      return racing;
    });
    expect(result.won).toHaveLength(1);
    expect(result.refusedCodes).toEqual(['CONFLICT']);
    expect(result.refusedArguments).toEqual(['nurseId']);
    expect(await holding(times, 'nurse_id = $4', [practice.nurseIds[0]])).toBe(3);
  });

  it('lets a nurse take a fourth patient once the first has left the chair', async () => {
    const reply = await book({ chair: 50, nurse: 0, patient: 50, times: slot(practice, 32, 11 * 60, 12 * 60) });
    expect(reply.errors).toBeUndefined();
  });
});

describe('rescheduling', () => {
  it('moves a visit and keeps the old one as RESCHEDULED, linked from the new one', async () => {
    const first = await book({ chair: 3, nurse: 3, patient: 3, times: slot(practice, 40, 9 * 60, 11 * 60) });
    const id = (first.data!.bookAppointment as { id: string }).id;
    const later = slot(practice, 40, 10 * 60, 12 * 60);
    const moved = await asWriter(schedulingWriter(practice.clientId), RESCHEDULE, { i: { id, startsAt: later.startsAt, reason: 'Patient asked for later' } });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.rescheduleAppointment).toMatchObject({
      status: 'SCHEDULED', startsAt: later.startsAt, rescheduledFromId: id, rescheduleReason: 'Patient asked for later', rescheduledFrom: { id, status: 'RESCHEDULED' },
    });
    expect(await holding(slot(practice, 40, 0, 24 * 60 - 1), 'patient_id = $4', [practice.patientIds[3]])).toBe(1);
  });

  it('refuses a move into a taken chair and leaves the visit where it was', async () => {
    const taken = slot(practice, 41, 9 * 60, 11 * 60);
    expect((await book({ chair: 4, nurse: 4, patient: 4, times: taken })).errors).toBeUndefined();
    const mine = await book({ chair: 5, nurse: 5, patient: 5, times: slot(practice, 41, 13 * 60, 15 * 60) });
    const id = (mine.data!.bookAppointment as { id: string }).id;
    const reply = await asWriter(schedulingWriter(practice.clientId), RESCHEDULE, { i: { id, startsAt: taken.startsAt, chairId: practice.chairIds[4], reason: 'earlier' } });
    expect(codes(reply)).toEqual(['CONFLICT']);
    await withDatabase(async (db) => expect(await count(db, "select count(*) from scheduling.appointment where id = $1 and status = 'SCHEDULED'", [id])).toBe(1));
  });

  it('answers NOT_FOUND for another client’s visit and moves nothing', async () => {
    const mine = await book({ chair: 6, nurse: 6, patient: 6, times: slot(practice, 42, 9 * 60, 11 * 60) });
    const id = (mine.data!.bookAppointment as { id: string }).id;
    const other = schedulingWriter('00000000-0000-4000-8000-000000000001');
    const reply = await asWriter(other, RESCHEDULE, { i: { id, startsAt: slot(practice, 43, 9 * 60, 11 * 60).startsAt, reason: 'x' } });
    expect(codes(reply)).toEqual(['NOT_FOUND']);
    await withDatabase(async (db) => expect(await count(db, "select count(*) from scheduling.appointment where id = $1 and status = 'SCHEDULED'", [id])).toBe(1));
  });
});
