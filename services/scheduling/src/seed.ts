import { randomUUID } from 'node:crypto';
import { REGIMENS, addDays, buildDemoWorld } from '@infusion/demo-data';
import { THERAPY_REGIMENS } from '@infusion/domain-codes';
import type { SeedFunction } from '@infusion/subgraph-kit';
import type { EntityClass, RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Administration } from './administrations/administration.entity';
import { Appointment } from './appointments/appointment.entity';
import { Order } from './orders/order.entity';
import { Patient } from './patients/patient.entity';
import { PatientWeight } from './patients/patient-weight.entity';

/** Rows per INSERT: large enough to be quick, small enough to stay under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 1000;

async function insertInChunks<T extends object>(em: EntityManager, entity: EntityClass<T>, rows: RequiredEntityData<T>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await em.insertMany(entity, rows.slice(i, i + CHUNK));
}

/** Writes this subgraph's part of the demo world, with the world's ids. */
export const seedScheduling: SeedFunction = async (em, { seed, anchorDate }) => {
  const world = buildDemoWorld(seed, anchorDate);
  await insertInChunks(em, Patient, world.patients);
  const patientSite = new Map(world.patients.map((p) => [p.id, p.siteId]));
  const patientWeight = new Map(world.patients.map((p) => [p.id, p.weightKg]));
  const appointmentSite = new Map(world.appointments.map((a) => [a.id, a.siteId]));
  // Each demo patient was weighed once, when their series started.
  await insertInChunks(em, PatientWeight, world.patients.map((p) => ({ id: randomUUID(), clientId: p.clientId, siteId: p.siteId, patientId: p.id, weightKg: p.weightKg, measuredOn: addDays(world.anchorDate, -90) })));
  await insertInChunks(
    em,
    Order,
    world.orders.map((o) => {
      const regimen = REGIMENS[o.regimen]!;
      // Demo series run in maintenance from their start, at the demo's compressed interval.
      return {
        ...o,
        siteId: patientSite.get(o.patientId)!,
        premedMinutes: regimen.premedMinutes,
        infusionMinutes: regimen.infusionMinutes,
        observationMinutes: regimen.observationMinutes,
        firstMaintenanceDay: 0,
        doseBasis: regimen.perKg ? ('PER_KG' as const) : ('FIXED' as const),
        dosePerKg: regimen.perKg ? regimen.dose : null,
        weightKgUsed: regimen.perKg ? patientWeight.get(o.patientId)! : null,
        indicationFamily: THERAPY_REGIMENS[regimen.plan].indicationFamily,
        lineKind: THERAPY_REGIMENS[regimen.plan].lineKind,
      };
    }),
  );
  await insertInChunks(em, Appointment, world.appointments);
  await insertInChunks(em, Administration, world.administrations.map((a) => ({ ...a, siteId: appointmentSite.get(a.appointmentId)! })));
  return {
    patients: world.patients.length,
    orders: world.orders.length,
    appointments: world.appointments.length,
    administrations: world.administrations.length,
  };
};
