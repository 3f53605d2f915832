import { AdministrationCompleted, onEvent } from '@infusion/events';
import { therapyClassOf } from '../fees/fee.rules';

/**
 * Scheduling completed an administration: add it to billing's treatment ledger and to the daily
 * rollup in one statement, so the two can never disagree. The payer is the patient's primary
 * coverage in billing on the service date.
 *
 * Idempotent on the administration, not only on the event: the kit already delivers each event's
 * effect once, and a second event for the same administration (a republish) inserts nothing and so
 * adds nothing to the rollup.
 */
export const onAdministrationCompleted = onEvent(AdministrationCompleted, async ({ em, event }) => {
  const p = event.payload;
  await em.execute(
    `with payer as (
       select payer_id from billing.coverage
        where client_id = ? and patient_id = ? and effective_from <= ?::date and (effective_to is null or effective_to >= ?::date)
        order by priority, effective_from desc
        limit 1
     ),
     added as (
       insert into billing.treatment (client_id, id, site_id, service_date, therapy_class, line_kind, indication_family, payer_id, patient_id, order_id, product_id, appointment_id, completed_at, event_id)
       values (?, ?, ?, ?::date, ?, ?, ?, (select payer_id from payer), ?, ?, ?, ?, ?::timestamptz, ?)
       on conflict (client_id, id) do nothing
       returning client_id, site_id, service_date, therapy_class
     )
     insert into billing.treatment_day (client_id, site_id, service_date, therapy_class, treatments)
     select client_id, site_id, service_date, therapy_class, 1 from added
     on conflict (client_id, site_id, service_date, therapy_class) do update set treatments = billing.treatment_day.treatments + excluded.treatments`,
    [
      event.clientId,
      p.patientId,
      p.serviceDate,
      p.serviceDate,
      event.clientId,
      p.administrationId,
      p.siteId,
      p.serviceDate,
      therapyClassOf(p.lineKind, p.indicationFamily),
      p.lineKind,
      p.indicationFamily,
      p.patientId,
      p.orderId,
      p.productId,
      p.appointmentId,
      p.completedAt,
      event.id,
    ],
  );
});
