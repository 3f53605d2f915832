import { createErrorFormatter } from '@infusion/subgraph-kit';
import { graphql, graphqlOk, type GraphQLResponse } from '@infusion/testkit';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { asAdmin } from '../support/auth';
import { platform, seededWorld } from '../support/platform';

/**
 * A client's mistakes are answered BAD_USER_INPUT naming the argument — never a 5xx, never
 * INTERNAL_SERVER_ERROR — whether the value is written inline or sent as a variable, and
 * however deep the field sits. (The hostile suite fuzzes every argument; these pin the cases.)
 */

const ZERO_ID = '00000000-0000-4000-8000-000000000000';

async function ask(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> {
  return graphql(platform().gatewayUrl, query, variables, await asAdmin());
}

/** The answer refuses the input as the caller's mistake, naming `argument`, and leaks nothing. */
function expectRefused(result: GraphQLResponse, argument: string): void {
  const detail = JSON.stringify(result).slice(0, 600);
  expect(result.status, detail).toBeLessThan(500);
  expect(result.errors?.length, detail).toBeGreaterThan(0);
  for (const error of result.errors!) expect(error.extensions?.code, detail).toBe('BAD_USER_INPUT');
  expect(result.errors!.map((e) => e.extensions?.argument), detail).toContain(argument);
  expect(detail).not.toMatch(/stack|select |insert |\/work\//i);
}

const cursor = (value: unknown, id: unknown) => Buffer.from(JSON.stringify([value, id])).toString('base64url');

/** A window of the demo schedule (it runs around the seed's anchor date), within the 366-day limit. */
function scheduleWindow(): { from: string; to: string } {
  const anchor = Date.parse(`${seededWorld().anchorDate}T00:00:00Z`);
  const day = 24 * 3600 * 1000;
  return { from: new Date(anchor - 180 * day).toISOString(), to: new Date(anchor + 180 * day).toISOString() };
}

describe('impossible dates', () => {
  it('refuses February 30th, month 13 and hour 25 for a DateTime argument, inline and as a variable', async () => {
    const site = seededWorld().sites[0]!;
    expectRefused(await ask(`{ appointments(siteId: "${site.id}", from: "2026-02-30T00:00:00Z", to: "2026-03-02T00:00:00Z") { edges { node { id } } } }`), 'from');
    const asVariable = 'query($site: ID!, $from: DateTime!, $to: DateTime!) { appointments(siteId: $site, from: $from, to: $to) { edges { node { id } } } }';
    expectRefused(await ask(asVariable, { site: site.id, from: '2026-13-01T00:00:00Z', to: '2026-12-02T00:00:00Z' }), 'from');
    expectRefused(await ask(asVariable, { site: site.id, from: '2026-12-01T00:00:00Z', to: '2026-12-01T25:00:00Z' }), 'to');
  });

  it('names the argument of a field deep in the graph, resolved in another subgraph', async () => {
    const site = seededWorld().sites[0]!;
    const result = await ask(
      'query($site: ID!, $to: DateTime!) { site(id: $site) { name appointments(from: "2026-12-01T00:00:00Z", to: $to) { id } } }',
      { site: site.id, to: '2026-02-29T08:00:00Z' },
    );
    expectRefused(result, 'to');
    expect(result.errors![0]!.path).toEqual(['site', 'appointments']);
  });

  it('refuses impossible LocalDate values and year 0, which PostgreSQL cannot store', async () => {
    expectRefused(await ask('{ priorAuthorizations(expiringBefore: "2026-02-30") { edges { node { id } } } }'), 'expiringBefore');
    expectRefused(await ask('query($on: LocalDate!) { lots(first: 1) { edges { node { expired(on: $on) } } } }', { on: '0000-01-01' }), 'on');
    expectRefused(await ask(`{ site(id: "${seededWorld().sites[0]!.id}") { stock(on: "2026-13-01") { quantityOnHand } } }`), 'on');
  });

  it('refuses a value of the wrong type for a date, which the gateway cannot check', async () => {
    expectRefused(await ask('{ auditEvents(from: 1767225600, first: 1) { edges { node { id } } } }'), 'from');
    expectRefused(await ask('query($from: DateTime) { auditEvents(from: $from, first: 1) { edges { node { id } } } }', { from: { $gt: '' } }), 'from');
  });

  it('still reads a leap day and an offset', async () => {
    const data = await graphqlOk<{ auditEvents: { edges: unknown[] } }>(
      platform().gatewayUrl,
      '{ auditEvents(from: "2024-02-29T23:00:00-05:00", to: "2024-03-01T08:00:00Z", first: 1) { edges { node { id } } } }',
      {},
      await asAdmin(),
    );
    expect(data.auditEvents.edges).toEqual([]);
  });
});

describe('text no one should send', () => {
  it('refuses a NUL byte in any string argument or input field, before PostgreSQL sees it', async () => {
    expectRefused(await ask('{ patients(search: "Lebs\\u0000") { edges { node { id } } } }'), 'search');
    expectRefused(await ask('query($s: String) { products(search: $s) { edges { node { id } } } }', { s: 'remi\u0000' }), 'search');
    expectRefused(await ask('mutation($r: String!) { cancelAppointment(id: "' + ZERO_ID + '", reason: $r) { id } }', { r: 'No transport\u0000' }), 'reason');
    expectRefused(
      await ask('mutation($i: NewApiKeyInput!) { createApiKey(input: $i) { secret } }', {
        i: { clientId: seededWorld().clients[0]!.id, name: 'EHR', scopes: ['scheduling:read\u0000'] },
      }),
      'input.scopes[0]',
    );
    expectRefused(await ask('{ auditEvents(entityType: "Appointment\\u001b", first: 1) { edges { node { id } } } }'), 'entityType');
  });

  it('refuses 10,000+ characters anywhere, and names and reasons over their domain limits', async () => {
    expectRefused(await ask('query($s: String) { patients(search: $s) { edges { node { id } } } }', { s: 'a'.repeat(10_001) }), 'search');
    expectRefused(await ask('query($s: String) { patients(search: $s) { edges { node { id } } } }', { s: 'a'.repeat(201) }), 'search');
    expectRefused(await ask('mutation($r: String!) { cancelAppointment(id: "' + ZERO_ID + '", reason: $r) { id } }', { r: 'r'.repeat(2_001) }), 'reason');
    expectRefused(
      await ask('mutation($i: NewOpsUserInput!) { createOpsUser(input: $i) { id } }', {
        i: { email: 'long.name@infusiongraph.test', displayName: 'N'.repeat(201), role: 'READ_ONLY', password: 'correct-horse-battery-42' },
      }),
      'displayName',
    );
    expectRefused(
      await ask('mutation($i: NewApiKeyInput!) { createApiKey(input: $i) { secret } }', { i: { clientId: seededWorld().clients[0]!.id, name: 'K'.repeat(201), scopes: ['scheduling:read'] } }),
      'name',
    );
    const signIn = await graphql(platform().gatewayUrl, 'mutation($e: String!) { signIn(email: $e, password: "x") { token } }', { e: `${'e'.repeat(300)}@infusiongraph.test` });
    expectRefused(signIn, 'email');
  });

  it('keeps domain-limit answers as validationErrors without echoing the value back', async () => {
    const result = await ask('mutation($r: String!) { cancelAppointment(id: "' + ZERO_ID + '", reason: $r) { id } }', { r: 'Patient Alvarez '.repeat(200) });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reason', validationErrors: [expect.objectContaining({ property: 'reason' })] });
    expect(JSON.stringify(result)).not.toContain('Patient Alvarez');
  });
});

describe('numbers out of range', () => {
  it('refuses huge, zero and negative quantities, counts and versions', async () => {
    expectRefused(await ask('{ products(first: 1, kind: DRUG) { edges { node { dosing(dose: 1e300) { vialsOpened } } } } }'), 'dose');
    expectRefused(await ask('{ products(first: 1, kind: DRUG) { edges { node { dosing(dose: -350) { vialsOpened } } } } }'), 'dose');
    const preview = 'query($t: Int!, $s: Int!) { managementContracts(first: 1) { edges { node { feeSchedule { preview(treatments: $t, activeSites: $s) { amount { amount } } } } } } }';
    expectRefused(await ask(preview, { t: -1, s: 1 }), 'treatments');
    expectRefused(await ask(preview, { t: 2_147_483_647, s: 1 }), 'treatments');
    expectRefused(await ask(preview, { t: 10, s: -3 }), 'activeSites');
    expectRefused(await ask(`mutation { cancelAppointment(id: "${ZERO_ID}", reason: "r", expectedVersion: -1) { id } }`), 'expectedVersion');
    expectRefused(await ask(`mutation { rotateApiKey(id: "${ZERO_ID}", graceSeconds: 2147483647) { secret } }`), 'graceSeconds');
    expectRefused(await ask('{ sites(first: 0) { edges { node { id } } } }'), 'first');
    expectRefused(await ask('{ sites(first: -1) { edges { node { id } } } }'), 'first');
  });
});

describe('cursors', () => {
  it('refuses a cursor that smuggles an ORM operator into the WHERE clause', async () => {
    for (const after of [cursor({ $re: '.*' }, ZERO_ID), cursor({ $ne: null }, ZERO_ID), cursor('a', { $gt: '' }), cursor(['a'], ZERO_ID)]) {
      const result = await ask('query($after: String) { sites(first: 2, after: $after) { edges { node { id } } } }', { after });
      expectRefused(result, 'after');
      expect(result.data?.sites ?? null).toBeNull();
    }
  });

  it('refuses a cursor of another connection and text that is no cursor at all', async () => {
    const sites = await graphqlOk<{ sites: { pageInfo: { endCursor: string } } }>(platform().gatewayUrl, '{ sites(first: 1) { pageInfo { endCursor } } }', {}, await asAdmin());
    const site = seededWorld().sites[0]!;
    expectRefused(
      await ask('query($s: ID!, $from: DateTime!, $to: DateTime!, $after: String) { appointments(siteId: $s, from: $from, to: $to, after: $after) { edges { node { id } } } }', {
        s: site.id,
        ...scheduleWindow(),
        after: sites.sites.pageInfo.endCursor,
      }),
      'after',
    );
    expectRefused(await ask('{ lots(first: 1, after: "not a cursor!") { edges { node { id } } } }'), 'after');
    expectRefused(await ask('{ lots(first: 1, after: "' + 'A'.repeat(5_000) + '") { edges { node { id } } } }'), 'after');
  });

  it('pages on through the cursors it issued, by name, by date and by instant', async () => {
    const site = seededWorld().sites[0]!;
    const connections: [name: string, args: string][] = [
      ['sites', ''],
      ['lots', ''],
      ['priorAuthorizations', ''],
      ['appointments', `siteId: "${site.id}", from: "${scheduleWindow().from}", to: "${scheduleWindow().to}", `],
    ];
    type Page = Record<string, { edges: { node: { id: string } }[]; pageInfo: { endCursor: string | null } }>;
    for (const [name, args] of connections) {
      const query = `query($after: String) { ${name}(${args}first: 2, after: $after) { edges { node { id } } pageInfo { endCursor } } }`;
      const first = (await graphqlOk<Page>(platform().gatewayUrl, query, { after: null }, await asAdmin()))[name]!;
      expect(first.edges.length, name).toBe(2);
      const second = (await graphqlOk<Page>(platform().gatewayUrl, query, { after: first.pageInfo.endCursor }, await asAdmin()))[name]!;
      expect(second.edges.length, name).toBeGreaterThan(0);
      expect(second.edges.map((e) => e.node.id), name).not.toContain(first.edges[1]!.node.id);
    }
  });
});

describe('values PostgreSQL itself refuses', () => {
  it('are the caller’s mistake, should one ever get past the input guard', async () => {
    const client = new pg.Client({ connectionString: platform().appDatabaseUrl });
    await client.connect();
    const refusal = (sql: string, params: unknown[] = []) => client.query(sql, params).then(() => undefined, (error: unknown) => error);
    try {
      const format = createErrorFormatter(() => {
        throw new Error('a client mistake must not be logged as a server error');
      });
      const errors = [
        await refusal('select $1::text', ['a\u0000b']),
        await refusal('select 2147483648::int'),
        await refusal('select $1::date', ['0000-01-01']),
        await refusal('select 1e400::numeric(12, 3)'),
      ];
      for (const error of errors) {
        expect(error, 'PostgreSQL accepted it').toBeDefined();
        const formatted = format({ message: String(error) }, error);
        expect(formatted.extensions, (error as { code?: string }).code).toEqual({ code: 'BAD_USER_INPUT' });
        expect(formatted.message).not.toMatch(/select|\$1/i);
      }
    } finally {
      await client.end();
    }
  });
});
