/**
 * Coverage per hour at a site (shared/DOMAIN.md, "Staff"): nurses on shift against chairs booked
 * and the site's chairs-per-nurse target, and whether the supervision rule is met.
 */
import type { SupervisionLevel } from '@infusion/domain-codes';
import { uncoveredPeriods, type Period } from '../supervision/supervision.rules';

const HOUR_MS = 3_600_000;

export interface CoverageFacts {
  from: Date;
  to: Date;
  chairsPerNurse: number;
  supervision: SupervisionLevel;
  /** Shifts worked in a nursing role (RN, LPN) at the site. */
  nurseShifts: readonly (Period & { staffMemberId: string })[];
  bookings: readonly (Period & { chairId: string })[];
  /** Supervising providers' coverage blocks at the site. */
  cover: readonly Period[];
}

export interface CoverageHourFacts extends Period {
  nursesOnShift: number;
  chairsBooked: number;
  /** Chairs the nurses on shift can cover at the site's target: nurses × chairs per nurse, rounded down. */
  nurseCapacity: number;
  understaffed: boolean;
  supervisionRequired: boolean;
  supervisionMet: boolean;
}

const overlaps = (a: Period, b: Period) => a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
const clip = (p: Period, to: Period): Period => ({
  startsAt: new Date(Math.max(p.startsAt.getTime(), to.startsAt.getTime())),
  endsAt: new Date(Math.min(p.endsAt.getTime(), to.endsAt.getTime())),
});

/**
 * One row per hour from `from` (the last may be shorter). A nurse counts for an hour when any
 * part of their shift falls in it, a chair when any booking of it does. DIRECT supervision is
 * required in an hour when nurses are on shift or chairs are booked, and met when providers'
 * cover spans every minute of that hour that nurses work or chairs are booked.
 */
export function hourlyCoverage(facts: CoverageFacts): CoverageHourFacts[] {
  const hours: CoverageHourFacts[] = [];
  for (let start = facts.from.getTime(); start < facts.to.getTime(); start += HOUR_MS) {
    const slot: Period = { startsAt: new Date(start), endsAt: new Date(Math.min(start + HOUR_MS, facts.to.getTime())) };
    const shifts = facts.nurseShifts.filter((s) => overlaps(s, slot));
    const bookings = facts.bookings.filter((b) => overlaps(b, slot));
    const nursesOnShift = new Set(shifts.map((s) => s.staffMemberId)).size;
    const chairsBooked = new Set(bookings.map((b) => b.chairId)).size;
    const nurseCapacity = Math.floor(nursesOnShift * facts.chairsPerNurse + 1e-9);
    const supervisionRequired = facts.supervision === 'DIRECT' && (nursesOnShift > 0 || chairsBooked > 0);
    const needed = [...shifts, ...bookings].map((p) => clip(p, slot));
    const supervisionMet = !supervisionRequired || uncoveredPeriods(needed, facts.cover).length === 0;
    hours.push({ ...slot, nursesOnShift, chairsBooked, nurseCapacity, understaffed: chairsBooked > nurseCapacity, supervisionRequired, supervisionMet });
  }
  return hours;
}
