import { z } from 'zod';
import { defineEvent, type EventDefinition } from './event';

/**
 * Every event one subgraph publishes for others, with who consumes it. Subgraphs never import
 * each other, so the contract between them lives here: the producer publishes the definition,
 * each consumer registers a handler for it, and a subgraph refuses to start when a handler is
 * missing for an event that names it as a consumer (or a handler exists for one that does not).
 */

/** Facilities took a chair out of service for good; scheduling stops booking it. */
export const ChairRetired = defineEvent({
  name: 'ChairRetired',
  version: 1,
  description: 'A chair was taken out of service for good; it can no longer be booked.',
  producer: 'facilities',
  consumers: ['scheduling'],
  aggregate: 'Chair',
  payload: z.object({
    chairId: z.uuid(),
    siteId: z.uuid(),
    reason: z.string().min(1).max(500),
    retiredAt: z.iso.datetime({ offset: true }),
  }),
  aggregateId: (payload) => payload.chairId,
});

const localDate = z.iso.date();
const instant = z.iso.datetime({ offset: true });

/**
 * Facilities changed a site's weekly hours or a dated exception (holiday, short day). Consumers that
 * keep bookings inside opening hours re-check the affected dates. (No consumer yet: scheduling asks
 * facilities for hours through the graph when it books.)
 */
export const SiteHoursChanged = defineEvent({
  name: 'SiteHoursChanged',
  version: 1,
  description: "A site's weekly opening hours or a dated exception changed.",
  producer: 'facilities',
  consumers: [],
  aggregate: 'Site',
  payload: z.object({
    siteId: z.uuid(),
    /** First local date whose hours differ; null when the weekly pattern changed from now on. */
    fromDate: localDate.nullable(),
    toDate: localDate.nullable(),
  }),
  aggregateId: (payload) => payload.siteId,
});

/** Staffing created, moved or removed a shift: coverage and nurse assignments may need a look. */
export const ShiftChanged = defineEvent({
  name: 'ShiftChanged',
  version: 1,
  description: 'A shift was created, changed or removed.',
  producer: 'staffing',
  consumers: [],
  aggregate: 'Shift',
  payload: z.object({
    shiftId: z.uuid(),
    staffMemberId: z.uuid(),
    siteId: z.uuid(),
    change: z.enum(['CREATED', 'UPDATED', 'REMOVED']),
    startsAt: instant,
    endsAt: instant,
  }),
  aggregateId: (payload) => payload.shiftId,
});

/**
 * A dose was given: the fact billing's treatment ledger (and so management fees) counts. The
 * service date is the site's local date, so a late-evening dose counts on the day it was given.
 * The indication family and line kind are the order's, which claim coding and fee classes need.
 * Inventory takes the packages opened off the lots used.
 */
export const AdministrationCompleted = defineEvent({
  name: 'AdministrationCompleted',
  version: 1,
  description: 'An administration (a dose given in a chair) was completed.',
  producer: 'scheduling',
  consumers: ['billing', 'inventory'],
  aggregate: 'Administration',
  payload: z.object({
    administrationId: z.uuid(),
    appointmentId: z.uuid(),
    orderId: z.uuid(),
    patientId: z.uuid(),
    siteId: z.uuid(),
    productId: z.uuid(),
    serviceDate: localDate,
    completedAt: instant,
    indicationFamily: z.enum(['ONCOLOGY', 'NON_ONCOLOGY']),
    lineKind: z.enum(['THERAPEUTIC', 'HYDRATION', 'CHEMOTHERAPY', 'PUSH']),
    /**
     * The lots the drug line was drawn from, with the amounts the nurse recorded, for inventory's
     * stock. Optional, so the v1 events published before it was added (still queued, or replayed
     * from the dead letters) parse unchanged: additive, no new version. `unit` is the unit the
     * amounts were recorded in, null when the record does not say (inventory then refuses to guess).
     */
    lots: z
      .array(
        z.object({
          lotId: z.uuid(),
          amountGiven: z.number().positive(),
          amountWasted: z.number().nonnegative(),
          unit: z.enum(['MG', 'ML', 'EACH']).nullable(),
        }),
      )
      .max(100)
      .optional(),
  }),
  aggregateId: (payload) => payload.administrationId,
});

/** A visit was cancelled before it happened: its chair, nurse and any drug set aside are free again. */
export const AppointmentCancelled = defineEvent({
  name: 'AppointmentCancelled',
  version: 1,
  description: 'A visit was cancelled before it took place.',
  producer: 'scheduling',
  consumers: [],
  aggregate: 'Appointment',
  payload: z.object({
    appointmentId: z.uuid(),
    orderId: z.uuid(),
    patientId: z.uuid(),
    siteId: z.uuid(),
    startsAt: instant,
    reason: z.string().min(1).max(2000),
    cancelledAt: instant,
  }),
  aggregateId: (payload) => payload.appointmentId,
});

/** The patient did not come: the dose is missed (the series may be regenerated), the slot was lost. */
export const AppointmentMissed = defineEvent({
  name: 'AppointmentMissed',
  version: 1,
  description: 'A patient did not come to a visit (no-show).',
  producer: 'scheduling',
  consumers: [],
  aggregate: 'Appointment',
  payload: z.object({
    appointmentId: z.uuid(),
    orderId: z.uuid(),
    patientId: z.uuid(),
    siteId: z.uuid(),
    startsAt: instant,
    recordedAt: instant,
  }),
  aggregateId: (payload) => payload.appointmentId,
});

export const EVENT_CATALOGUE: readonly EventDefinition<unknown>[] = [
  ChairRetired,
  SiteHoursChanged,
  ShiftChanged,
  AdministrationCompleted,
  AppointmentCancelled,
  AppointmentMissed,
];
