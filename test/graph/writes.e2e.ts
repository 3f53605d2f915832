import { graphql, graphqlOk } from '@infusion/testkit';
import { describe, expect, it } from 'vitest';
import { asAdmin, bearer, signInAs } from '../support/auth';
import { bookableSlot } from '../support/bookable';
import { platform, seededWorld } from '../support/platform';

const codes = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => (r.errors ?? []).map((e) => e.extensions?.code);

const BOOK = 'mutation($i: BookAppointmentInput!) { bookAppointment(input: $i) { id status startsAt chair { id } } }';

interface AuditRow {
  action: string;
  operation: string;
  actorName: string | null;
  clientId: string | null;
  entityType: string | null;
  entityIds: string[];
  remoteAddress: string | null;
}

async function auditSince(since: Date, filter: Record<string, unknown> = {}): Promise<AuditRow[]> {
  const data = await graphqlOk<{ auditEvents: { edges: { node: AuditRow }[] } }>(
    platform().gatewayUrl,
    `query($from: DateTime!, $entityType: String, $action: String, $entityId: ID) {
      auditEvents(from: $from, entityType: $entityType, action: $action, entityId: $entityId, first: 500) {
        edges { node { action operation actorName clientId entityType entityIds remoteAddress } }
      }
    }`,
    { from: since, ...filter },
    await asAdmin(),
  );
  return data.auditEvents.edges.map((e) => e.node);
}

/** A booking the seeded schedule leaves free: a night slot a few weeks out, in the site's zone. */
/** A slot of the first office site that passes every booking rule; each test takes its own `index` (writes.e2e owns 0–9). */
async function freeSlot(index: number) {
  const world = seededWorld();
  const site = world.sites.find((s) => s.kind === 'OFFICE')!;
  return { site, input: await bookableSlot(world, site.id, index) };
}

describe('writing through the graph', () => {
  it('books a free chair and records the booking in the audit trail, in the same transaction', async () => {
    const since = new Date();
    const ops = bearer(await signInAs('ops@infusiongraph.test'));
    const { input } = await freeSlot(0);
    const { bookAppointment } = await graphqlOk<{ bookAppointment: { id: string; status: string } }>(platform().gatewayUrl, BOOK, { i: input }, ops);
    expect(bookAppointment.status).toBe('SCHEDULED');

    const events = await auditSince(since, { entityId: bookAppointment.id, action: 'MUTATION' });
    expect(events).toEqual([
      expect.objectContaining({ operation: 'bookAppointment', actorName: 'ops@infusiongraph.test', clientId: input.clientId, entityType: 'Appointment', entityIds: [bookAppointment.id] }),
    ]);
    expect(events[0]!.remoteAddress).toBeTruthy();
  });

  it('answers CONFLICT for a double-booked chair and leaves no trace of the attempt', async () => {
    const ops = bearer(await signInAs('ops@infusiongraph.test'));
    const { input } = await freeSlot(1);
    const first = await graphqlOk<{ bookAppointment: { id: string } }>(platform().gatewayUrl, BOOK, { i: input }, ops);
    const since = new Date();
    const overlapping = { ...input, startsAt: new Date(Date.parse(input.startsAt) + 30 * 60_000).toISOString(), endsAt: new Date(Date.parse(input.endsAt) + 30 * 60_000).toISOString() };
    const result = await graphql(platform().gatewayUrl, BOOK, { i: overlapping }, ops);
    expect(codes(result)).toEqual(['CONFLICT']);
    expect(JSON.stringify(result)).not.toMatch(/stack|select |insert /i);

    const chair = await graphqlOk<{ appointments: { edges: { node: { id: string; chair: { id: string } } }[] } }>(
      platform().gatewayUrl,
      'query($s: ID!, $f: DateTime!, $t: DateTime!) { appointments(siteId: $s, from: $f, to: $t) { edges { node { id chair { id } } } } }',
      { s: input.siteId, f: input.startsAt, t: overlapping.endsAt },
      ops,
    );
    expect(chair.appointments.edges.filter((e) => e.node.chair.id === input.chairId).map((e) => e.node.id)).toEqual([first.bookAppointment.id]);
    expect((await auditSince(since, { action: 'MUTATION', entityType: 'Appointment' })).filter((e) => e.operation === 'bookAppointment')).toEqual([]);
  });

  it('answers BAD_USER_INPUT for a booking that ends before it starts, and writes nothing', async () => {
    const ops = bearer(await signInAs('ops@infusiongraph.test'));
    const { input } = await freeSlot(2);
    const result = await graphql(platform().gatewayUrl, BOOK, { i: { ...input, endsAt: input.startsAt, startsAt: input.endsAt } }, ops);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    const rows = await graphqlOk<{ appointments: { edges: { node: { chair: { id: string } } }[] } }>(
      platform().gatewayUrl,
      'query($s: ID!, $f: DateTime!, $t: DateTime!) { appointments(siteId: $s, from: $f, to: $t) { edges { node { id chair { id } } } } }',
      { s: input.siteId, f: input.startsAt, t: input.endsAt },
      ops,
    );
    expect(rows.appointments.edges.filter((e) => e.node.chair.id === input.chairId)).toEqual([]);
  });

  it('cannot cancel another client’s appointment', async () => {
    const world = seededWorld();
    const limited = bearer(await signInAs('redrock.ops@infusiongraph.test'));
    const redRock = world.clients.find((c) => c.name.startsWith('Red Rock'))!;
    const foreign = world.appointments.find((a) => a.clientId !== redRock.id && a.status === 'SCHEDULED')!;
    const result = await graphql(platform().gatewayUrl, 'mutation($id: ID!) { cancelAppointment(id: $id, reason: "probe") { id } }', { id: foreign.id }, limited);
    expect(codes(result)).toEqual(['NOT_FOUND']);
    const still = await graphqlOk<{ appointment: { status: string } }>(platform().gatewayUrl, 'query($id: ID!) { appointment(id: $id) { status } }', { id: foreign.id }, await asAdmin());
    expect(still.appointment.status).toBe('SCHEDULED');
  });

  it('records every read of patient data', async () => {
    const since = new Date();
    const patient = seededWorld().patients[5]!;
    await graphqlOk(platform().gatewayUrl, 'query($id: ID!) { patient(id: $id) { fullName } }', { id: patient.id }, await asAdmin());
    const events = await auditSince(since, { entityId: patient.id, action: 'READ' });
    expect(events).toEqual([expect.objectContaining({ entityType: 'Patient', clientId: patient.clientId, actorName: 'admin@infusiongraph.test' })]);
  });
});

describe('bad requests', () => {
  it('answer BAD_USER_INPUT for syntax errors and unknown fields', async () => {
    const headers = await asAdmin();
    expect(codes(await graphql(platform().gatewayUrl, '{ clients { edges { node { id } ', {}, headers))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await graphql(platform().gatewayUrl, '{ clients { edges { node { favouriteColour } } } }', {}, headers))).toEqual(['BAD_USER_INPUT']);
  });

  it('answer NOT_FOUND for ids that name nothing, well-formed or not', async () => {
    const headers = await asAdmin();
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      expect(codes(await graphql(platform().gatewayUrl, 'query($id: ID!) { site(id: $id) { id } }', { id }, headers)), id).toEqual(['NOT_FOUND']);
    }
  });

  it('answer QUERY_TOO_COMPLEX for operations too deep or too wide', async () => {
    const headers = await asAdmin();
    const deep = '{ sites { edges { node { chairs { site { chairs { site { chairs { site { chairs { site { chairs { label } } } } } } } } } } } } }';
    expect(codes(await graphql(platform().gatewayUrl, deep, {}, headers))).toEqual(['QUERY_TOO_COMPLEX']);
    const wide = '{ sites(first: 500) { edges { node { chairs { appointments(from: "2026-01-01T00:00:00Z", to: "2026-12-31T00:00:00Z") { patient { orders { id } } } } } } } }';
    expect(codes(await graphql(platform().gatewayUrl, wide, {}, headers))).toEqual(['QUERY_TOO_COMPLEX']);
  });
});
