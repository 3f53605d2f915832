import { randomUUID } from 'node:crypto';
import { AdministrationCompleted, publish } from '@infusion/events';
import type { MikroORM } from '@infusion/subgraph-kit';
import { graphql, graphqlOk } from '@infusion/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '@infusion/subgraph-kit/auth';
import { bearer, signInAs } from '../../support/auth';
import { callSubgraph } from '../../support/direct';
import { platform, seededWorld } from '../../support/platform';
import { asRequest, createScratchSchema, dropScratchSchema, openAppOrm, ownerQuery, until } from '../events/kit-harness';

/*
 * Billing's volume ledger through the real event path: this test publishes AdministrationCompleted
 * as scheduling would (in a transaction, through the events kit), the billing process's worker
 * consumes it, and the treatment ledger and its daily rollup change together. Collections are
 * posted and imported through the gateway.
 */

let orm: MikroORM;
beforeAll(async () => {
  await createScratchSchema();
  orm = await openAppOrm();
});
afterAll(async () => {
  await orm?.close(true);
  await dropScratchSchema();
});

const codes = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => (r.errors ?? []).map((e) => e.extensions?.code);
const finance = async () => bearer(await signInAs('finance@infusiongraph.test'));
const writerOf = (clientId: string): Principal => ({
  kind: 'OPS_USER',
  id: `fees-writer-${randomUUID()}`,
  credentialId: null,
  name: 'fees writer',
  role: 'FINANCE',
  clientIds: [clientId],
  siteIds: null,
  scopes: ['billing:read', 'billing:write', 'fees:read'],
});

/** A demo patient with an order, at their site; a service date no other test uses. */
function administration(lineKind: 'THERAPEUTIC' | 'HYDRATION' | 'CHEMOTHERAPY' | 'PUSH', indicationFamily: 'ONCOLOGY' | 'NON_ONCOLOGY', year = 2025) {
  const world = seededWorld();
  const order = world.orders[3]!;
  const patient = world.patients.find((p) => p.id === order.patientId)!;
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  return {
    clientId: patient.clientId,
    payload: {
      administrationId: randomUUID(),
      appointmentId: randomUUID(),
      orderId: order.id,
      patientId: patient.id,
      siteId: patient.siteId,
      productId: order.productId,
      serviceDate: `${year}-0${1 + Math.floor(Math.random() * 9)}-${day}`,
      completedAt: new Date().toISOString(),
      indicationFamily,
      lineKind,
    },
  };
}

async function publishCompleted(clientId: string, payload: ReturnType<typeof administration>['payload']): Promise<string> {
  return asRequest(orm, { clientIds: [clientId], siteIds: null }, (ctx) => publish(ctx, AdministrationCompleted, clientId, payload));
}

const handled = (eventId: string) =>
  until(`billing handled ${eventId}`, async () => (await ownerQuery<{ state: string }>("select state from events.delivery where event_id = $1 and consumer = 'billing' and state = 'HANDLED'", [eventId]))[0]);

const ledgerRows = (administrationId: string) =>
  ownerQuery<{ therapy_class: string; payer_id: string | null; service_date: string }>("select therapy_class, payer_id, to_char(service_date, 'YYYY-MM-DD') as service_date from billing.treatment where id = $1", [administrationId]);

async function dayCounts(p: { siteId: string; serviceDate: string }, therapyClass: string) {
  const [rollup] = await ownerQuery<{ treatments: number }>('select treatments from billing.treatment_day where site_id = $1 and service_date = $2 and therapy_class = $3', [p.siteId, p.serviceDate, therapyClass]);
  const [ledger] = await ownerQuery<{ n: string }>('select count(*) as n from billing.treatment where site_id = $1 and service_date = $2 and therapy_class = $3', [p.siteId, p.serviceDate, therapyClass]);
  return { rollup: rollup?.treatments ?? 0, ledger: Number(ledger!.n) };
}

describe('the treatment ledger fed by AdministrationCompleted', () => {
  it('records a completed administration with its fee class and payer, and counts it in the day’s rollup', async () => {
    const { clientId, payload } = administration('CHEMOTHERAPY', 'ONCOLOGY');
    const before = await dayCounts(payload, 'ONCOLOGY');
    await handled(await publishCompleted(clientId, payload));

    const [coverage] = await ownerQuery<{ payer_id: string }>('select payer_id from billing.coverage where patient_id = $1 and priority = 1', [payload.patientId]);
    expect(coverage).toBeDefined();
    expect(await ledgerRows(payload.administrationId)).toEqual([{ therapy_class: 'ONCOLOGY', payer_id: coverage!.payer_id, service_date: payload.serviceDate }]);
    const after = await dayCounts(payload, 'ONCOLOGY');
    expect(after.rollup).toBe(before.rollup + 1);
    expect(after.rollup).toBe(after.ledger);
  });

  it('counts hydration as its own class whatever the indication, with no payer before the patient’s coverage began', async () => {
    // Demo coverages begin on 1 January of the year before the anchor date.
    const { clientId, payload } = administration('HYDRATION', 'ONCOLOGY', 2023);
    await handled(await publishCompleted(clientId, payload));
    expect(await ledgerRows(payload.administrationId)).toEqual([{ therapy_class: 'HYDRATION', payer_id: null, service_date: payload.serviceDate }]);
  });

  it('changes nothing when the same administration arrives again in another event', async () => {
    const { clientId, payload } = administration('THERAPEUTIC', 'NON_ONCOLOGY');
    await handled(await publishCompleted(clientId, payload));
    const once = await dayCounts(payload, 'NON_ONCOLOGY');
    // A second, distinct event for the same administration (a republish), handled like any other.
    await handled(await publishCompleted(clientId, { ...payload, completedAt: new Date(Date.now() + 60_000).toISOString() }));
    expect(await ledgerRows(payload.administrationId)).toHaveLength(1);
    expect(await dayCounts(payload, 'NON_ONCOLOGY')).toEqual(once);
  });
});

describe('the collections ledger', () => {
  const world = seededWorld();
  const [a, b] = world.clients;
  const siteA = world.sites.find((s) => s.clientId === a!.id)!;
  const siteB = world.sites.find((s) => s.clientId === b!.id)!;
  const day = (n: number) => `2024-0${1 + (n % 9)}-${String(1 + (n % 28)).padStart(2, '0')}`;
  const rollupOf = async (siteId: string, receivedOn: string) =>
    (await ownerQuery<{ amount: string }>('select amount::text from billing.collection_day where site_id = $1 and received_on = $2', [siteId, receivedOn]))[0]?.amount ?? '0';
  const IMPORT = 'mutation($csv: String!) { importCollections(csv: $csv) { id rows total { amount } } }';

  it('posts a payment and adds it to the site’s day in the same transaction', async () => {
    const receivedOn = day(Math.floor(Math.random() * 200));
    const before = Number(await rollupOf(siteA.id, receivedOn));
    const r = await graphqlOk<{ postCollection: { id: string; amount: { amount: string }; source: string } }>(
      platform().gatewayUrl,
      'mutation($i: PostCollectionInput!) { postCollection(input: $i) { id clientId amount { amount } source } }',
      { i: { siteId: siteA.id, receivedOn, amount: '1234.56', reference: 'EFT 1' } },
      await finance(),
    );
    expect(r.postCollection).toMatchObject({ clientId: a!.id, amount: { amount: '1234.56' }, source: 'MANUAL' });
    expect(Number(await rollupOf(siteA.id, receivedOn))).toBeCloseTo(before + 1234.56, 2);
  });

  it('imports a whole file, or nothing when one row is bad', async () => {
    const receivedOn = day(Math.floor(Math.random() * 200) + 7);
    const before = await rollupOf(siteA.id, receivedOn);
    const beforeB = await rollupOf(siteB.id, receivedOn);
    const header = 'site_id,received_on,amount,reference';
    const badAmount = [header, `${siteA.id},${receivedOn},100.00,a`, `${siteA.id},${receivedOn},1.001,b`].join('\n');
    const r1 = await graphql(platform().gatewayUrl, IMPORT, { csv: badAmount }, await finance());
    expect(codes(r1)).toEqual(['BAD_USER_INPUT']);
    expect(r1.errors?.[0]?.extensions).toMatchObject({ argument: 'csv', line: 3 });

    // A writer limited to client B names B's site first, then one of A's: NOT_FOUND on that line, nothing written.
    const otherClient = [header, `${siteB.id},${receivedOn},5.00,b`, `${siteA.id},${receivedOn},100.00,a`].join('\n');
    const r2 = await callSubgraph('billing', IMPORT, { csv: otherClient }, writerOf(b!.id));
    expect(codes(r2)).toEqual(['NOT_FOUND']);
    expect(r2.errors?.[0]?.extensions).toMatchObject({ argument: 'csv', line: 3 });
    expect(await rollupOf(siteA.id, receivedOn)).toBe(before);
    expect(await rollupOf(siteB.id, receivedOn)).toBe(beforeB);

    const good = [header, `${siteA.id},${receivedOn},100.00,a`, `${siteA.id},${receivedOn},"50.25","b, c"`].join('\n');
    const r3 = await graphqlOk<{ importCollections: { id: string; rows: number; total: { amount: string } } }>(platform().gatewayUrl, IMPORT, { csv: good }, await finance());
    expect(r3.importCollections).toMatchObject({ rows: 2, total: { amount: '150.25' } });
    expect(Number(await rollupOf(siteA.id, receivedOn))).toBeCloseTo(Number(before) + 150.25, 2);
    expect(await ownerQuery('select 1 from billing.collection where import_id = $1', [r3.importCollections.id])).toHaveLength(2);
  });
});
