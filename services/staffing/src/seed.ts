import { buildDemoWorld } from '@infusion/demo-data';
import type { SeedFunction } from '@infusion/subgraph-kit';
import { Shift } from './shifts/shift.entity';
import { Competency } from './staff/competency.entity';
import { License } from './staff/license.entity';
import type { LicenseType } from './staff/licensure.rules';
import { StaffMember } from './staff/staff-member.entity';

/** Writes this subgraph's part of the demo world: staff with their licences and competencies, and shifts. */
export const seedStaffing: SeedFunction = async (em, { seed, anchorDate }) => {
  const world = buildDemoWorld(seed, anchorDate);
  await em.insertMany(
    StaffMember,
    world.staff.map(({ id, clientId, homeSiteId, firstName, lastName, role, email, npi }) => ({ id, clientId, homeSiteId, firstName, lastName, role, email, npi, active: true })),
  );
  const licenses = world.staff.flatMap((s) =>
    s.licenses.map((l) => ({ ...l, type: l.type as LicenseType, clientId: s.clientId, staffMemberId: s.id })),
  );
  const competencies = world.staff.flatMap((s) => s.competencies.map((c) => ({ ...c, clientId: s.clientId, staffMemberId: s.id })));
  await em.insertMany(License, licenses);
  await em.insertMany(Competency, competencies);
  await em.insertMany(Shift, world.shifts);
  return { 'staff members': world.staff.length, licenses: licenses.length, competencies: competencies.length, shifts: world.shifts.length };
};
