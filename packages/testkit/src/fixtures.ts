import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** Runs one SQL statement (or a script, without parameters) on its own connection; returns the rows. */
export async function sqlRows<T extends pg.QueryResultRow>(databaseUrl: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

export interface ChairFixture {
  clientId: string;
  siteId: string;
  chairIds: string[];
}

/**
 * Clients with one office site and `chairsPerClient` chairs each, written straight into the
 * facilities tables as the owner role: for load tests and benchmarks that need more clients and
 * chairs than the demo world has (quicker than creating them through the graph).
 */
export async function insertChairFixtures(ownerUrl: string, options: { clients: number; chairsPerClient: number; name: string }): Promise<ChairFixture[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('begin');
    const fixtures: ChairFixture[] = [];
    for (let c = 0; c < options.clients; c++) {
      const clientId = randomUUID();
      const siteId = randomUUID();
      await client.query(`insert into facilities.client (id, name, legal_name, kind, specialty, state) values ($1, $2, $2, 'PHYSICIAN_PRACTICE', 'Oncology', 'IL')`, [
        clientId,
        `${options.name} ${c + 1} (${clientId.slice(0, 8)})`,
      ]);
      await client.query(
        `insert into facilities.site (client_id, id, name, kind, place_of_service, claim_form, supervision, time_zone, street, city, state, postal_code)
         values ($1, $2, 'Main office', 'OFFICE', '11', 'PROFESSIONAL', 'DIRECT', 'America/Chicago', '1 Test Way', 'Chicago', 'IL', '60601')`,
        [clientId, siteId],
      );
      const chairIds = Array.from({ length: options.chairsPerClient }, () => randomUUID());
      await client.query(
        `insert into facilities.chair (client_id, id, site_id, label) select $1, id, $2, 'Chair ' || n from unnest($3::uuid[]) with ordinality as c (id, n)`,
        [clientId, siteId, chairIds],
      );
      fixtures.push({ clientId, siteId, chairIds });
    }
    await client.query('commit');
    return fixtures;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    await client.end();
  }
}

/** Removes what `insertChairFixtures` wrote, so tests sharing one platform find the demo world alone. */
export async function deleteChairFixtures(ownerUrl: string, fixtures: ChairFixture[]): Promise<void> {
  const clientIds = fixtures.map((f) => f.clientId);
  if (!clientIds.length) return;
  await sqlRows(
    ownerUrl,
    `with chairs as (delete from facilities.chair where client_id = any($1::uuid[])),
          sites as (delete from facilities.site where client_id = any($1::uuid[]))
     select 1`,
    [clientIds],
  );
  await sqlRows(ownerUrl, 'delete from facilities.client where id = any($1::uuid[])', [clientIds]);
}

/**
 * Patients with one natalizumab maintenance order each (every 4 weeks, 120 chair minutes),
 * written straight into scheduling's tables as the owner role: many bookable orders at once for
 * races and benchmarks. `label` names them (MRN `<label>-n`, last name `<name> n`).
 */
export async function insertMaintenanceOrders(
  ownerUrl: string,
  options: { clientId: string; siteId: string; productId: string; patientIds: string[]; orderIds: string[]; label: string; name: string; referringProvider: string },
): Promise<void> {
  const { clientId, siteId, productId, patientIds, orderIds } = options;
  await sqlRows(
    ownerUrl,
    `insert into scheduling.patient (client_id, id, site_id, mrn, first_name, last_name, date_of_birth, sex, weight_kg)
     select $1, id, $2, $4 || '-' || n, 'Pat', $5 || ' ' || n, date '1970-01-01', 'F', 70 from unnest($3::uuid[]) with ordinality as p (id, n)`,
    [clientId, siteId, patientIds, options.label, options.name],
  );
  await sqlRows(
    ownerUrl,
    `insert into scheduling.therapy_order (client_id, id, patient_id, site_id, product_id, referring_provider_name, referring_provider_npi, regimen,
       dose_amount, dose_unit, interval_weeks, first_maintenance_day, doses_planned, diagnosis_code, indication, chair_minutes, infusion_minutes, observation_minutes, starts_on)
     select $1, x.order_id, x.patient_id, $2, $3, $6, '1234567893', 'natalizumabMS', 300, 'MG', 4, 0, 13, 'G35', 'Multiple sclerosis', 120, 60, 60, current_date
     from unnest($4::uuid[], $5::uuid[]) as x (order_id, patient_id)`,
    [clientId, siteId, productId, orderIds, patientIds, options.referringProvider],
  );
}
