import { randomUUID } from 'node:crypto';
import type { Principal } from '@infusion/subgraph-kit/auth';
import { sqlRows } from '@infusion/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callSubgraph } from '../../support/direct';
import { until } from '../events/kit-harness';
import { platform, seededWorld } from '../../support/platform';
import { type Practice, deletePractice, insertLot, insertPractice } from '../scheduling/fixtures';
import { asWriter, schedulingWriter } from '../scheduling/support';

/**
 * AdministrationCompleted reaches the stock: scheduling's real recordAdministration publishes it,
 * inventory's worker (in the platform's inventory process) takes the packages opened off the lot,
 * once, however often the event arrives.
 */

const BOOK = 'mutation($i: BookAppointmentInput!) { bookAppointment(input: $i) { id } }';
const ADVANCE = 'mutation($id: ID!, $s: VisitProgress!) { advanceAppointment(id: $id, status: $s) { id } }';
const RECORD = 'mutation($i: RecordAdministrationInput!) { recordAdministration(input: $i) { id administrations { id } } }';
const LOT = 'query($id: ID!) { lot(id: $id) { quantityOnHand movements { kind quantity administrationId } } }';

interface LotView {
  quantityOnHand: number;
  movements: { kind: string; quantity: number; administrationId: string | null }[];
}
interface Delivery {
  id: string;
  state: string;
  last_error: string | null;
  payload: Record<string, unknown>;
}

const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const owner = () => platform().ownerDatabaseUrl;

let practice: Practice;
let natalizumab: string;

const stockReader = (): Principal => ({
  kind: 'API_KEY',
  id: `test-stock-${practice.clientId}`,
  credentialId: null,
  name: 'test stock reader',
  role: null,
  clientIds: [practice.clientId],
  siteIds: null,
  scopes: ['inventory:read'],
});

async function ok<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const reply = await asWriter(schedulingWriter(practice.clientId), query, variables);
  if (reply.errors) throw new Error(JSON.stringify(reply.errors));
  return reply.data as T;
}

async function lotView(lotId: string): Promise<LotView> {
  const reply = (await callSubgraph('inventory', LOT, { id: lotId }, stockReader())) as { data?: { lot: LotView }; errors?: unknown };
  if (reply.errors) throw new Error(JSON.stringify(reply.errors));
  return reply.data!.lot;
}

type Line = { lotId: string; amountGiven: number; amountWasted: number; vialsOpened: number; lineKind?: string };

/** Visit `n` of the practice, begun an hour ago and seated, completed with one line drawn from `lotId`. */
async function administer(n: number, lotId: string, amounts: { amountGiven: number; amountWasted: number; vialsOpened: number }): Promise<string> {
  return (await administerLines(n, [{ lotId, ...amounts }]))[0]!;
}

/** The same with several drug lines; the administrations' ids in line order. */
async function administerLines(n: number, lines: Line[]): Promise<string[]> {
  const { bookAppointment } = await ok<{ bookAppointment: { id: string } }>(BOOK, {
    i: {
      clientId: practice.clientId, siteId: practice.siteId, chairId: practice.chairIds[n], nurseId: practice.nurseIds[n],
      patientId: practice.patientIds[n], orderId: practice.orderIds[n], startsAt: minutesFromNow(3), endsAt: minutesFromNow(150),
    },
  });
  // Test setup only: the visit began an hour ago, so the drug can have been given already.
  await sqlRows(owner(), `update scheduling.appointment set starts_at = now() - interval '60 minutes' where id = $1`, [bookAppointment.id]);
  await ok(ADVANCE, { id: bookAppointment.id, s: 'CHECKED_IN' });
  await ok(ADVANCE, { id: bookAppointment.id, s: 'IN_CHAIR' });
  const { recordAdministration } = await ok<{ recordAdministration: { administrations: { id: string }[] } }>(RECORD, {
    i: { appointmentId: bookAppointment.id, lines: lines.map((line) => ({ ...line, startedAt: minutesFromNow(-50), endedAt: minutesFromNow(-5) })) },
  });
  return recordAdministration.administrations.map((a) => a.id);
}

const deliveriesTo = (consumer: string, administrationId: string) =>
  sqlRows<Delivery>(
    owner(),
    `select id, state, last_error, payload from events.delivery where event_name = 'AdministrationCompleted' and consumer = $1 and client_id = $2 and aggregate_id = $3 order by seq`,
    [consumer, practice.clientId, administrationId],
  );

/** Waits until inventory has handled (or failed) every delivery of the administration. */
const settled = (administrationId: string) =>
  until(`inventory settled administration ${administrationId}`, async () => {
    const rows = await deliveriesTo('inventory', administrationId);
    return rows.length > 0 && rows.every((r) => r.state === 'HANDLED' || r.last_error !== null) && rows;
  }, 90_000);

/**
 * Publishes another AdministrationCompleted to inventory, as a republish would: a new event (new
 * id) for the same aggregate, with `payload`, queued like the kit queues one.
 */
async function republish(delivery: Delivery, payload: Record<string, unknown>): Promise<void> {
  await sqlRows(
    owner(),
    `with d as (
       insert into events.delivery (client_id, event_id, event_name, event_version, consumer, aggregate_type, aggregate_id, queue_name, payload, caused_by, max_attempts)
       select client_id, gen_random_uuid(), event_name, event_version, consumer, aggregate_type, $3, queue_name, $2::jsonb, caused_by, max_attempts
       from events.delivery where id = $1
       returning client_id, id, consumer, queue_name, max_attempts
     )
     select graphile_worker.add_job('deliver-to-' || d.consumer, json_build_object('clientId', d.client_id, 'deliveryId', d.id),
       queue_name := d.queue_name, run_at := clock_timestamp(), max_attempts := d.max_attempts, job_key := 'delivery:' || d.id) from d`,
    [delivery.id, JSON.stringify(payload), payload.administrationId],
  );
}

beforeAll(async () => {
  practice = await insertPractice(5, 'Dispense from stock');
  natalizumab = seededWorld().products.find((p) => p.key === 'natalizumab')!.id;
}, 120_000);

afterAll(async () => {
  if (!practice) return;
  // The refused deliveries would be retried for hours: their jobs go with them.
  await sqlRows(owner(), `delete from graphile_worker._private_jobs where key in (select 'delivery:' || id from events.delivery where client_id = $1)`, [practice.clientId]);
  await sqlRows(owner(), 'delete from events.delivery where client_id = $1', [practice.clientId]);
  await sqlRows(owner(), 'delete from billing.treatment_day where client_id = $1', [practice.clientId]);
  await sqlRows(owner(), 'delete from billing.treatment where client_id = $1', [practice.clientId]);
  await sqlRows(owner(), 'delete from scheduling.visit_record where client_id = $1', [practice.clientId]);
  await sqlRows(owner(), 'delete from scheduling.administration where client_id = $1', [practice.clientId]);
  await deletePractice(practice);
});

describe('inventory consumes AdministrationCompleted', { timeout: 120_000 }, () => {
  it('takes the packages opened (given plus wasted over the package amount, rounded up) off the lot, once; a republished event moves nothing more', async () => {
    const lotId = await insertLot(practice, natalizumab, { expiresOn: '2030-01-01' });
    expect((await lotView(lotId)).quantityOnHand).toBe(50);
    // Tysabri comes in 300 mg vials: 450 mg given and 100 mg wasted opened two.
    const administrationId = await administer(0, lotId, { amountGiven: 450, amountWasted: 100, vialsOpened: 2 });

    const [delivery] = await settled(administrationId);
    expect(delivery).toMatchObject({ state: 'HANDLED', last_error: null });
    expect(delivery!.payload.lots).toEqual([{ lotId, amountGiven: 450, amountWasted: 100, unit: 'MG' }]);
    const after = await lotView(lotId);
    expect(after.quantityOnHand).toBe(48);
    expect(after.movements.filter((m) => m.kind === 'DISPENSE')).toEqual([{ kind: 'DISPENSE', quantity: -2, administrationId }]);

    // A second event for the same administration (a republish) is handled and changes nothing.
    await republish(delivery!, delivery!.payload);
    const again = await settled(administrationId);
    expect(again.map((d) => d.state)).toEqual(['HANDLED', 'HANDLED']);
    expect(await lotView(lotId)).toEqual(after);
  });

  it('takes a hydration bag of another product than the order’s off its lot too, in that product’s unit', async () => {
    const saline = seededWorld().products.find((p) => p.key === 'saline-250')!.id;
    const drugLot = await insertLot(practice, natalizumab, { expiresOn: '2030-01-01' });
    const bagLot = await insertLot(practice, saline, { expiresOn: '2030-01-01' });
    const administrations = await administerLines(4, [
      { lotId: drugLot, amountGiven: 300, amountWasted: 0, vialsOpened: 1 },
      { lotId: bagLot, amountGiven: 250, amountWasted: 0, vialsOpened: 1, lineKind: 'HYDRATION' },
    ]);
    const deliveries = (await Promise.all(administrations.map((id) => settled(id)))).flat();
    expect(deliveries.map((d) => d.state)).toEqual(['HANDLED', 'HANDLED']);
    expect(deliveries.map((d) => d.payload.lots)).toContainEqual([{ lotId: bagLot, amountGiven: 250, amountWasted: 0, unit: 'ML' }]);
    expect((await lotView(bagLot)).quantityOnHand).toBe(49);
    expect((await lotView(drugLot)).quantityOnHand).toBe(49);
  });

  it('moves nothing for an event published before the payload carried lots', async () => {
    const lotId = await insertLot(practice, natalizumab, { expiresOn: '2030-01-01' });
    const administrationId = await administer(1, lotId, { amountGiven: 300, amountWasted: 0, vialsOpened: 1 });
    const [delivery] = await settled(administrationId);
    const before = await lotView(lotId);
    expect(before.quantityOnHand).toBe(49);

    // The same administration's facts as an older publisher sent them: no `lots`, a new administration.
    const { lots: _lots, ...older } = delivery!.payload;
    const olderId = randomUUID();
    await republish(delivery!, { ...older, administrationId: olderId });
    const [handled] = await settled(olderId);
    expect(handled).toMatchObject({ state: 'HANDLED', last_error: null });
    expect(await lotView(lotId)).toEqual(before);
  });

  it('refuses to take stock below zero: the delivery fails with the reason, the lot is not moved; billing still counts the dose', async () => {
    const lotId = await insertLot(practice, natalizumab, { expiresOn: '2030-01-01' });
    await sqlRows(owner(), 'update inventory.lot set quantity_on_hand = 1 where id = $1', [lotId]);
    const administrationId = await administer(2, lotId, { amountGiven: 600, amountWasted: 0, vialsOpened: 2 });

    const [delivery] = await settled(administrationId);
    // A wrong shelf count gets corrected: the delivery keeps retrying rather than dying.
    expect(delivery!.state).toBe('RETRYING');
    expect(delivery!.last_error).toContain('has 1 packages on hand but administration');
    expect(await lotView(lotId)).toEqual({ quantityOnHand: 1, movements: [] });
    await until('billing handled the dose', async () => {
      const rows = await deliveriesTo('billing', administrationId);
      return rows.length === 1 && rows[0]!.state === 'HANDLED';
    });
  });

  it('refuses a lot of another client or another site named in the event, moving nothing', async () => {
    const lotId = await insertLot(practice, natalizumab, { expiresOn: '2030-01-01' });
    const administrationId = await administer(3, lotId, { amountGiven: 300, amountWasted: 0, vialsOpened: 1 });
    const [delivery] = await settled(administrationId);
    const before = await lotView(lotId);

    // A lot of another client (the demo world's), and this client's lot named for another site.
    const [foreign] = await sqlRows<{ id: string; quantity_on_hand: number }>(owner(), 'select id, quantity_on_hand from inventory.lot where client_id <> $1 and quantity_on_hand > 0 limit 1', [practice.clientId]);
    const cases = [
      { lotId: foreign!.id, siteId: delivery!.payload.siteId, error: 'is not held by the administration' },
      { lotId, siteId: seededWorld().sites[0]!.id, error: 'is held at another site' },
    ];
    for (const c of cases) {
      const id = randomUUID();
      await republish(delivery!, { ...delivery!.payload, administrationId: id, siteId: c.siteId, lots: [{ lotId: c.lotId, amountGiven: 300, amountWasted: 0, unit: 'MG' }] });
      const [refused] = await settled(id);
      // No retry can make another client's or site's lot right: dead-lettered on the first attempt.
      expect(refused!.state).toBe('DEAD');
      expect(refused!.last_error).toContain(c.error);
    }
    expect(await lotView(lotId)).toEqual(before);
    const [foreignAfter] = await sqlRows<{ quantity_on_hand: number }>(owner(), 'select quantity_on_hand from inventory.lot where id = $1', [foreign!.id]);
    expect(foreignAfter!.quantity_on_hand).toBe(foreign!.quantity_on_hand);
  });
});
