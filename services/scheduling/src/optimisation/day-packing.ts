import { intervalsOverlap } from '@infusion/subgraph-kit';
import { peakOverlap, type BookingTimes } from '../appointments/appointment.rules';

/**
 * Day optimisation, as pure rules: re-pack one site day's visits so fewer chairs are in use at the
 * mid-day peak and the free chair time gathers into blocks a further visit fits in. Nothing here
 * reads a database or the graph; the service hands in the day and the visits as plain data.
 */

const MINUTE = 60_000;

/** A chair-holding visit of the day, as the packer sees it. */
export interface PackedVisit extends BookingTimes {
  id: string;
  patientId: string;
  chairId: string;
  nurseId: string;
  /** False for a visit that stays where it is: arrived, under way, finished, or already started. */
  movable: boolean;
  /** Earliest and latest start the patient accepted; a move never leaves this window. */
  earliestStart: Date;
  latestStart: Date;
  /** Nurses who may take the visit (its own nurse, and others qualified for its drug). */
  nurseOptions: readonly string[];
}

/** The site's day the visits are packed into. */
export interface DayFrame {
  opensAt: Date;
  closesAt: Date;
  /** Chairs in service at the site. */
  chairIds: readonly string[];
  /** Patients one nurse may have in chairs at once (the site's chairs-per-nurse ratio). */
  nurseLimit: number;
  /** Each nurse's shifts at the site that day; a visit lies wholly inside one of its nurse's shifts. */
  shifts: ReadonlyMap<string, readonly BookingTimes[]>;
  /** Nothing moves to, or from, a time before this instant (now). */
  notBefore: Date;
  /** Starts fall on this grid of minutes after opening (a visit's own start is always allowed). */
  stepMinutes: number;
}

export interface DayMetrics {
  /** Chair-minutes booked within opening hours over chair-minutes open. */
  utilisation: number;
  /** Most chairs in use at once. */
  peakChairsInUse: number;
  /** Further standard visits the day still fits (chair free, a nurse on shift with room, within hours). */
  roomForStandardVisits: number;
  /** Utilisation if that room were booked. */
  utilisationWithRoomFilled: number;
}

export interface DayProposal {
  /** The day's visits after the moves (unchanged ones included). */
  visits: PackedVisit[];
  /** Ids of the visits that move. */
  moved: string[];
  before: DayMetrics;
  after: DayMetrics;
  /** Length of the standard visit the room is counted in (the day's mean chair time). */
  standardVisitMinutes: number;
}

const minutesOf = (v: BookingTimes) => (v.endsAt.getTime() - v.startsAt.getTime()) / MINUTE;

/**
 * The day's mean chair time, rounded up to the grid: the visit the day's free room is counted in,
 * so "room for N more" means N more visits like the day's own.
 */
export function standardVisitMinutes(visits: readonly BookingTimes[], stepMinutes: number): number {
  if (!visits.length) return 120;
  const mean = visits.reduce((sum, v) => sum + minutesOf(v), 0) / visits.length;
  return Math.max(stepMinutes, Math.ceil(mean / stepMinutes) * stepMinutes);
}

const onShift = (frame: DayFrame, nurseId: string, slot: BookingTimes) =>
  (frame.shifts.get(nurseId) ?? []).some((s) => s.startsAt.getTime() <= slot.startsAt.getTime() && slot.endsAt.getTime() <= s.endsAt.getTime());

const nurseHasRoom = (frame: DayFrame, placed: readonly PackedVisit[], nurseId: string, slot: BookingTimes) =>
  peakOverlap(placed.filter((p) => p.nurseId === nurseId), slot) + 1 <= frame.nurseLimit;

const chairFree = (placed: readonly PackedVisit[], chairId: string, slot: BookingTimes) => !placed.some((p) => p.chairId === chairId && intervalsOverlap(p, slot));

/** Why a visit's place is wrong, for each moved visit (empty: every move may be made). */
export function placementProblems(frame: DayFrame, visits: readonly PackedVisit[], moved: ReadonlySet<string>): { visitId: string; problem: string }[] {
  const problems: { visitId: string; problem: string }[] = [];
  for (const v of visits) {
    if (!moved.has(v.id)) continue;
    const others = visits.filter((o) => o.id !== v.id);
    const add = (problem: string) => problems.push({ visitId: v.id, problem });
    const start = v.startsAt.getTime();
    if (!v.movable) add('The visit has started or the patient has arrived; it stays where it is');
    if (start < v.earliestStart.getTime() || start > v.latestStart.getTime()) add('The new start is outside the window the patient accepted');
    if (start < frame.notBefore.getTime()) add('A visit cannot move into the past');
    if (start < frame.opensAt.getTime() || v.endsAt.getTime() > frame.closesAt.getTime()) add('The site is not open for the whole visit');
    if (!frame.chairIds.includes(v.chairId)) add('The chair is not in service at the site');
    else if (!chairFree(others, v.chairId, v)) add('The chair is taken at that time');
    if (others.some((o) => o.patientId === v.patientId && intervalsOverlap(o, v))) add('The patient has another visit at that time');
    if (!onShift(frame, v.nurseId, v)) add('The nurse is not on shift for the whole visit');
    else if (!v.nurseOptions.includes(v.nurseId)) add('The nurse is not qualified for the drug');
    else if (!nurseHasRoom(frame, others, v.nurseId, v)) add(`The nurse would have more than ${frame.nurseLimit} patients in chairs at once`);
  }
  return problems;
}

/** Peak, utilisation and free room of a day's visits. */
export function dayMetrics(frame: DayFrame, visits: readonly PackedVisit[], standardMinutes: number): DayMetrics {
  const day = { startsAt: frame.opensAt, endsAt: frame.closesAt };
  const open = (frame.chairIds.length * (frame.closesAt.getTime() - frame.opensAt.getTime())) / MINUTE;
  let booked = 0;
  for (const v of visits) booked += Math.max(0, Math.min(frame.closesAt.getTime(), v.endsAt.getTime()) - Math.max(frame.opensAt.getTime(), v.startsAt.getTime())) / MINUTE;
  const room = roomForStandardVisits(frame, visits, standardMinutes);
  const share = (minutes: number) => (open ? Math.round((minutes / open) * 1000) / 1000 : 0);
  return { utilisation: share(booked), peakChairsInUse: peakOverlap(visits, day), roomForStandardVisits: room, utilisationWithRoomFilled: share(booked + room * standardMinutes) };
}

/**
 * How many further visits of `minutes` fit, placed one by one at the earliest grid start where a
 * chair is free and a nurse on shift has room (the day's nurses). A start that did not fit cannot
 * fit later (each placement only takes room), so the scan never goes back.
 */
export function roomForStandardVisits(frame: DayFrame, visits: readonly PackedVisit[], minutes: number): number {
  const placed = [...visits];
  const nurses = [...frame.shifts.keys()].sort();
  const step = frame.stepMinutes * MINUTE;
  const from = Math.max(frame.opensAt.getTime(), frame.opensAt.getTime() + Math.ceil((frame.notBefore.getTime() - frame.opensAt.getTime()) / step) * step);
  let count = 0;
  for (let s = from; s + minutes * MINUTE <= frame.closesAt.getTime(); ) {
    const slot = { startsAt: new Date(s), endsAt: new Date(s + minutes * MINUTE) };
    const chairId = frame.chairIds.find((c) => chairFree(placed, c, slot));
    const nurseId = chairId && nurses.find((n) => onShift(frame, n, slot) && nurseHasRoom(frame, placed, n, slot));
    if (!chairId || !nurseId) {
      s += step;
      continue;
    }
    placed.push({ ...slot, id: `room-${count}`, patientId: `room-${count}`, chairId, nurseId, movable: false, earliestStart: slot.startsAt, latestStart: slot.startsAt, nurseOptions: [nurseId] });
    count += 1;
  }
  return count;
}

/** Free chair time left on either side of `slot` in its chair that is too short for a standard visit. */
function fragmentMinutes(frame: DayFrame, placed: readonly PackedVisit[], chairId: string, slot: BookingTimes, standardMinutes: number): number {
  let before = frame.opensAt.getTime();
  let after = frame.closesAt.getTime();
  for (const p of placed) {
    if (p.chairId !== chairId) continue;
    if (p.endsAt.getTime() <= slot.startsAt.getTime()) before = Math.max(before, p.endsAt.getTime());
    if (p.startsAt.getTime() >= slot.endsAt.getTime()) after = Math.min(after, p.startsAt.getTime());
  }
  const waste = (gap: number) => (gap > 0 && gap < standardMinutes * MINUTE ? gap / MINUTE : 0);
  return waste(slot.startsAt.getTime() - before) + waste(after - slot.endsAt.getTime());
}

/** Starts a movable visit may take: the grid within its window, opening hours and the future, and its own start. */
function candidateStarts(frame: DayFrame, v: PackedVisit): number[] {
  const length = v.endsAt.getTime() - v.startsAt.getTime();
  const step = frame.stepMinutes * MINUTE;
  const earliest = Math.max(v.earliestStart.getTime(), frame.opensAt.getTime(), frame.notBefore.getTime());
  const latest = Math.min(v.latestStart.getTime(), frame.closesAt.getTime() - length);
  const starts = new Set<number>([v.startsAt.getTime()]);
  const first = frame.opensAt.getTime() + Math.ceil((earliest - frame.opensAt.getTime()) / step) * step;
  for (let s = first; s <= latest; s += step) starts.add(s);
  return [...starts].sort((a, b) => a - b);
}

/**
 * Places the movable visits, longest first, around the fixed ones so that no more than `cap`
 * chairs are ever in use at once. Each goes where it leaves the least unusable fragment in its
 * chair, then the least far from where it was, keeping its chair and nurse when that is as good.
 * Null when some visit finds no place under the cap.
 */
function packUnder(frame: DayFrame, visits: readonly PackedVisit[], cap: number, standardMinutes: number): PackedVisit[] | null {
  const placed = visits.filter((v) => !v.movable);
  if (peakOverlap(placed, { startsAt: frame.opensAt, endsAt: frame.closesAt }) > cap) return null;
  const movable = visits
    .filter((v) => v.movable)
    .sort((a, b) => minutesOf(b) - minutesOf(a) || a.latestStart.getTime() - a.earliestStart.getTime() - (b.latestStart.getTime() - b.earliestStart.getTime()) || a.id.localeCompare(b.id));
  for (const v of movable) {
    const length = v.endsAt.getTime() - v.startsAt.getTime();
    let best: { visit: PackedVisit; score: number } | null = null;
    for (const start of candidateStarts(frame, v)) {
      const slot = { startsAt: new Date(start), endsAt: new Date(start + length) };
      if (peakOverlap(placed, slot) + 1 > cap) continue;
      if (placed.some((p) => p.patientId === v.patientId && intervalsOverlap(p, slot))) continue;
      // The visit's own chair and nurse first, so a tie keeps them.
      for (const chairId of [v.chairId, ...frame.chairIds.filter((c) => c !== v.chairId)]) {
        if (!frame.chairIds.includes(chairId) || !chairFree(placed, chairId, slot)) continue;
        const nurseId = [v.nurseId, ...v.nurseOptions].find((n) => v.nurseOptions.includes(n) && onShift(frame, n, slot) && nurseHasRoom(frame, placed, n, slot));
        if (!nurseId) continue;
        const score =
          fragmentMinutes(frame, placed, chairId, slot, standardMinutes) * 10 +
          Math.abs(start - v.startsAt.getTime()) / MINUTE +
          (chairId === v.chairId ? 0 : 1) +
          (nurseId === v.nurseId ? 0 : 1);
        if (!best || score < best.score) best = { visit: { ...v, ...slot, chairId, nurseId }, score };
      }
    }
    if (!best) return null;
    placed.push(best.visit);
  }
  return placed;
}

const changed = (a: PackedVisit, b: PackedVisit) =>
  a.startsAt.getTime() !== b.startsAt.getTime() || a.chairId !== b.chairId || a.nurseId !== b.nurseId;

/**
 * The day's re-packing: tries every cap on chairs in use from the least the booked minutes allow up
 * to today's peak. A packing that lowers the peak without losing room is preferred to one that
 * only gains room; among those, the most room for further standard visits, then the lowest peak,
 * then the fewest moves. A packing that would lose room or raise the peak is never proposed: then
 * nothing moves.
 */
export function proposeDayPacking(frame: DayFrame, visits: readonly PackedVisit[]): DayProposal {
  const standard = standardVisitMinutes(visits, frame.stepMinutes);
  const before = dayMetrics(frame, visits, standard);
  const original = new Map(visits.map((v) => [v.id, v]));
  let best: { visits: PackedVisit[]; metrics: DayMetrics; moved: string[] } = { visits: [...visits], metrics: before, moved: [] };
  const levels = (m: DayMetrics) => (m.peakChairsInUse < before.peakChairsInUse ? 1 : 0);
  const openMinutes = (frame.closesAt.getTime() - frame.opensAt.getTime()) / MINUTE;
  const bookedMinutes = visits.reduce((sum, v) => sum + minutesOf(v), 0);
  const lowest = Math.max(1, Math.ceil(bookedMinutes / Math.max(1, openMinutes)));
  for (let cap = lowest; cap <= before.peakChairsInUse; cap++) {
    const packed = packUnder(frame, visits, cap, standard);
    if (!packed) continue;
    const moved = packed.filter((v) => changed(v, original.get(v.id)!)).map((v) => v.id);
    if (placementProblems(frame, packed, new Set(moved)).length) continue;
    const metrics = dayMetrics(frame, packed, standard);
    if (metrics.roomForStandardVisits < before.roomForStandardVisits || metrics.peakChairsInUse > before.peakChairsInUse) continue;
    const better =
      levels(metrics) - levels(best.metrics) ||
      metrics.roomForStandardVisits - best.metrics.roomForStandardVisits ||
      best.metrics.peakChairsInUse - metrics.peakChairsInUse ||
      best.moved.length - moved.length;
    if (better > 0) best = { visits: packed, metrics, moved };
  }
  const byId = new Map(best.visits.map((v) => [v.id, v]));
  return { visits: visits.map((v) => byId.get(v.id)!), moved: best.moved.sort(), before, after: best.metrics, standardVisitMinutes: standard };
}
