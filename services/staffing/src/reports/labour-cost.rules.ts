/**
 * Labour cost of shifts: worked minutes times each person's hourly cost, in exact cents. Rounded
 * once per role (half up), and the total is the sum of the role lines, so the lines always add up.
 */
import type { StaffRole } from '@infusion/domain-codes';

export interface CostedShift {
  role: StaffRole;
  minutes: number;
  hourlyCostCents: number;
}

export interface LabourCostLineFacts {
  role: StaffRole;
  minutes: number;
  cents: number;
  shifts: number;
}

export function labourCost(shifts: readonly CostedShift[]): { minutes: number; cents: number; lines: LabourCostLineFacts[] } {
  const byRole = new Map<StaffRole, { minutes: number; centMinutes: number; shifts: number }>();
  for (const s of shifts) {
    const line = byRole.get(s.role) ?? { minutes: 0, centMinutes: 0, shifts: 0 };
    line.minutes += s.minutes;
    line.centMinutes += s.minutes * s.hourlyCostCents;
    line.shifts += 1;
    byRole.set(s.role, line);
  }
  const lines = [...byRole.entries()]
    .map(([role, l]) => ({ role, minutes: l.minutes, shifts: l.shifts, cents: Math.floor((l.centMinutes + 30) / 60) }))
    .sort((a, b) => a.role.localeCompare(b.role));
  return { minutes: lines.reduce((n, l) => n + l.minutes, 0), cents: lines.reduce((n, l) => n + l.cents, 0), lines };
}
