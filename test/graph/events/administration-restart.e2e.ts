import { randomUUID } from 'node:crypto';
import type { Principal } from '@infusion/subgraph-kit/auth';
import { insertChairFixtures, sqlRows as sql, type ChairFixture } from '@infusion/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callSubgraph } from '../../support/direct';
import { platform, seededWorld } from '../../support/platform';
import { IsolatedStack, } from './isolated-stack';
import { until } from './kit-harness';

/*
 * Scheduling's real recordAdministration publishes AdministrationCompleted; billing, its consumer,
 * is killed (-9) after its handler committed and before the queue heard, then restarted. Like
 * crash.e2e.ts, on a database of its own with processes of its own (the platform's billing would
 * otherwise take the delivery): facilities and inventory answer scheduling's lookups.
 */

const stack = new IsolatedStack('events-restart');
const ownerUrl = () => stack.ownerUrl();

const nurse: Principal = {
  kind: 'OPS_USER',
  id: 'restart-test',
  credentialId: null,
  name: 'restart test',
  role: 'OPERATIONS',
  clientIds: null,
  siteIds: null,
  scopes: ['scheduling:read', 'scheduling:write'],
};

const RECORD = 'mutation($i: RecordAdministrationInput!) { recordAdministration(input: $i) { id status administrations { id } } }';
const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

let fixture: ChairFixture;
let appointmentId: string;
let lotId: string;

/** A seated natalizumab visit (begun an hour ago) and a lot of the drug at the site, written straight into the owners' tables. */
async function seatedVisit(): Promise<void> {
  const product = seededWorld().products.find((p) => p.key === 'natalizumab')!;
  const [row] = await sql<{ row: unknown }>(platform().ownerDatabaseUrl, 'select to_jsonb(p) as row from inventory.product p where id = $1', [product.id]);
  await sql(ownerUrl(), 'insert into inventory.product select * from jsonb_populate_record(null::inventory.product, $1)', [row!.row]);
  const { clientId, siteId, chairIds } = fixture;
  lotId = randomUUID();
  await sql(
    ownerUrl(),
    `insert into inventory.lot (client_id, id, site_id, product_id, lot_number, expires_on, received_on, quantity_received, quantity_on_hand, acquisition, patient_id, unit_cost)
     values ($1, $2, $3, $4, 'LRESTART', '2030-01-01', current_date - 30, 10, 10, 'BUY_AND_BILL', null, 100)`,
    [clientId, lotId, siteId, product.id],
  );
  const [patientId, orderId, nurseId] = [randomUUID(), randomUUID(), randomUUID()];
  appointmentId = randomUUID();
  await sql(
    ownerUrl(),
    `insert into scheduling.patient (client_id, id, site_id, mrn, first_name, last_name, date_of_birth, sex, weight_kg)
     values ($1, $2, $3, 'RESTART-1', 'Pat', 'Restart', date '1970-01-01', 'F', 70)`,
    [clientId, patientId, siteId],
  );
  await sql(
    ownerUrl(),
    `insert into scheduling.therapy_order (client_id, id, patient_id, site_id, product_id, referring_provider_name, referring_provider_npi, regimen,
       dose_amount, dose_unit, interval_weeks, first_maintenance_day, doses_planned, diagnosis_code, indication, chair_minutes, infusion_minutes, observation_minutes, starts_on)
     values ($1, $2, $3, $4, $5, 'Dr. Restart', '1234567893', 'natalizumabMS', 300, 'MG', 4, 0, 13, 'G35', 'Multiple sclerosis', 120, 60, 60, current_date)`,
    [clientId, orderId, patientId, siteId, product.id],
  );
  await sql(
    ownerUrl(),
    `insert into scheduling.appointment (client_id, id, site_id, chair_id, nurse_id, patient_id, order_id, starts_at, ends_at, status)
     values ($1, $2, $3, $4, $5, $6, $7, now() - interval '60 minutes', now() + interval '60 minutes', 'IN_CHAIR')`,
    [clientId, appointmentId, siteId, chairIds[0], nurseId, patientId, orderId],
  );
}

beforeAll(async () => {
  const subgraphs = ['facilities', 'inventory', 'scheduling', 'billing'];
  await stack.create(subgraphs);
  for (const name of subgraphs) await stack.urlOfSubgraph(name);
  [fixture] = await insertChairFixtures(ownerUrl(), { clients: 1, chairsPerClient: 1, name: 'Restart test client' });
  await seatedVisit();
  for (const name of ['facilities', 'inventory', 'scheduling']) await stack.start(name);
}, 180_000);

afterAll(() => stack.remove());

const ledger = async () =>
  (
    await sql<{ treatments: number; rollup: number }>(
      ownerUrl(),
      `select (select count(*)::int from billing.treatment where appointment_id = $1) as treatments,
              (select coalesce(sum(treatments), 0)::int from billing.treatment_day where client_id = $2) as rollup`,
      [appointmentId, fixture.clientId],
    )
  )[0]!;
const deliveries = () =>
  sql<{ id: string; state: string }>(ownerUrl(), "select id, state from events.delivery where event_name = 'AdministrationCompleted' and consumer = 'billing' and client_id = $1", [fixture.clientId]);
const jobOf = async (deliveryId: string) =>
  (await sql<{ locked_by: string | null }>(ownerUrl(), 'select locked_by from graphile_worker.jobs where key = $1', [`delivery:${deliveryId}`]))[0];

describe('a completed administration across a billing restart', () => {
  it('reaches billing exactly once: one treatment in the ledger and one in the daily rollup, though billing died before acknowledging', async () => {
    const crashing = await stack.start('billing', { INFUSION_EVENTS_TEST_CRASH_AFTER_HANDLING: '1' });
    const died = new Promise<NodeJS.Signals | null>((resolve) => crashing.process.child.once('exit', (_code, signal) => resolve(signal)));

    const reply = await callSubgraph(
      'scheduling',
      RECORD,
      {
        i: {
          appointmentId,
          lines: [{ lotId, amountGiven: 300, amountWasted: 0, vialsOpened: 1, startedAt: minutesFromNow(-50), endedAt: minutesFromNow(-5), ivSite: 'left forearm' }],
        },
      },
      nurse,
      { key: stack.signingKey, url: await stack.urlOfSubgraph('scheduling') },
    );
    expect(reply.errors).toBeUndefined();
    expect((reply.data as { recordAdministration: { status: string } }).recordAdministration.status).toBe('COMPLETED');
    expect(await died).toBe('SIGKILL');

    // Handled and committed, never acknowledged: the job is still there, locked by the dead worker.
    const [delivery, ...more] = await deliveries();
    expect(more).toEqual([]);
    expect(delivery!.state).toBe('HANDLED');
    expect(await ledger()).toEqual({ treatments: 1, rollup: 1 });
    expect((await jobOf(delivery!.id))?.locked_by).toBeTruthy();

    const restarted = await stack.start('billing');
    try {
      await until('the restarted billing took the dead worker’s job and acknowledged it', async () => (await jobOf(delivery!.id)) === undefined, 90_000);
      expect(await deliveries()).toEqual([{ id: delivery!.id, state: 'HANDLED' }]);
      expect(await ledger()).toEqual({ treatments: 1, rollup: 1 });
      expect(await stack.metric(restarted, 'events_duplicates_skipped_total')).toBe(1);
      expect(await stack.metric(restarted, 'events_handled_total')).toBe(0);
    } finally {
      await restarted.process.stop();
    }
  }, 240_000);
});
