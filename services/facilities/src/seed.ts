import { buildDemoWorld } from '@infusion/demo-data';
import { SITE_KIND_DEFAULTS } from '@infusion/domain-codes';
import type { SeedFunction } from '@infusion/subgraph-kit';
import { Client } from './clients/client.entity';
import { Certification } from './sites/certification.entity';
import { Chair } from './sites/chair.entity';
import { Equipment } from './sites/equipment.entity';
import { Site } from './sites/site.entity';

/** Writes this subgraph's part of the demo world. */
export const seedFacilities: SeedFunction = async (em, { seed, anchorDate }) => {
  const world = buildDemoWorld(seed, anchorDate);
  await em.insertMany(Client, world.clients.map((c) => ({ id: c.id, name: c.name, kind: c.kind, specialty: c.specialty, state: c.state, taxId: c.taxId })));
  await em.insertMany(
    Site,
    world.sites.map(({ id, clientId, name, kind, placeOfService, timeZone, street, city, state, postalCode, opensAtMinutes, closesAtMinutes, chairsPerNurse }) => ({
      id, clientId, name, kind, placeOfService, timeZone, street, city, state, postalCode, opensAtMinutes, closesAtMinutes, chairsPerNurse,
      claimForm: SITE_KIND_DEFAULTS[kind].claimForm,
      supervision: SITE_KIND_DEFAULTS[kind].supervision,
    })),
  );
  await em.insertMany(Chair, world.chairs);
  await em.insertMany(Equipment, world.equipment);
  await em.insertMany(Certification, world.certifications);
  return { clients: world.clients.length, sites: world.sites.length, chairs: world.chairs.length, equipment: world.equipment.length, certifications: world.certifications.length };
};
