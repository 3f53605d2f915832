import { buildDemoWorld } from '@infusion/demo-data';
import type { SeedFunction } from '@infusion/subgraph-kit';
import type { EntityClass, RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Administration } from './administrations/administration.entity';
import { Appointment } from './appointments/appointment.entity';
import { Order } from './orders/order.entity';
import { Patient } from './patients/patient.entity';

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
  const appointmentSite = new Map(world.appointments.map((a) => [a.id, a.siteId]));
  await insertInChunks(em, Order, world.orders.map((o) => ({ ...o, siteId: patientSite.get(o.patientId)! })));
  await insertInChunks(em, Appointment, world.appointments);
  await insertInChunks(em, Administration, world.administrations.map((a) => ({ ...a, siteId: appointmentSite.get(a.appointmentId)! })));
  return {
    patients: world.patients.length,
    orders: world.orders.length,
    appointments: world.appointments.length,
    administrations: world.administrations.length,
  };
};
