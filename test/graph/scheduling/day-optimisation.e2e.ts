import { addDays, localDate, zonedTime } from '@infusion/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deletePractice, insertPractice, type Practice } from './fixtures';
import { deleteShifts, deleteWeeklyHours, insertShifts, insertVisits, setWeeklyHours } from './day-fixtures';
import { asWriter, codes, count, schedulingWriter, withDatabase, type GraphqlReply } from './support';

const PROPOSAL = `query($siteId: ID!, $date: LocalDate!) {
  dayOptimisationProposal(siteId: $siteId, date: $date) {
    closed visits standardVisitMinutes volumeGain
    before { peakChairsInUse roomForStandardVisits utilisation }
    after { peakChairsInUse roomForStandardVisits utilisation }
    moves { appointment { id acceptedFrom acceptedUntil } expectedVersion nurseChanged
      from { startsAt endsAt chair { id } nurse { id } } to { startsAt endsAt chair { id } nurse { id } } }
  }
}`;
const APPLY = 'mutation($i: ApplyDayOptimisationInput!) { applyDayOptimisation(input: $i) { id startsAt endsAt chairId nurseId version } }';
const CONFIRM = `mutation($id: ID!, $from: DateTime, $until: DateTime) {
  advanceAppointment(id: $id, status: CONFIRMED, acceptedFrom: $from, acceptedUntil: $until) { version acceptedFrom acceptedUntil }
}`;

interface Place { startsAt: string; endsAt: string; chair: { id: string }; nurse: { id: string } }
interface Proposal {
  closed: boolean;
  visits: number;
  volumeGain: number;
  before: { peakChairsInUse: number; roomForStandardVisits: number };
  after: { peakChairsInUse: number; roomForStandardVisits: number };
  moves: { appointment: { id: string; acceptedFrom: string; acceptedUntil: string }; expectedVersion: number; from: Place; to: Place }[];
}

let practice: Practice;
/** A weekday a week ahead, at the practice (so every visit is still to come). */
let day: string;
let ids: string[];

/** A peaky day: four patients all asked for late morning, so all four chairs are busy at 11:00–12:00. */
const PEAKY = [
  { chair: 0, nurse: 0, patient: 0, from: 10 * 60, to: 12 * 60 },
  { chair: 1, nurse: 1, patient: 1, from: 10 * 60, to: 12 * 60 + 30 },
  { chair: 2, nurse: 2, patient: 2, from: 10 * 60 + 30, to: 12 * 60 + 30 },
  { chair: 3, nurse: 3, patient: 3, from: 11 * 60, to: 13 * 60 },
];

const writer = () => schedulingWriter(practice.clientId);
const propose = async (principal = writer(), date = day) => asWriter(principal, PROPOSAL, { siteId: practice.siteId, date }) as Promise<GraphqlReply<{ dayOptimisationProposal: Proposal }>>;
const movesOf = (proposal: Proposal) =>
  proposal.moves.map((m) => ({ appointmentId: m.appointment.id, expectedVersion: m.expectedVersion, startsAt: m.to.startsAt, chairId: m.to.chair.id, nurseId: m.to.nurse.id }));
const places = () =>
  withDatabase(async (db) => (await db.query('select id, starts_at, chair_id, nurse_id, version from scheduling.appointment where client_id = $1 order by id', [practice.clientId])).rows);

async function resetDay(): Promise<void> {
  await withDatabase((db) => db.query('delete from scheduling.appointment where client_id = $1', [practice.clientId]));
  ids = await insertVisits(practice, day, PEAKY);
}

beforeAll(async () => {
  practice = await insertPractice(4, 'Day optimisation');
  day = addDays(localDate(new Date(), practice.timeZone), 7);
  await setWeeklyHours(practice, 8 * 60, 17 * 60);
  await insertShifts(practice, day, 7 * 60 + 30, 17 * 60 + 30);
  await resetDay();
}, 60_000);

afterAll(async () => {
  await deleteShifts(practice);
  await deleteWeeklyHours(practice);
  await deletePractice(practice);
});

describe('day optimisation', () => {
  it('proposes moves that lower the peak of chairs in use, each inside its patient’s window and opening hours', async () => {
    const reply = await propose();
    expect(reply.errors).toBeUndefined();
    const proposal = reply.data!.dayOptimisationProposal;
    expect(proposal.visits).toBe(4);
    expect(proposal.before.peakChairsInUse).toBe(4);
    expect(proposal.after.peakChairsInUse).toBeLessThan(4);
    expect(proposal.after.roomForStandardVisits).toBeGreaterThanOrEqual(proposal.before.roomForStandardVisits);
    expect(proposal.moves.length).toBeGreaterThan(0);
    const [opens, closes] = [zonedTime(day, 8 * 60, practice.timeZone).getTime(), zonedTime(day, 17 * 60, practice.timeZone).getTime()];
    for (const move of proposal.moves) {
      const start = Date.parse(move.to.startsAt);
      expect(start).toBeGreaterThanOrEqual(Date.parse(move.appointment.acceptedFrom));
      expect(start).toBeLessThanOrEqual(Date.parse(move.appointment.acceptedUntil));
      // The visit keeps its chair time.
      expect(Date.parse(move.to.endsAt) - start).toBe(Date.parse(move.from.endsAt) - Date.parse(move.from.startsAt));
      expect(start).toBeGreaterThanOrEqual(opens);
      expect(Date.parse(move.to.endsAt)).toBeLessThanOrEqual(closes);
    }
    // Nothing moved yet.
    expect((await places()).every((p) => p.version === 1)).toBe(true);
  });

  it('applies every move in one mutation, audited, and the day then has the proposed peak', async () => {
    const { dayOptimisationProposal: proposal } = (await propose()).data!;
    const reply = await asWriter(writer(), APPLY, { i: { siteId: practice.siteId, date: day, moves: movesOf(proposal) } });
    expect(reply.errors).toBeUndefined();
    const moved = (reply.data as { applyDayOptimisation: { id: string; startsAt: string; chairId: string; version: number }[] }).applyDayOptimisation;
    expect(moved.map((m) => m.id).sort()).toEqual(proposal.moves.map((m) => m.appointment.id).sort());
    const rows = new Map((await places()).map((p) => [p.id, p]));
    for (const move of proposal.moves) {
      const row = rows.get(move.appointment.id)!;
      expect(row.starts_at.toISOString()).toBe(move.to.startsAt);
      expect(row.chair_id).toBe(move.to.chair.id);
      expect(row.version).toBe(2);
    }
    const again = (await propose()).data!.dayOptimisationProposal;
    expect(again.before.peakChairsInUse).toBe(proposal.after.peakChairsInUse);
    const audited = await withDatabase((db) =>
      count(db, "select count(*) from audit.audit_event where service = 'scheduling' and action = 'MUTATION' and operation = 'applyDayOptimisation' and client_id = $1", [practice.clientId]),
    );
    expect(audited).toBe(1);
  });

  it('lets two visits swap chairs in one application (the moves are judged together, not one by one)', async () => {
    await resetDay();
    const chairBefore = new Map((await places()).map((p) => [p.id, p.chair_id]));
    const swap = [
      { appointmentId: ids[0], expectedVersion: 1, startsAt: zonedTime(day, 10 * 60, practice.timeZone).toISOString(), chairId: practice.chairIds[1], nurseId: practice.nurseIds[0] },
      { appointmentId: ids[1], expectedVersion: 1, startsAt: zonedTime(day, 10 * 60, practice.timeZone).toISOString(), chairId: practice.chairIds[0], nurseId: practice.nurseIds[1] },
    ];
    const reply = await asWriter(writer(), APPLY, { i: { siteId: practice.siteId, date: day, moves: swap } });
    expect(reply.errors).toBeUndefined();
    const rows = new Map((await places()).map((p) => [p.id, p.chair_id]));
    expect([rows.get(ids[0]!), rows.get(ids[1]!)]).toEqual([chairBefore.get(ids[1]!), chairBefore.get(ids[0]!)]);
  });

  it('moves nothing when one visit changed since the proposal (CONFLICT), and never outside a confirmed patient’s window', async () => {
    await resetDay();
    const { dayOptimisationProposal: proposal } = (await propose()).data!;
    expect(proposal.moves.length).toBeGreaterThan(1);
    const before = await places();
    // The patient of a moved visit confirms it for exactly its booked time, after the proposal was made.
    const changed = proposal.moves[proposal.moves.length - 1]!;
    const confirmed = await asWriter(writer(), CONFIRM, { id: changed.appointment.id, from: changed.from.startsAt, until: changed.from.startsAt });
    expect(confirmed.errors).toBeUndefined();
    const reply = await asWriter(writer(), APPLY, { i: { siteId: practice.siteId, date: day, moves: movesOf(proposal) } });
    expect(codes(reply)).toEqual(['CONFLICT']);
    const after = await places();
    expect(after.map((p) => [p.id, p.starts_at.toISOString(), p.chair_id])).toEqual(before.map((p) => [p.id, p.starts_at.toISOString(), p.chair_id]));

    const fresh = (await propose()).data!.dayOptimisationProposal;
    const stays = fresh.moves.find((m) => m.appointment.id === changed.appointment.id);
    if (stays) expect(stays.to.startsAt).toBe(changed.from.startsAt);
    // And a move the caller makes up outside that window is refused, naming the move.
    const outside = await asWriter(writer(), APPLY, {
      i: { siteId: practice.siteId, date: day, moves: [{ appointmentId: changed.appointment.id, expectedVersion: 2, startsAt: changed.to.startsAt === changed.from.startsAt ? new Date(Date.parse(changed.from.startsAt) - 3_600_000).toISOString() : changed.to.startsAt, chairId: changed.from.chair.id, nurseId: changed.from.nurse.id }] },
    });
    expect(codes(outside)).toEqual(['BAD_USER_INPUT']);
    expect(outside.errors![0]!.extensions!.argument).toBe('moves.0');
  });

  it('answers NOT_FOUND for another client’s site or visits, and for a site outside a site-limited key', async () => {
    await resetDay();
    const stranger = schedulingWriter('00000000-0000-4000-8000-000000000002');
    expect(codes(await propose(stranger))).toEqual(['NOT_FOUND']);
    const limited = schedulingWriter(practice.clientId, [practice.clientId]);
    expect(codes(await propose(limited))).toEqual(['NOT_FOUND']);
    const move = { appointmentId: ids[0], expectedVersion: 1, startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), chairId: practice.chairIds[0], nurseId: practice.nurseIds[0] };
    for (const principal of [stranger, limited]) {
      const reply = await asWriter(principal, APPLY, { i: { siteId: practice.siteId, date: day, moves: [move] } });
      expect(codes(reply)).toEqual(['NOT_FOUND']);
    }
    expect((await places()).every((p) => p.version === 1)).toBe(true);
    // The site-limited key sees its own site.
    expect((await propose(schedulingWriter(practice.clientId, [practice.siteId]))).errors).toBeUndefined();
  });
});
