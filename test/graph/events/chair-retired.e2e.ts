import { randomUUID } from 'node:crypto';
import { addDays, zonedTime } from '@infusion/demo-data';
import type { Principal } from '@infusion/subgraph-kit/auth';
import { deleteChairFixtures, graphql, graphqlOk, insertChairFixtures, metricBySubgraph, type ChairFixture } from '@infusion/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { asAdmin, bearer, signInAs } from '../../support/auth';
import { callSubgraph } from '../../support/direct';
import { platform, seededWorld } from '../../support/platform';
import { bookableSlot } from '../../support/bookable';
import { ownerQuery, until } from './kit-harness';

/*
 * The one real event, end to end across processes: facilities' retireChair publishes
 * ChairRetired in its transaction, the scheduling process consumes it into its read model of
 * retired chairs, and bookAppointment refuses the chair. Ops see failures in failedEvents.
 */

const RETIRE = 'mutation($chairId: ID!, $reason: String!) { retireChair(chairId: $chairId, reason: $reason) { id active retiredAt retirementReason } }';
const BOOK = 'mutation($i: BookAppointmentInput!) { bookAppointment(input: $i) { id } }';
const codes = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => (r.errors ?? []).map((e) => e.extensions?.code);

/** Facilities staff with write access, limited to `clientIds` (null: every client). */
const facilitiesWriter = (clientIds: string[] | null): Principal => ({
  kind: 'OPS_USER',
  id: `writer-${randomUUID()}`,
  credentialId: null,
  name: 'facilities writer',
  role: 'OPERATIONS',
  clientIds,
  siteIds: null,
  scopes: ['facilities:read', 'facilities:write'],
});

const schedulingMetrics = () => ({ subgraphUrls: { scheduling: platform().subgraphUrls.scheduling! }, metricsToken: platform().metricsToken });

const retiredInScheduling = async (chairId: string) =>
  (await ownerQuery<{ event_id: string }>('select event_id from scheduling.retired_chair where chair_id = $1', [chairId]))[0];

const deliveryOf = async (chairId: string) =>
  (await ownerQuery<{ id: string; state: string; consumer: string; event_id: string }>("select id, state, consumer, event_id from events.delivery where aggregate_type = 'Chair' and aggregate_id = $1", [chairId]));

/** A free night slot at a chair of the office site, well inside the seeded schedule. */
function bookingAt(chairId: string, dayOffset: number) {
  const world = seededWorld();
  const chair = world.chairs.find((c) => c.id === chairId)!;
  const site = world.sites.find((s) => s.id === chair.siteId)!;
  const order = world.orders.find((o) => world.patients.find((p) => p.id === o.patientId)!.siteId === site.id)!;
  const day = addDays(world.anchorDate, dayOffset);
  return {
    clientId: site.clientId,
    siteId: site.id,
    chairId,
    nurseId: world.staff.find((s) => s.homeSiteId === site.id && s.role === 'RN')!.id,
    patientId: order.patientId,
    orderId: order.id,
    startsAt: zonedTime(day, 21 * 60, site.timeZone).toISOString(),
    endsAt: zonedTime(day, 22 * 60, site.timeZone).toISOString(),
  };
}

/**
 * Demo chairs a test may retire and still book against (their site has patients with orders):
 * not at the first office site, whose first chair other tests book. Put back in service after.
 */
function bookableChairs() {
  const world = seededWorld();
  const offices = world.sites.filter((s) => s.kind === 'OFFICE' && world.patients.some((p) => p.siteId === s.id && world.orders.some((o) => o.patientId === p.id)));
  const site = offices.find((s) => s.id !== world.sites.find((x) => x.kind === 'OFFICE')!.id)!;
  return world.chairs.filter((c) => c.siteId === site.id);
}

/**
 * Facilities refuses to retire a chair that visits still hold, so the demo chairs a test retires
 * are first freed: their future visits are cancelled here and put back after (owner SQL).
 */
const freedAppointments: string[] = [];
/** Visits a test books; removed after, so a later run's put-back of freed visits finds their slots free. */
const bookedHere: string[] = [];
async function freeOfBookings(...chairIds: string[]): Promise<void> {
  const rows = await ownerQuery<{ id: string }>(
    "update scheduling.appointment set status = 'CANCELLED', cancel_reason = 'freed for a retirement test' where chair_id = any($1::uuid[]) and status not in ('CANCELLED', 'NO_SHOW', 'COMPLETED') and ends_at > now() returning id",
    [chairIds],
  );
  freedAppointments.push(...rows.map((r) => r.id));
}

/** Clients and chairs of their own (not the demo's), for tests that need no booking; removed after. */
const fixtures: ChairFixture[] = [];
async function freshChairs(clients: number, chairsPerClient: number): Promise<ChairFixture[]> {
  const made = await insertChairFixtures(platform().ownerDatabaseUrl, { clients, chairsPerClient, name: `Events test client ${randomUUID().slice(0, 8)}` });
  fixtures.push(...made);
  return made;
}

// Other test files share this platform and expect the demo world as seeded: every client's sites
// have staff and stock, every demo chair is in service.
afterAll(async () => {
  const demoChairs = bookableChairs().map((c) => c.id);
  const clientIds = fixtures.map((f) => f.clientId);
  await ownerQuery('delete from scheduling.retired_chair where chair_id = any($1::uuid[]) or client_id = any($2::uuid[])', [demoChairs, clientIds]);
  await ownerQuery('update facilities.chair set active = true, retired_at = null, retirement_reason = null where id = any($1::uuid[])', [demoChairs]);
  await ownerQuery('delete from scheduling.appointment where id = any($1::uuid[])', [bookedHere]);
  await ownerQuery("update scheduling.appointment set status = 'SCHEDULED', cancel_reason = null where id = any($1::uuid[])", [freedAppointments]);
  await ownerQuery("delete from events.delivery where aggregate_type = 'Chair' and (aggregate_id = any($1::text[]) or client_id = any($2::uuid[]))", [demoChairs, clientIds]);
  await deleteChairFixtures(platform().ownerDatabaseUrl, fixtures);
});

describe('ChairRetired: facilities → scheduling', () => {
  it('retires a chair (audited) and scheduling then refuses to book it, naming the chair', async () => {
    const chair = bookableChairs().at(-1)!;
    await freeOfBookings(chair.id);
    const ops = bearer(await signInAs('ops@infusiongraph.test'));
    const since = new Date();
    const { retireChair } = await graphqlOk<{ retireChair: { active: boolean; retiredAt: string; retirementReason: string } }>(
      platform().gatewayUrl,
      RETIRE,
      { chairId: chair.id, reason: '  frame cracked  ' },
      ops,
    );
    expect(retireChair).toMatchObject({ active: false, retirementReason: 'frame cracked' });

    const audit = await graphqlOk<{ auditEvents: { edges: { node: { operation: string; entityType: string } }[] } }>(
      platform().gatewayUrl,
      'query($from: DateTime!, $id: ID!) { auditEvents(from: $from, entityId: $id, action: "MUTATION") { edges { node { operation entityType } } } }',
      { from: since, id: chair.id },
      await asAdmin(),
    );
    expect(audit.auditEvents.edges.map((e) => e.node)).toEqual([{ operation: 'retireChair', entityType: 'Chair' }]);

    await until('scheduling learnt of the retirement', () => retiredInScheduling(chair.id));
    const booking = await graphql(platform().gatewayUrl, BOOK, { i: bookingAt(chair.id, 22) }, bearer(await signInAs('ops@infusiongraph.test')));
    expect(codes(booking)).toEqual(['CONFLICT']);
    expect(booking.errors![0]!.message).toContain(chair.id);
    expect(booking.errors![0]!.message).toMatch(/retired/);
    expect(booking.errors![0]!.extensions).toMatchObject({ argument: 'chairId', chairId: chair.id });
  });

  it('refuses to retire a chair twice, a chair of another client, and callers without facilities:write', async () => {
    const [mine, theirs] = await freshChairs(2, 2);
    const [first, second] = mine!.chairIds.map((id) => ({ id, clientId: mine!.clientId }));
    const ops = bearer(await signInAs('ops@infusiongraph.test'));
    await graphqlOk(platform().gatewayUrl, RETIRE, { chairId: first!.id, reason: 'worn out' }, ops);
    expect(codes(await graphql(platform().gatewayUrl, RETIRE, { chairId: first!.id, reason: 'again' }, ops))).toEqual(['CONFLICT']);
    expect(codes(await graphql(platform().gatewayUrl, RETIRE, { chairId: second!.id, reason: '   ' }, ops))).toEqual(['BAD_USER_INPUT']);

    const readOnly = bearer(await signInAs('viewer@infusiongraph.test'));
    expect(codes(await graphql(platform().gatewayUrl, RETIRE, { chairId: second!.id, reason: 'x' }, readOnly))).toEqual(['FORBIDDEN']);

    const foreign = await callSubgraph('facilities', RETIRE, { chairId: second!.id, reason: 'not mine' }, facilitiesWriter([theirs!.clientId]));
    expect(codes(foreign)).toEqual(['NOT_FOUND']);
    expect(await deliveryOf(second!.id)).toEqual([]);
  });

  it('never delivers the event of an operation that rolled back', async () => {
    const [kept, committed] = bookableChairs().slice(-3);
    await freeOfBookings(kept!.id, committed!.id);
    const ops = bearer(await signInAs('ops@infusiongraph.test'));
    // Two mutations in one operation: the second fails, so the whole operation rolls back.
    const failed = await graphql(
      platform().gatewayUrl,
      `mutation($a: ID!, $b: ID!) { a: retireChair(chairId: $a, reason: "loose armrest") { id } b: retireChair(chairId: $b, reason: "gone") { id } }`,
      { a: kept!.id, b: randomUUID() },
      ops,
    );
    expect(codes(failed)).toEqual(['NOT_FOUND']);
    await graphqlOk(platform().gatewayUrl, RETIRE, { chairId: committed!.id, reason: 'replaced' }, ops);
    await until('the committed retirement reached scheduling', () => retiredInScheduling(committed!.id));

    expect(await deliveryOf(kept!.id)).toEqual([]);
    expect(await retiredInScheduling(kept!.id)).toBeUndefined();
    const booking = await graphql<{ bookAppointment: { id: string } }>(platform().gatewayUrl, BOOK, { i: await bookableSlot(seededWorld(), kept!.siteId, 0, kept!.id) }, ops);
    expect(booking.errors).toBeUndefined();
    bookedHere.push(booking.data!.bookAppointment.id);
  });

  it('shows ops a failing delivery (error without SQL) and replays it once fixed, audited', async () => {
    const [fixture] = await freshChairs(1, 1);
    const chair = { id: fixture!.chairIds[0]! };
    const ops = bearer(await signInAs('ops@infusiongraph.test'));
    await graphqlOk(platform().gatewayUrl, RETIRE, { chairId: chair.id, reason: 'broken recline' }, ops);
    await until('scheduling learnt of the retirement', () => retiredInScheduling(chair.id));

    // A faulty producer sends a second ChairRetired for the same chair: scheduling refuses it.
    const [bad] = await ownerQuery<{ id: string }>(
      `insert into events.delivery (client_id, event_id, event_name, event_version, consumer, aggregate_type, aggregate_id, queue_name, payload, caused_by, max_attempts)
       select client_id, gen_random_uuid(), event_name, event_version, consumer, aggregate_type, aggregate_id, queue_name, payload, caused_by, 1
       from events.delivery where aggregate_type = 'Chair' and aggregate_id = $1
       returning id`,
      [chair.id],
    );
    await ownerQuery(
      `select graphile_worker.add_job('deliver-to-' || d.consumer, json_build_object('clientId', d.client_id, 'deliveryId', d.id), queue_name := d.queue_name, max_attempts := d.max_attempts, job_key := 'delivery:' || d.id)
       from events.delivery d where id = $1`,
      [bad!.id],
    );
    await until('the faulty delivery is dead-lettered', async () => (await ownerQuery('select 1 from events.delivery where id = $1 and state = $2', [bad!.id, 'DEAD'])).length > 0);

    const FAILED = 'query { failedEvents(state: DEAD, consumer: "scheduling") { edges { node { id eventName consumer state attempts lastError payload aggregateId } } } }';
    const { failedEvents } = await graphqlOk<{ failedEvents: { edges: { node: Record<string, unknown> }[] } }>(platform().gatewayUrl, FAILED, {}, await asAdmin());
    const listed = failedEvents.edges.map((e) => e.node).find((n) => n.id === bad!.id)!;
    expect(listed).toMatchObject({ eventName: 'ChairRetired', consumer: 'scheduling', state: 'DEAD', attempts: 1, aggregateId: chair.id });
    expect(listed.lastError).toMatch(/SQLSTATE 23505/);
    expect(String(listed.lastError)).not.toMatch(/insert into|select /i);
    expect(JSON.parse(String(listed.payload))).toMatchObject({ chairId: chair.id });
    expect(codes(await graphql(platform().gatewayUrl, FAILED, {}, ops))).toEqual(['FORBIDDEN']);

    // The fix: the row the faulty event collides with goes; then ops replay it.
    await ownerQuery('delete from scheduling.retired_chair where chair_id = $1', [chair.id]);
    const since = new Date();
    const replay = await graphqlOk<{ replayFailedEvent: { state: string } }>(
      platform().gatewayUrl,
      'mutation($id: ID!) { replayFailedEvent(id: $id) { id state } }',
      { id: bad!.id },
      await asAdmin(),
    );
    expect(replay.replayFailedEvent.state).toBe('PENDING');
    await until('the replayed delivery is handled', async () => (await ownerQuery('select 1 from events.delivery where id = $1 and state = $2', [bad!.id, 'HANDLED'])).length > 0);
    expect(await retiredInScheduling(chair.id)).toBeDefined();
    const audit = await graphqlOk<{ auditEvents: { edges: { node: { operation: string } }[] } }>(
      platform().gatewayUrl,
      'query($from: DateTime!, $id: ID!) { auditEvents(from: $from, entityId: $id) { edges { node { operation } } } }',
      { from: since, id: bad!.id },
      await asAdmin(),
    );
    expect(audit.auditEvents.edges.map((e) => e.node.operation)).toContain('replayFailedEvent');
    const again = await graphql(platform().gatewayUrl, 'mutation($id: ID!) { replayFailedEvent(id: $id) { id } }', { id: bad!.id }, await asAdmin());
    expect(codes(again)).toEqual(['CONFLICT']);
  });

  it('delivers 1,000 retirements across 10 clients with no loss and no duplicate effect', async () => {
    const fixtures = await freshChairs(10, 100);
    const chairs = fixtures.flatMap((f) => f.chairIds.map((chairId) => ({ chairId, clientId: f.clientId })));
    const handledBefore = (await metricBySubgraph(schedulingMetrics(), 'events_handled_total')).scheduling!;
    const writer = facilitiesWriter(null);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < chairs.length) {
          const { chairId } = chairs[next++]!;
          const result = await callSubgraph('facilities', RETIRE, { chairId, reason: 'load test' }, writer);
          if (result.errors) throw new Error(JSON.stringify(result.errors));
        }
      }),
    );
    const clientIds = fixtures.map((f) => f.clientId);
    await until(
      'every retirement is handled',
      async () => (await ownerQuery<{ n: number }>("select count(*)::int as n from events.delivery where client_id = any($1) and state = 'HANDLED'", [clientIds]))[0]!.n === 1000,
      240_000,
    );
    const rows = await ownerQuery<{ client_id: string; chair_id: string; event_id: string }>('select client_id, chair_id, event_id from scheduling.retired_chair where client_id = any($1)', [clientIds]);
    expect(rows.length).toBe(1000);
    expect(new Set(rows.map((r) => r.chair_id)).size).toBe(1000);
    const perClient = clientIds.map((id) => rows.filter((r) => r.client_id === id).length);
    expect(perClient).toEqual(Array(10).fill(100));
    const events = await ownerQuery<{ n: number }>('select count(distinct event_id)::int as n from events.delivery where client_id = any($1)', [clientIds]);
    expect(events[0]!.n).toBe(1000);
    // Each handler ran (and committed) exactly once per event: no duplicate effect.
    const handledAfter = (await metricBySubgraph(schedulingMetrics(), 'events_handled_total')).scheduling!;
    expect(handledAfter - handledBefore).toBe(1000);
  }, 300_000);

  it('reports each subgraph’s backlog and oldest undelivered event on /metrics, and stays ready', async () => {
    for (const name of ['facilities', 'scheduling', 'identity']) {
      const base = platform().subgraphUrls[name]!.replace(/\/graphql$/, '');
      const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${platform().metricsToken}` } })).text();
      expect(text).toMatch(new RegExp(`^events_backlog\\{service="${name}"\\} \\d+$`, 'm'));
      expect(text).toMatch(new RegExp(`^events_oldest_undelivered_seconds\\{service="${name}"\\} [\\d.]+$`, 'm'));
      expect(text).toMatch(new RegExp(`^events_dead_letters\\{service="${name}"\\} \\d+$`, 'm'));
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
    }
  });
});
