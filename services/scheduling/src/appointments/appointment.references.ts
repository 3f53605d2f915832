import type { RequestContext } from '@infusion/subgraph-kit';
import { Order } from '../orders/order.entity';
import { Patient } from '../patients/patient.entity';
import type { BookingIds, BookingReferences } from './appointment.rules';

type Found<K extends keyof BookingReferences> = NonNullable<BookingReferences[K]>;

/**
 * Reads what a booking names, each from its owner and as the caller: the site and chair from
 * facilities in one call, the nurse from staffing, the patient and order from our own tables —
 * all at once, so verification costs one round trip to the slowest owner.
 */
export async function findBookingReferences(ctx: RequestContext, ids: BookingIds): Promise<BookingReferences> {
  const [facilities, staffing, patient, order] = await Promise.all([
    ctx.graph.lookup<{ Site: Found<'site'>; Chair: Found<'chair'> }>('facilities', {
      Site: { ids: [ids.siteId], selection: 'clientId chairsPerNurse' },
      Chair: { ids: [ids.chairId], selection: 'clientId siteId active' },
    }),
    ctx.graph.lookup<{ StaffMember: Found<'nurse'> }>('staffing', {
      StaffMember: { ids: [ids.nurseId], selection: 'clientId role active' },
    }),
    ctx.loaders.byId(Patient).load(ids.patientId),
    ctx.loaders.byId(Order).load(ids.orderId),
  ]);
  return {
    site: facilities.Site.get(ids.siteId),
    chair: facilities.Chair.get(ids.chairId),
    nurse: staffing.StaffMember.get(ids.nurseId),
    patient,
    order,
  };
}
