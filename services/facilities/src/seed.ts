import { buildDemoWorld } from '@infusion/demo-data';
import { SITE_KIND_DEFAULTS } from '@infusion/domain-codes';
import type { SeedFunction } from '@infusion/subgraph-kit';
import { Certification } from './certifications/certification.entity';
import { Client } from './clients/client.entity';
import { Equipment } from './equipment/equipment.entity';
import { MaintenanceRecord } from './equipment/maintenance-record.entity';
import { HoursException } from './hours/hours-exception.entity';
import { WeeklyHours } from './hours/weekly-hours.entity';
import { RemsEnrolment } from './rems/rems-enrolment.entity';
import { Chair } from './sites/chair.entity';
import { Site } from './sites/site.entity';

/** Writes this subgraph's part of the demo world. */
export const seedFacilities: SeedFunction = async (em, { seed, anchorDate }) => {
  const world = buildDemoWorld(seed, anchorDate);
  await em.insertMany(Client, world.clients.map((c) => ({ id: c.id, name: c.name, legalName: c.legalName, npi: c.npi, kind: c.kind, specialty: c.specialty, state: c.state, taxId: c.taxId, status: 'ACTIVE' as const, version: 1 })));
  await em.insertMany(
    Site,
    world.sites.map(({ id, clientId, name, kind, placeOfService, timeZone, street, city, state, postalCode, chairsPerNurse }) => ({
      id, clientId, name, kind, placeOfService, timeZone, street, city, state, postalCode, chairsPerNurse,
      claimForm: SITE_KIND_DEFAULTS[kind].claimForm,
      supervision: SITE_KIND_DEFAULTS[kind].supervision,
      version: 1,
    })),
  );
  await em.insertMany(WeeklyHours, world.weeklyHours);
  await em.insertMany(HoursException, world.hoursExceptions);
  await em.insertMany(Chair, world.chairs);
  await em.insertMany(Equipment, world.equipment.map((e) => ({ ...e, version: 1 })));
  await em.insertMany(MaintenanceRecord, world.maintenance);
  await em.insertMany(Certification, world.certifications);
  await em.insertMany(RemsEnrolment, world.remsEnrolments);
  return {
    clients: world.clients.length, sites: world.sites.length, chairs: world.chairs.length, equipment: world.equipment.length,
    certifications: world.certifications.length, weeklyHours: world.weeklyHours.length, hoursExceptions: world.hoursExceptions.length, remsEnrolments: world.remsEnrolments.length,
  };
};
