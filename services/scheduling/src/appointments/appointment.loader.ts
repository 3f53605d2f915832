import { checkTimeWindow, type RequestContext } from '@infusion/subgraph-kit';
import type DataLoader from 'dataloader';
import { Appointment } from './appointment.entity';

/** Columns an appointment list can hang off: its site, chair, nurse, patient or order. */
export type AppointmentParent = 'siteId' | 'chairId' | 'nurseId' | 'patientId' | 'orderId';

export interface TimeRange {
  from: Date;
  to: Date;
}

/** A schedule query's `[from, to)`: at most the kit's 366 days (a year of appointments is already a report). */
export const checkRange = (range: TimeRange): TimeRange => checkTimeWindow(range);

/**
 * Appointments per parent (site, chair, nurse…) starting within `[from, to)`, in time order.
 * One loader per parent column and range, so the day boards of any number of sites asked for in
 * one request cost one SELECT.
 */
export function appointmentsOf(ctx: RequestContext, parent: AppointmentParent, range?: TimeRange): DataLoader<string, Appointment[]> {
  const where = range ? { startsAt: { $gte: checkRange(range).from, $lt: range.to } } : {};
  const key = range ? `${range.from.toISOString()}/${range.to.toISOString()}` : 'all';
  return ctx.loaders.manyBy(Appointment, parent, { where, orderBy: { startsAt: 'asc', id: 'asc' }, key });
}
