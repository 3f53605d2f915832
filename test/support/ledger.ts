import { sqlRows } from '@infusion/testkit';
import { platform } from './platform';

/**
 * Non-oncology billable treatments straight into billing's ledger and its daily rollup, as the
 * AdministrationCompleted handler writes them (the monthly rollup follows by trigger): a month of
 * activity without booking and giving hundreds of doses.
 */
export async function insertBillableTreatments(options: { clientId: string; siteId: string; serviceDate: string; count: number }): Promise<void> {
  await sqlRows(
    platform().ownerDatabaseUrl,
    `with added as (
       insert into billing.treatment (client_id, id, site_id, service_date, therapy_class, line_kind, indication_family, patient_id, order_id, product_id, appointment_id, completed_at, event_id)
       select $1, gen_random_uuid(), $2, $3::date, 'NON_ONCOLOGY', 'THERAPEUTIC', 'NON_ONCOLOGY', gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), $3::date + make_interval(mins => n), gen_random_uuid()
         from generate_series(1, $4) n
       returning client_id, site_id, service_date, therapy_class
     )
     insert into billing.treatment_day (client_id, site_id, service_date, therapy_class, treatments)
     select client_id, site_id, service_date, therapy_class, count(*) from added group by 1, 2, 3, 4
     on conflict (client_id, site_id, service_date, therapy_class) do update set treatments = billing.treatment_day.treatments + excluded.treatments`,
    [options.clientId, options.siteId, options.serviceDate, options.count],
  );
}
