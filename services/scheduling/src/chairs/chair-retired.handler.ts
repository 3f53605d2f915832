import { ChairRetired, onEvent } from '@infusion/events';
import { RetiredChair } from './retired-chair.entity';

/**
 * Facilities retired a chair: remember it, so `bookAppointment` refuses it. A plain insert on
 * purpose: the events kit delivers each event's effect once, and a second retirement of one
 * chair would be a bug worth seeing (it fails and shows in `failedEvents`).
 */
export const onChairRetired = onEvent(ChairRetired, async ({ em, event }) => {
  em.create(RetiredChair, {
    chairId: event.payload.chairId,
    clientId: event.clientId,
    siteId: event.payload.siteId,
    reason: event.payload.reason,
    retiredAt: new Date(event.payload.retiredAt),
    eventId: event.id,
  });
});
