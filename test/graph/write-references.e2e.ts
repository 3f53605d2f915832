import { randomUUID } from 'node:crypto';
import { addDays, zonedTime, type DemoWorld } from '@infusion/demo-data';
import { graphql, graphqlOk, type GraphQLResponse } from '@infusion/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asAdmin, bearer, signInAs } from '../support/auth';
import { bookableSlot } from '../support/bookable';
import { platform, seededWorld } from '../support/platform';

// Issue 8, finding 3: a write verifies every id it is given that names another subgraph's entity
// (exists for the caller, same client, allowed site), and a mutation never answers a silent null.

const BOOK = 'mutation($i: BookAppointmentInput!) { bookAppointment(input: $i) { id } }';
const BOOK_COMPLETE = `mutation($i: BookAppointmentInput!) {
  bookAppointment(input: $i) {
    id status clientId startsAt endsAt
    site { id name timeZone }
    chair { id label active }
    nurse { id fullName role }
    patient { id fullName }
    order { id indication }
  }
}`;

type Booking = Record<'clientId' | 'siteId' | 'chairId' | 'nurseId' | 'patientId' | 'orderId' | 'startsAt' | 'endsAt', string>;

const problems = (r: GraphQLResponse) => (r.errors ?? []).map((e) => [e.extensions?.code, e.extensions?.argument]);

/** The client whose write-capable principals probe, with two sites; and another client. */
function parties(world: DemoWorld) {
  const own = world.clients.find((c) => world.sites.filter((s) => s.clientId === c.id).length >= 2)!;
  const other = world.clients.find((c) => c.id !== own.id)!;
  const [home, second] = world.sites.filter((s) => s.clientId === own.id);
  const theirSite = world.sites.find((s) => s.clientId === other.id)!;
  return { own, other, home: home!, second: second!, theirSite };
}

/**
 * A booking at `site` whose ids are all valid: a night slot the seeded schedule leaves free, `slot`
 * days after 23. The site is closed then, so it serves the refusals (references are checked before
 * the booking rules); a booking meant to succeed takes a `bookableSlot` (this file owns 10–19).
 */
function validBooking(world: DemoWorld, siteId: string, slot: number): Booking {
  const site = world.sites.find((s) => s.id === siteId)!;
  const order = world.orders.find((o) => world.patients.find((p) => p.id === o.patientId)!.siteId === site.id)!;
  const day = addDays(world.anchorDate, 23 + Math.floor(slot / 4));
  // Four one-hour slots per night, so every case has a slot of its own: a booking the old code
  // wrongly committed cannot make a later case fail for the wrong reason (CONFLICT).
  const start = 19 * 60 + (slot % 4) * 60;
  return {
    clientId: site.clientId,
    siteId: site.id,
    chairId: world.chairs.find((c) => c.siteId === site.id)!.id,
    nurseId: world.staff.find((s) => s.homeSiteId === site.id && s.role === 'RN')!.id,
    patientId: order.patientId,
    orderId: order.id,
    startsAt: zonedTime(day, start, site.timeZone).toISOString(),
    endsAt: zonedTime(day, start + 45, site.timeZone).toISOString(),
  };
}

describe('a booking verifies the site, chair and nurse it names', () => {
  let owner: pg.Client;
  let writer: Record<string, string>;
  let writeOnly: Record<string, string>;
  let siteWriter: Record<string, string>;
  /** Rows this file adds through the owner connection, removed again at the end. */
  const inactiveChairId = randomUUID();
  const inactiveNurseId = randomUUID();
  const danglingAppointmentId = randomUUID();
  let slots = 0;

  const issueKey = async (clientId: string, name: string, scopes: string[], siteIds?: string[]) => {
    const { createApiKey } = await graphqlOk<{ createApiKey: { secret: string } }>(
      platform().gatewayUrl,
      'mutation($i: NewApiKeyInput!) { createApiKey(input: $i) { secret } }',
      { i: { clientId, name, scopes, ...(siteIds ? { siteIds } : {}) } },
      await asAdmin(),
    );
    return bearer(createApiKey.secret);
  };

  /** Appointments stored for the booking's slot at any site of any client, read as the database owner. */
  const rowsAt = async (booking: Booking) =>
    (await owner.query<{ n: number }>('select count(*)::int as n from scheduling.appointment where starts_at = $1 and ends_at = $2 and chair_id::text = $3', [booking.startsAt, booking.endsAt, booking.chairId])).rows[0]!.n;

  /** A fresh valid booking at `siteId`, with `changes` applied. */
  const booking = (siteId: string, changes: Partial<Booking> = {}): Booking => ({ ...validBooking(seededWorld(), siteId, slots++), ...changes });

  /** Books, expects exactly the one problem, and checks that nothing was stored. */
  async function refused(input: Booking, headers: Record<string, string>, expected: [string, string]) {
    const result = await graphql(platform().gatewayUrl, BOOK, { i: input }, headers);
    expect(problems(result)).toEqual([expected]);
    expect(result.data ?? null).toBeNull();
    expect(await rowsAt(input), 'no appointment stored').toBe(0);
  }

  beforeAll(async () => {
    const world = seededWorld();
    const { own, home, second } = parties(world);
    owner = new pg.Client({ connectionString: platform().ownerDatabaseUrl });
    await owner.connect();
    const scopes = ['scheduling:read', 'scheduling:write', 'facilities:read', 'staffing:read'];
    writer = await issueKey(own.id, 'booking integration', scopes);
    writeOnly = await issueKey(own.id, 'booking-only integration', ['scheduling:write']);
    siteWriter = await issueKey(own.id, 'one-site booking integration', scopes, [home.id]);
    // An out-of-service chair and a nurse who has left, at the client's home site.
    await owner.query("insert into facilities.chair (client_id, id, site_id, label, active) values ($1, $2, $3, 'Out of service (test)', false)", [own.id, inactiveChairId, home.id]);
    await owner.query(
      "insert into staffing.staff_member (client_id, id, home_site_id, first_name, last_name, role, email, active) values ($1, $2, $3, 'Former', 'Nurse', 'RN', $4, false)",
      [own.id, inactiveNurseId, home.id, `former.nurse.${inactiveNurseId.slice(0, 8)}@example.test`],
    );
    // What the old code let a client store: an appointment whose chair exists nowhere.
    const dangling = booking(second.id, { chairId: randomUUID() });
    await owner.query(
      'insert into scheduling.appointment (client_id, id, site_id, chair_id, nurse_id, patient_id, order_id, starts_at, ends_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [dangling.clientId, danglingAppointmentId, dangling.siteId, dangling.chairId, dangling.nurseId, dangling.patientId, dangling.orderId, dangling.startsAt, dangling.endsAt],
    );
  });

  afterAll(async () => {
    if (!owner) return;
    await owner.query('delete from scheduling.appointment where id = $1 or chair_id = $2 or nurse_id = $3', [danglingAppointmentId, inactiveChairId, inactiveNurseId]);
    await owner.query('delete from facilities.chair where id = $1', [inactiveChairId]);
    await owner.query('delete from staffing.staff_member where id = $1', [inactiveNurseId]);
    await owner.end();
  });

  it('refuses another client’s site, chair or nurse as NOT_FOUND naming the argument, and stores nothing', async () => {
    const world = seededWorld();
    const { home, other, theirSite } = parties(world);
    const theirs = validBooking(world, theirSite.id, 0);
    await refused(booking(home.id, { siteId: theirSite.id }), writer, ['NOT_FOUND', 'siteId']);
    await refused(booking(home.id, { chairId: theirs.chairId }), writer, ['NOT_FOUND', 'chairId']);
    await refused(booking(home.id, { nurseId: theirs.nurseId }), writer, ['NOT_FOUND', 'nurseId']);
    await refused(booking(home.id, { patientId: theirs.patientId }), writer, ['NOT_FOUND', 'patientId']);
    await refused(booking(home.id, { orderId: theirs.orderId }), writer, ['NOT_FOUND', 'orderId']);
    // The whole booking of the other client, in that client's name: not the caller's client at all.
    await refused(booking(home.id, { ...theirs, startsAt: booking(home.id).startsAt, endsAt: booking(home.id).endsAt, clientId: other.id }), writer, ['FORBIDDEN', 'clientId']);
  });

  it('refuses made-up ids as NOT_FOUND naming the argument, alike to another client’s', async () => {
    const { home } = parties(seededWorld());
    for (const argument of ['siteId', 'chairId', 'nurseId', 'patientId', 'orderId'] as const) {
      await refused(booking(home.id, { [argument]: randomUUID() }), writer, ['NOT_FOUND', argument]);
    }
    // Everything made up at once: the first argument is named, and nothing is stored.
    const random = booking(home.id, { siteId: randomUUID(), chairId: randomUUID(), nurseId: randomUUID() });
    await refused(random, writer, ['NOT_FOUND', 'siteId']);
  });

  it('refuses a chair at another site of the same client, and a chair out of service, as BAD_USER_INPUT', async () => {
    const world = seededWorld();
    const { home, second } = parties(world);
    const chairOfSecond = world.chairs.find((c) => c.siteId === second.id)!.id;
    await refused(booking(home.id, { chairId: chairOfSecond }), writer, ['BAD_USER_INPUT', 'chairId']);
    await refused(booking(home.id, { chairId: inactiveChairId }), writer, ['BAD_USER_INPUT', 'chairId']);
  });

  it('refuses a nurse who has left, or who is not a nurse, as BAD_USER_INPUT', async () => {
    const world = seededWorld();
    const { home } = parties(world);
    await refused(booking(home.id, { nurseId: inactiveNurseId }), writer, ['BAD_USER_INPUT', 'nurseId']);
    const pharmacistOrCoordinator = world.staff.find((s) => s.clientId === home.clientId && !['RN', 'LPN', 'NP'].includes(s.role));
    if (pharmacistOrCoordinator) await refused(booking(home.id, { nurseId: pharmacistOrCoordinator.id }), writer, ['BAD_USER_INPUT', 'nurseId']);
  });

  it('keeps a site-limited key to its own sites, for the site and for the chair', async () => {
    const world = seededWorld();
    const { home, second } = parties(world);
    await refused(booking(second.id), siteWriter, ['FORBIDDEN', 'siteId']);
    const chairOfSecond = world.chairs.find((c) => c.siteId === second.id)!.id;
    // The other site's chair does not exist for this key: NOT_FOUND, like any other hidden id.
    await refused(booking(home.id, { chairId: chairOfSecond }), siteWriter, ['NOT_FOUND', 'chairId']);
    const ok = await bookableSlot(world, home.id, 10);
    await graphqlOk(platform().gatewayUrl, BOOK, { i: ok }, siteWriter);
    expect(await rowsAt(ok)).toBe(1);
  });

  it('tells an unrestricted ops user that a site of another client is not this client’s, without storing it', async () => {
    const world = seededWorld();
    const { home, theirSite } = parties(world);
    const ops = bearer(await signInAs('ops@infusiongraph.test'));
    await refused(booking(home.id, { siteId: theirSite.id }), ops, ['BAD_USER_INPUT', 'siteId']);
    await refused(booking(home.id, { nurseId: validBooking(world, theirSite.id, 0).nurseId }), ops, ['BAD_USER_INPUT', 'nurseId']);
  });

  it('books a valid visit and answers it completely, across the subgraphs', async () => {
    const world = seededWorld();
    const { home } = parties(world);
    const input = await bookableSlot(world, home.id, 11);
    const result = await graphql<{ bookAppointment: Record<string, unknown> }>(platform().gatewayUrl, BOOK_COMPLETE, { i: input }, writer);
    expect(result.errors).toBeUndefined();
    const nurse = world.staff.find((s) => s.id === input.nurseId)!;
    expect(result.data?.bookAppointment).toMatchObject({
      status: 'SCHEDULED',
      clientId: input.clientId,
      site: { id: home.id, name: home.name },
      chair: { id: input.chairId, active: true },
      nurse: { id: input.nurseId, fullName: `${nurse.firstName} ${nurse.lastName}`, role: 'RN' },
      patient: { id: input.patientId },
      order: { id: input.orderId },
    });
    expect(await rowsAt(input)).toBe(1);
  });

  it('verifies for a key that may book but not read facilities or staffing', async () => {
    const { home, second } = parties(seededWorld());
    const input = await bookableSlot(seededWorld(), home.id, 12);
    await graphqlOk(platform().gatewayUrl, BOOK, { i: input }, writeOnly);
    expect(await rowsAt(input)).toBe(1);
    await refused(booking(home.id, { chairId: validBooking(seededWorld(), second.id, 0).chairId }), writeOnly, ['BAD_USER_INPUT', 'chairId']);
  });

  it('never answers a silent null: a reference nobody can resolve is an error with its path', async () => {
    const admin = await asAdmin();
    const read = await graphql(platform().gatewayUrl, 'query($id: ID!) { appointment(id: $id) { id chair { id label } } }', { id: danglingAppointmentId }, admin);
    expect(read.errors?.length, JSON.stringify(read)).toBeGreaterThan(0);
    expect(read.errors![0]!.extensions?.code).toBe('NOT_FOUND');
    expect(read.errors![0]!.path?.slice(0, 2)).toEqual(['appointment', 'chair']);

    // A mutation whose own subgraph committed cannot be undone by the gateway; it must say so.
    const cancel = await graphql(
      platform().gatewayUrl,
      'mutation($id: ID!) { cancelAppointment(id: $id, reason: "test") { id chair { label } } }',
      { id: danglingAppointmentId },
      admin,
    );
    expect(cancel.data ?? null).toBeNull();
    expect(cancel.errors?.length, JSON.stringify(cancel)).toBeGreaterThan(0);
    expect(cancel.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', committed: true });
    expect(cancel.errors![0]!.message).toMatch(/cancelAppointment was carried out/);
    const { rows } = await owner.query<{ status: string }>('select status from scheduling.appointment where id = $1', [danglingAppointmentId]);
    expect(rows[0]!.status).toBe('CANCELLED');
  });
});
