import { intervalsOverlap } from '@infusion/subgraph-kit';
import { nurseChairLimit, peakOverlap, type BookingTimes } from '../appointments/appointment.rules';
import type { SiteDay } from '../series/series.rules';

/**
 * Availability as pure arithmetic over facts already read: which (site, chair, nurse, start) slots
 * an order's next dose fits in, and how they rank. The service reads every fact in one batched
 * call per owner; nothing here asks anyone anything.
 */

const MINUTE = 60_000;

/** Why a slot ranks where it does. */
export const SLOT_REASONS = ['SAME_NURSE', 'AT_OPENING', 'AFTER_A_VISIT', 'BEFORE_A_VISIT', 'AT_CLOSING', 'NO_UNUSABLE_GAP'] as const;
export type SlotReason = (typeof SLOT_REASONS)[number];

export interface SlotSite {
  id: string;
  chairsPerNurse: number;
  /** Chairs in service (active, not retired). */
  chairIds: readonly string[];
  /** The site's open days in the range, by local date, in date order. */
  days: readonly (SiteDay & { date: string })[];
  /** Nurses who may give the drug here, with the blocks they are qualified and on shift. */
  nurseWindows: ReadonlyMap<string, readonly BookingTimes[]>;
}

export interface HeldVisits {
  chairs: ReadonlyMap<string, readonly BookingTimes[]>;
  nurses: ReadonlyMap<string, readonly BookingTimes[]>;
  patient: readonly BookingTimes[];
}

export interface Slot extends BookingTimes {
  siteId: string;
  date: string;
  chairId: string;
  nurseId: string;
  reasons: SlotReason[];
  /** Minutes of the chair's free stretch left too short to use (before and after the slot). */
  unusableMinutes: number;
}

export interface SlotSearch {
  sites: readonly SlotSite[];
  held: HeldVisits;
  chairMinutes: number;
  /** Slots start no earlier than this (now). */
  notBefore: Date;
  /** The nurse of the patient's last visit, preferred. */
  lastNurseId: string | null;
  /** Only this nurse, when the caller asks for one. */
  nurseId: string | null;
  /** Start times are tried on this grid from opening (minutes). */
  stepMinutes?: number;
  /** A free stretch shorter than this is too short for another visit (minutes). */
  shortestUsefulMinutes?: number;
  /** Whether the booking rules let the visit stand (supervision, REMS, authorization…). */
  accepts: (slot: BookingTimes & { siteId: string; chairId: string; nurseId: string }) => boolean;
}

const covered = (blocks: readonly BookingTimes[] | undefined, v: BookingTimes) => (blocks ?? []).some((b) => b.startsAt <= v.startsAt && b.endsAt >= v.endsAt);
const overlapsAny = (visits: readonly BookingTimes[] | undefined, v: BookingTimes) => (visits ?? []).some((o) => intervalsOverlap(o, v));

/**
 * The free stretch of a chair around a slot: from the end of the visit before it (or opening) to
 * the start of the one after it (or closing).
 */
function freeStretch(visits: readonly BookingTimes[], slot: BookingTimes, opens: number, closes: number): { from: number; to: number } {
  let from = opens;
  let to = closes;
  for (const v of visits) {
    if (v.endsAt.getTime() <= slot.startsAt.getTime()) from = Math.max(from, v.endsAt.getTime());
    if (v.startsAt.getTime() >= slot.endsAt.getTime()) to = Math.min(to, v.startsAt.getTime());
  }
  return { from, to };
}

/** What the slot leaves of the chair's stretch, and why it packs well. */
export function packing(visits: readonly BookingTimes[], slot: BookingTimes, opens: number, closes: number, shortestUseful: number): { reasons: SlotReason[]; unusableMinutes: number } {
  const { from, to } = freeStretch(visits, slot, opens, closes);
  const before = slot.startsAt.getTime() - from;
  const after = to - slot.endsAt.getTime();
  const reasons: SlotReason[] = [];
  if (before === 0) reasons.push(from === opens ? 'AT_OPENING' : 'AFTER_A_VISIT');
  if (after === 0) reasons.push(to === closes ? 'AT_CLOSING' : 'BEFORE_A_VISIT');
  const unusable = (gap: number) => (gap > 0 && gap < shortestUseful * MINUTE ? gap / MINUTE : 0);
  const unusableMinutes = unusable(before) + unusable(after);
  if (unusableMinutes === 0) reasons.push('NO_UNUSABLE_GAP');
  return { reasons, unusableMinutes };
}

/**
 * Every slot the next dose fits in: open for the whole visit, a chair in service and free, a
 * qualified nurse on shift under their concurrent-chair limit (the patient's last nurse first),
 * the patient free, and the booking rules content. One slot per chair and start time.
 */
export function openSlots(search: SlotSearch): Slot[] {
  const step = (search.stepMinutes ?? 15) * MINUTE;
  const length = search.chairMinutes * MINUTE;
  const shortest = search.shortestUsefulMinutes ?? 60;
  const slots: Slot[] = [];
  for (const site of search.sites) {
    const limit = nurseChairLimit(site.chairsPerNurse);
    const nurses = [...site.nurseWindows.keys()]
      .filter((n) => !search.nurseId || n === search.nurseId)
      .sort((a, b) => Number(b === search.lastNurseId) - Number(a === search.lastNurseId) || a.localeCompare(b));
    for (const day of site.days) {
      if (day.closed || !day.opensAtUtc || !day.closesAtUtc) continue;
      const opens = day.opensAtUtc.getTime();
      const closes = day.closesAtUtc.getTime();
      for (let start = opens; start + length <= closes; start += step) {
        if (start < search.notBefore.getTime()) continue;
        const visit = { startsAt: new Date(start), endsAt: new Date(start + length) };
        if (overlapsAny(search.held.patient, visit)) continue;
        const nurseId = nurses.find((n) => covered(site.nurseWindows.get(n), visit) && peakOverlap(search.held.nurses.get(n) ?? [], visit) + 1 <= limit);
        if (!nurseId) continue;
        for (const chairId of site.chairIds) {
          const chairVisits = search.held.chairs.get(chairId) ?? [];
          if (overlapsAny(chairVisits, visit)) continue;
          const candidate = { ...visit, siteId: site.id, chairId, nurseId };
          if (!search.accepts(candidate)) continue;
          const { reasons, unusableMinutes } = packing(chairVisits, visit, opens, closes, shortest);
          if (nurseId === search.lastNurseId) reasons.unshift('SAME_NURSE');
          slots.push({ ...candidate, date: day.date, reasons, unusableMinutes });
        }
      }
    }
  }
  return slots;
}

/**
 * Ranks slots: the earliest day first; within a day the patient's last nurse, then the tightest
 * packing (touching a visit, opening or closing; leaving no stretch too short to use), then the
 * earlier start. Returns the best `first`.
 */
export function rankSlots(slots: readonly Slot[], first: number): Slot[] {
  const adjacency = (s: Slot) => s.reasons.filter((r) => r === 'AT_OPENING' || r === 'AFTER_A_VISIT' || r === 'BEFORE_A_VISIT' || r === 'AT_CLOSING').length;
  return [...slots]
    .sort(
      (a, b) =>
        a.date.localeCompare(b.date) ||
        Number(b.reasons.includes('SAME_NURSE')) - Number(a.reasons.includes('SAME_NURSE')) ||
        a.unusableMinutes - b.unusableMinutes ||
        adjacency(b) - adjacency(a) ||
        a.startsAt.getTime() - b.startsAt.getTime() ||
        a.chairId.localeCompare(b.chairId),
    )
    .slice(0, first);
}
