import { buildDemoWorld } from '@infusion/demo-data';
import type { SeedFunction } from '@infusion/subgraph-kit';
import { Shift } from './shifts/shift.entity';
import { Competency } from './staff/competency.entity';
import { License } from './staff/license.entity';
import type { LicenseType } from './staff/licensure.rules';
import { StaffMember } from './staff/staff-member.entity';
import { SupervisionCoverage } from './supervision/supervision-coverage.entity';
import { TimeOff } from './time-off/time-off.entity';

/**
 * Writes this subgraph's part of the demo world: staff (one agency nurse among them) with their
 * licences, competencies and hourly costs, shifts, time off and supervising providers' cover.
 */
export const seedStaffing: SeedFunction = async (em, { seed, anchorDate }) => {
  const world = buildDemoWorld(seed, anchorDate);
  const roleOf = new Map(world.staff.map((s) => [s.id, s.role]));
  await em.insertMany(
    StaffMember,
    world.staff.map(({ id, clientId, homeSiteId, firstName, lastName, role, email, npi, employment, agencyName, hourlyCost }) => ({
      id, clientId, homeSiteId, firstName, lastName, role, email, npi, employment, agencyName, hourlyCost, active: true,
    })),
  );
  const licenses = world.staff.flatMap((s) =>
    s.licenses.map((l) => ({ ...l, type: l.type as LicenseType, clientId: s.clientId, staffMemberId: s.id })),
  );
  const competencies = world.staff.flatMap((s) => s.competencies.map((c) => ({ ...c, clientId: s.clientId, staffMemberId: s.id })));
  await em.insertMany(License, licenses);
  await em.insertMany(Competency, competencies);
  await em.insertMany(Shift, world.shifts.map((s) => ({ ...s, role: roleOf.get(s.staffMemberId)! })));
  await em.insertMany(TimeOff, world.timeOff);
  await em.insertMany(SupervisionCoverage, world.supervisionCoverage);
  return {
    'staff members': world.staff.length,
    licenses: licenses.length,
    competencies: competencies.length,
    shifts: world.shifts.length,
    'time off': world.timeOff.length,
    'supervision cover': world.supervisionCoverage.length,
  };
};
