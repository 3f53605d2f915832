import { randomUUID } from 'node:crypto';
import { addDays, zonedTime } from '@infusion/demo-data';
import { deleteChairFixtures, insertChairFixtures, insertMaintenanceOrders, sqlRows, type ChairFixture } from '@infusion/testkit';
import { platform, seededWorld } from '../../support/platform';

/** A practice large enough to race on: one site with many chairs, nurses and patients with orders. */
export interface Practice extends ChairFixture {
  nurseIds: string[];
  patientIds: string[];
  orderIds: string[];
  timeZone: string;
}

/**
 * Writes a practice straight into the owners' tables (facilities through the testkit, staffing and
 * scheduling here): the graph has no mutation that creates chairs or staff.
 */
export async function insertPractice(size: number, name: string): Promise<Practice> {
  const url = platform().ownerDatabaseUrl;
  const [fixture] = await insertChairFixtures(url, { clients: 1, chairsPerClient: size, name });
  const { clientId, siteId } = fixture!;
  const nurseIds = Array.from({ length: size }, () => randomUUID());
  const patientIds = Array.from({ length: size }, () => randomUUID());
  const orderIds = Array.from({ length: size }, () => randomUUID());
  await sqlRows(
    url,
    `insert into staffing.staff_member (client_id, id, home_site_id, first_name, last_name, role, email)
     select $1, id, $2, 'Nurse', 'Racer ' || n, 'RN', 'racer' || n || '.' || $3 || '@example.test' from unnest($4::uuid[]) with ordinality as s (id, n)`,
    [clientId, siteId, clientId.slice(0, 8), nurseIds],
  );
  const product = seededWorld().products.find((p) => p.key === 'natalizumab')!;
  await insertMaintenanceOrders(url, { clientId, siteId, productId: product.id, patientIds, orderIds, label: 'RACE', name: 'Racer', referringProvider: 'Dr. Race' });
  const practice = { ...fixture!, nurseIds, patientIds, orderIds, timeZone: 'America/Chicago' };
  await satisfyBookingRules(practice, product.hcpcsCode!);
  return practice;
}

/** Days around today the practice's roster and authorizations cover. */
const ROSTER_DAYS = { from: -1, to: 60 };

/**
 * Makes every booking of the practice pass the booking rules, so tests about other things (races,
 * administration) are not refused for a rule: open around the clock every day, each nurse licensed
 * in the site's state with the drug's competency and on back-to-back 24-hour shifts, a physician
 * covering supervision likewise, and an ACTIVE prior authorization with units for every patient.
 */
async function satisfyBookingRules(practice: Practice, hcpcsCode: string): Promise<void> {
  const url = platform().ownerDatabaseUrl;
  const { clientId, siteId } = practice;
  const competency = seededWorld().products.find((p) => p.key === 'natalizumab')!.requiredCompetency!;
  const providerId = randomUUID();
  await sqlRows(
    url,
    `insert into facilities.site_weekly_hours (client_id, id, site_id, weekday, opens_at_minutes, closes_at_minutes)
     select $1, gen_random_uuid(), $2, d, 0, 1440 from generate_series(1, 7) d`,
    [clientId, siteId],
  );
  await sqlRows(
    url,
    `insert into staffing.staff_member (client_id, id, home_site_id, first_name, last_name, role, email, npi) values ($1, $2, $3, 'Sue', 'Pervisor', 'PHYSICIAN', $4, '1234567893')`,
    [clientId, providerId, siteId, `supervisor.${clientId.slice(0, 8)}@example.test`],
  );
  await sqlRows(
    url,
    `with nurses as (select unnest($2::uuid[]) as id)
     , licences as (insert into staffing.license (client_id, id, staff_member_id, state, number, type, expires_on)
         select $1, gen_random_uuid(), id, 'IL', 'RN' || substr(id::text, 1, 8), 'REGISTERED_NURSE', current_date + 800 from nurses)
     insert into staffing.competency (client_id, id, staff_member_id, kind, expires_on) select $1, gen_random_uuid(), id, $3, current_date + 800 from nurses`,
    [clientId, practice.nurseIds, competency],
  );
  const days = `generate_series(current_date + ${ROSTER_DAYS.from}, current_date + ${ROSTER_DAYS.to}, interval '1 day') as d`;
  await sqlRows(
    url,
    `insert into staffing.shift (client_id, id, site_id, staff_member_id, starts_at, ends_at, role)
     select $1, gen_random_uuid(), $2, n, d at time zone 'UTC', (d + interval '1 day') at time zone 'UTC', 'RN' from unnest($3::uuid[]) as n, ${days}`,
    [clientId, siteId, practice.nurseIds],
  );
  await sqlRows(
    url,
    `insert into staffing.supervision_coverage (client_id, id, site_id, provider_id, starts_at, ends_at)
     select $1, gen_random_uuid(), $2, $3, d at time zone 'UTC', (d + interval '1 day') at time zone 'UTC' from ${days}`,
    [clientId, siteId, providerId],
  );
  await sqlRows(
    url,
    `insert into billing.prior_authorization (client_id, id, patient_id, payer_id, site_id, authorization_number, hcpcs_code, approved_units, valid_from, valid_to, status)
     select $1, gen_random_uuid(), p, (select id from billing.payer order by payer_code limit 1), $2, 'PA-' || p::text, $3, 100000,
            current_date + ${ROSTER_DAYS.from}, current_date + ${ROSTER_DAYS.to}, 'ACTIVE'
     from unnest($4::uuid[]) as p`,
    [clientId, siteId, hcpcsCode, practice.patientIds],
  );
}

export async function deletePractice(practice: Practice): Promise<void> {
  const url = platform().ownerDatabaseUrl;
  await sqlRows(url, 'delete from scheduling.booking_override where client_id = $1', [practice.clientId]);
  await sqlRows(url, 'delete from scheduling.appointment where client_id = $1', [practice.clientId]);
  await sqlRows(url, 'delete from scheduling.therapy_order where client_id = $1', [practice.clientId]);
  await sqlRows(url, 'delete from scheduling.patient_weight where client_id = $1', [practice.clientId]);
  await sqlRows(url, 'delete from scheduling.patient where client_id = $1', [practice.clientId]);
  await sqlRows(url, 'delete from billing.prior_authorization where client_id = $1', [practice.clientId]);
  for (const table of ['shift', 'supervision_coverage', 'license', 'competency']) await sqlRows(url, `delete from staffing.${table} where client_id = $1`, [practice.clientId]);
  await sqlRows(url, 'delete from staffing.staff_member where client_id = $1', [practice.clientId]);
  await sqlRows(url, 'delete from facilities.site_weekly_hours where client_id = $1', [practice.clientId]);
  // Inventory dispenses from the practice's lots when its administrations complete: the ledger goes with them.
  await sqlRows(url, 'with movements as (delete from inventory.stock_movement where client_id = $1) delete from inventory.lot where client_id = $1', [practice.clientId]);
  await deleteChairFixtures(url, [practice]);
}

/** A slot `days` from the demo anchor at a local time, in the practice's zone. */
export function slot(practice: Practice, days: number, fromMinutes: number, toMinutes: number) {
  const day = addDays(seededWorld().anchorDate, days);
  return { startsAt: zonedTime(day, fromMinutes, practice.timeZone).toISOString(), endsAt: zonedTime(day, toMinutes, practice.timeZone).toISOString() };
}

/** A lot of `productId` at the practice's site; `patientId` makes it white-bagged for that patient. */
export async function insertLot(practice: Practice, productId: string, options: { expiresOn: string; patientId?: string }): Promise<string> {
  const id = randomUUID();
  await sqlRows(
    platform().ownerDatabaseUrl,
    `insert into inventory.lot (client_id, id, site_id, product_id, lot_number, expires_on, received_on, quantity_received, quantity_on_hand, acquisition, patient_id, unit_cost)
     values ($1, $2, $3, $4, $5, $6, $6::date - 400, 50, 50, $7, $8, 100)`,
    [practice.clientId, id, practice.siteId, productId, `L${id.slice(0, 8)}`, options.expiresOn, options.patientId ? 'WHITE_BAGGED' : 'BUY_AND_BILL', options.patientId ?? null],
  );
  return id;
}
