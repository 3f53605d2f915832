import { describe, expect, it } from 'vitest';
import { peakOverlap } from '../appointments/appointment.rules';
import { placementProblems, proposeDayPacking, roomForStandardVisits, type DayFrame, type PackedVisit } from './day-packing';

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 14, 0) + minutes * 60_000);
const NURSES = ['n1', 'n2', 'n3'];

function frame(chairs: number, overrides: Partial<DayFrame> = {}): DayFrame {
  return {
    opensAt: at(0),
    closesAt: at(570),
    chairIds: Array.from({ length: chairs }, (_, i) => `c${i + 1}`),
    nurseLimit: 3,
    shifts: new Map(NURSES.map((n) => [n, [{ startsAt: at(-30), endsAt: at(600) }]])),
    notBefore: at(-60),
    stepMinutes: 15,
    ...overrides,
  };
}

function visit(id: string, chair: number, nurse: string, from: number, minutes: number, tolerance = 120, movable = true): PackedVisit {
  return {
    id, patientId: `p-${id}`, chairId: `c${chair}`, nurseId: nurse, startsAt: at(from), endsAt: at(from + minutes), movable,
    earliestStart: at(from - tolerance), latestStart: at(from + tolerance), nurseOptions: NURSES,
  };
}

/** Six chairs, everyone booked late morning as patients ask: all six chairs at once at 11:00. */
const peakyDay = () => [
  visit('a', 1, 'n1', 120, 180), visit('b', 2, 'n1', 120, 150), visit('c', 3, 'n1', 150, 120),
  visit('d', 4, 'n2', 150, 180), visit('e', 5, 'n2', 180, 120), visit('f', 6, 'n2', 180, 150),
  visit('g', 1, 'n3', 330, 120), visit('h', 2, 'n3', 300, 90), visit('i', 3, 'n3', 300, 120),
];

describe('day packing', () => {
  it('levels a peaky mid-day: fewer chairs at once, and room for more standard visits', () => {
    const day = frame(6);
    const proposal = proposeDayPacking(day, peakyDay());
    expect(proposal.before.peakChairsInUse).toBe(6);
    expect(proposal.after.peakChairsInUse).toBeLessThan(6);
    expect(proposal.after.roomForStandardVisits).toBeGreaterThan(proposal.before.roomForStandardVisits);
    expect(proposal.after.utilisation).toBe(proposal.before.utilisation);
    expect(proposal.after.utilisationWithRoomFilled).toBeGreaterThan(proposal.before.utilisationWithRoomFilled);
    expect(placementProblems(day, proposal.visits, new Set(proposal.moved))).toEqual([]);
  });

  it('moves nobody whose accepted window is their booked start, nor a visit under way', () => {
    const day = frame(6, { notBefore: at(200) });
    const visits = peakyDay().map((v) => (v.id === 'h' ? { ...v } : { ...v, earliestStart: v.startsAt, latestStart: v.startsAt }));
    const proposal = proposeDayPacking(day, visits.map((v) => ({ ...v, movable: v.startsAt.getTime() > day.notBefore.getTime() })));
    // Only `h` (starting 13:00, after "now", with a window) may change its start.
    for (const v of proposal.visits) if (v.id !== 'h') expect(v.startsAt).toEqual(visits.find((o) => o.id === v.id)!.startsAt);
  });

  it('counts the room a day has left in standard visits: whole chair-free, nurse-covered slots within hours', () => {
    // Two chairs open 9.5 h, one nurse who may take 1 patient: one lane of 570 minutes holds four 120-minute visits.
    const day = frame(2, { nurseLimit: 1, shifts: new Map([['n1', [{ startsAt: at(0), endsAt: at(570) }]]]) });
    expect(roomForStandardVisits(day, [], 120)).toBe(4);
    expect(roomForStandardVisits(day, [visit('x', 1, 'n1', 200, 120)], 120)).toBe(3);
  });

  it('finds every problem of a bad move: outside the window, hours, the chair taken, the nurse off shift or over the ratio', () => {
    const day = frame(2, { nurseLimit: 1, shifts: new Map([['n1', [{ startsAt: at(0), endsAt: at(300) }]], ['n2', [{ startsAt: at(0), endsAt: at(570) }]]]) });
    const fixed = visit('fixed', 1, 'n2', 60, 120, 0, false);
    const early = { ...visit('early', 1, 'n2', 90, 120, 30), earliestStart: at(200) };
    expect(placementProblems(day, [fixed, early], new Set(['early'])).map((p) => p.problem)).toEqual([
      'The new start is outside the window the patient accepted',
      'The chair is taken at that time',
      'The nurse would have more than 1 patients in chairs at once',
    ]);
    const late = visit('late', 2, 'n1', 500, 120);
    expect(placementProblems(day, [late], new Set(['late'])).map((p) => p.problem)).toEqual(['The site is not open for the whole visit', 'The nurse is not on shift for the whole visit']);
    expect(placementProblems(day, [fixed], new Set(['fixed'])).map((p) => p.problem)).toEqual(['The visit has started or the patient has arrived; it stays where it is']);
    const unqualified = { ...visit('unqualified', 2, 'n2', 300, 60), nurseOptions: ['n1'] };
    expect(placementProblems(day, [unqualified], new Set(['unqualified'])).map((p) => p.problem)).toEqual(['The nurse is not qualified for the drug']);
  });
});

/** A small seeded generator (mulberry32): the same days on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random but valid day: visits clustered around mid-day, as patients ask for them. */
function randomDay(next: () => number): { day: DayFrame; visits: PackedVisit[] } {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const chairs = 3 + Math.floor(next() * 6);
  const nurses = Array.from({ length: Math.ceil(chairs / 3) + 1 }, (_, i) => `n${i + 1}`);
  const shifts = new Map(nurses.map((n) => [n, [next() < 0.8 ? { startsAt: at(-30), endsAt: at(600) } : { startsAt: at(pick([0, 120, 240])), endsAt: at(pick([360, 480, 570])) }]]));
  const day = frame(chairs, { nurseLimit: pick([1, 2, 3]), shifts, notBefore: next() < 0.7 ? at(-60) : at(pick([60, 180, 300])) });
  const visits: PackedVisit[] = [];
  for (let tries = 0; tries < chairs * 6; tries++) {
    const minutes = pick([60, 90, 120, 150, 180, 240, 300]);
    const centre = 210 + (next() + next() + next() - 1.5) * 160;
    const from = Math.max(0, Math.min(570 - minutes, Math.round(centre / 15) * 15));
    const slot = { startsAt: at(from), endsAt: at(from + minutes) };
    const chairId = day.chairIds.find((c) => !visits.some((v) => v.chairId === c && v.startsAt < slot.endsAt && slot.startsAt < v.endsAt));
    const nurseId = nurses.find((n) =>
      shifts.get(n)!.some((s) => s.startsAt <= slot.startsAt && slot.endsAt <= s.endsAt) &&
      peakOverlap(visits.filter((v) => v.nurseId === n), slot) < day.nurseLimit);
    if (!chairId || !nurseId) continue;
    const tolerance = pick([0, 30, 60, 120]);
    // A few patients have two visits that day (e.g. a hydration and a transfusion).
    const patientId = visits.length && next() < 0.1 ? pick(visits).patientId : `p${tries}`;
    if (visits.some((v) => v.patientId === patientId && v.startsAt < slot.endsAt && slot.startsAt < v.endsAt)) continue;
    visits.push({
      id: `v${tries}`, patientId, chairId, nurseId, ...slot, movable: slot.startsAt > day.notBefore && next() < 0.85,
      earliestStart: at(from - tolerance), latestStart: at(from + tolerance), nurseOptions: next() < 0.7 ? nurses : [nurseId],
    });
  }
  return { day, visits };
}

describe('day packing over random days (fixed seed)', () => {
  const next = random(20261127);
  const days = Array.from({ length: 150 }, () => randomDay(next));

  it('never breaks a rule: windows, hours, chairs, patients, nurses on shift and within their ratio; fixed visits stay', () => {
    for (const { day, visits } of days) {
      const proposal = proposeDayPacking(day, visits);
      expect(placementProblems(day, proposal.visits, new Set(proposal.moved))).toEqual([]);
      for (const v of proposal.visits) {
        const was = visits.find((o) => o.id === v.id)!;
        expect(v.endsAt.getTime() - v.startsAt.getTime()).toBe(was.endsAt.getTime() - was.startsAt.getTime());
        if (!was.movable) expect(v).toEqual(was);
        if (!proposal.moved.includes(v.id)) expect(v).toEqual(was);
      }
    }
  });

  it('never raises the peak nor loses room, and on most peaky days frees room', () => {
    let gained = 0;
    for (const { day, visits } of days) {
      const { before, after } = proposeDayPacking(day, visits);
      expect(after.peakChairsInUse).toBeLessThanOrEqual(before.peakChairsInUse);
      expect(after.roomForStandardVisits).toBeGreaterThanOrEqual(before.roomForStandardVisits);
      if (after.roomForStandardVisits > before.roomForStandardVisits || after.peakChairsInUse < before.peakChairsInUse) gained += 1;
    }
    expect(gained).toBeGreaterThan(days.length / 3);
  });
});
