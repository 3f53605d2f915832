import { CONTEXT_HEADER, signCallerContext, signingKey } from '@infusion/subgraph-kit/auth';
import { graphql, graphqlOk } from '@infusion/testkit';
import { describe, expect, it } from 'vitest';
import { apiKey, asAdmin, bearer, demoCredentials, readKeyOf } from '../support/auth';
import { callSubgraph, clientReader, entityProbe } from '../support/direct';
import { platform, seededWorld } from '../support/platform';

const codes = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => (r.errors ?? []).map((e) => e.extensions?.code);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks until `check` passes or `ms` run out; for effects that land "within seconds". */
async function eventually<T>(ask: () => Promise<T>, check: (value: T) => boolean, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await ask();
  while (!check(value) && Date.now() < deadline) {
    await sleep(250);
    value = await ask();
  }
  return value;
}

describe('authentication at the gateway', () => {
  it('lets nobody read without a credential', async () => {
    const result = await graphql(platform().gatewayUrl, '{ clients { edges { node { id } } } }');
    expect(codes(result)).toContain('UNAUTHENTICATED');
    expect(result.data?.clients ?? null).toBeNull();
  });

  it('rejects unknown keys, malformed headers and made-up tokens', async () => {
    for (const authorization of ['Bearer igk_abcdefgh_' + 'x'.repeat(43), 'Basic YWxhZGRpbjpvcGVuc2VzYW1l', 'Bearer igs_' + 'y'.repeat(43), 'Bearer nonsense']) {
      const result = await graphql(platform().gatewayUrl, '{ viewer { id } }', {}, { authorization });
      expect(codes(result), authorization).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('signs an ops user in and out', async () => {
    const user = demoCredentials().ops.find((u) => u.role === 'READ_ONLY')!;
    const { signIn } = await graphqlOk<{ signIn: { token: string; user: { email: string; role: string } } }>(
      platform().gatewayUrl,
      'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token user { email role } } }',
      { e: user.email, p: user.password },
    );
    expect(signIn.user).toEqual({ email: user.email, role: 'READ_ONLY' });
    expect(signIn.token).toMatch(/^igs_/);
    const viewer = await graphqlOk<{ viewer: { kind: string; scopes: string[] } }>(platform().gatewayUrl, '{ viewer { kind scopes } }', {}, bearer(signIn.token));
    expect(viewer.viewer.kind).toBe('OPS_USER');
    expect(viewer.viewer.scopes).not.toContain('scheduling:write');

    await graphqlOk(platform().gatewayUrl, 'mutation { signOut }', {}, bearer(signIn.token));
    const after = await eventually(() => graphql(platform().gatewayUrl, '{ viewer { id } }', {}, bearer(signIn.token)), (r) => codes(r).includes('UNAUTHENTICATED'));
    expect(codes(after)).toEqual(['UNAUTHENTICATED']);
  });
  // Failed sign-ins, throttling and their audit: sign-in.e2e.ts.
});

describe('API keys', () => {
  const create = async (input: Record<string, unknown>) =>
    (
      await graphqlOk<{ createApiKey: { secret: string; apiKey: { id: string; prefix: string; last4: string; status: string } } }>(
        platform().gatewayUrl,
        'mutation($i: NewApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id prefix last4 status } } }',
        { i: input },
        await asAdmin(),
      )
    ).createApiKey;

  it('are shown once, listed by prefix and last four, and stamped when used', async () => {
    const client = seededWorld().clients[1]!;
    const { secret, apiKey: created } = await create({ clientId: client.id, name: 'listing test', scopes: ['facilities:read'] });
    expect(secret).toMatch(new RegExp(`^igk_${created.prefix}_`));
    expect(secret.endsWith(created.last4)).toBe(true);
    await graphqlOk(platform().gatewayUrl, '{ sites { edges { node { id } } } }', {}, bearer(secret));
    const listed = await graphqlOk<{ apiKey: Record<string, unknown> }>(
      platform().gatewayUrl,
      'query($id: ID!) { apiKey(id: $id) { prefix last4 lastUsedAt status client { id } } }',
      { id: created.id },
      await asAdmin(),
    );
    expect(listed.apiKey).toMatchObject({ prefix: created.prefix, last4: created.last4, status: 'ACTIVE', client: { id: client.id } });
    expect(listed.apiKey.lastUsedAt).toBeTypeOf('string');
    expect(JSON.stringify(listed)).not.toContain(secret.slice(13));
  });

  it('stop working within seconds of revocation', async () => {
    const { secret, apiKey: created } = await create({ clientId: seededWorld().clients[0]!.id, name: 'revocation test', scopes: ['facilities:read'] });
    await graphqlOk(platform().gatewayUrl, '{ sites { edges { node { id } } } }', {}, bearer(secret));
    await graphqlOk(platform().gatewayUrl, 'mutation($id: ID!) { revokeApiKey(id: $id) { status } }', { id: created.id }, await asAdmin());
    const started = Date.now();
    const after = await eventually(() => graphql(platform().gatewayUrl, '{ sites { edges { node { id } } } }', {}, bearer(secret)), (r) => codes(r).includes('UNAUTHENTICATED'));
    expect(codes(after)).toEqual(['UNAUTHENTICATED']);
    expect(Date.now() - started).toBeLessThan(7000);
  });

  it('stop working when they expire', async () => {
    const { secret } = await create({ clientId: seededWorld().clients[0]!.id, name: 'expiry test', scopes: ['facilities:read'], expiresAt: new Date(Date.now() + 1500).toISOString() });
    await graphqlOk(platform().gatewayUrl, '{ sites { edges { node { id } } } }', {}, bearer(secret));
    await sleep(2000);
    const result = await graphql(platform().gatewayUrl, '{ sites { edges { node { id } } } }', {}, bearer(secret));
    expect(codes(result)).toEqual(['UNAUTHENTICATED']);
  });

  it('rotate to a new key while the old one works until its grace period ends', async () => {
    const { secret: oldSecret, apiKey: old } = await create({ clientId: seededWorld().clients[0]!.id, name: 'rotation test', scopes: ['facilities:read'] });
    const rotated = await graphqlOk<{ rotateApiKey: { secret: string; apiKey: { id: string } } }>(
      platform().gatewayUrl,
      'mutation($id: ID!) { rotateApiKey(id: $id, graceSeconds: 2) { secret apiKey { id } } }',
      { id: old.id },
      await asAdmin(),
    );
    await graphqlOk(platform().gatewayUrl, '{ sites { edges { node { id } } } }', {}, bearer(rotated.rotateApiKey.secret));
    await graphqlOk(platform().gatewayUrl, '{ sites { edges { node { id } } } }', {}, bearer(oldSecret));
    await sleep(2500);
    expect(codes(await graphql(platform().gatewayUrl, '{ sites { edges { node { id } } } }', {}, bearer(oldSecret)))).toEqual(['UNAUTHENTICATED']);
    await graphqlOk(platform().gatewayUrl, '{ sites { edges { node { id } } } }', {}, bearer(rotated.rotateApiKey.secret));
  });

  it('refuse scopes that do not exist', async () => {
    const result = await graphql(
      platform().gatewayUrl,
      'mutation($i: NewApiKeyInput!) { createApiKey(input: $i) { secret } }',
      { i: { clientId: seededWorld().clients[0]!.id, name: 'bad', scopes: ['everything:write'] } },
      await asAdmin(),
    );
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('scopes and site limits', () => {
  it('answers FORBIDDEN naming the missing scope', async () => {
    const key = apiKey('Scheduling board (single scope)');
    const result = await graphql(platform().gatewayUrl, '{ sites { edges { node { id } } } }', {}, bearer(key.key));
    expect(codes(result)).toEqual(['FORBIDDEN']);
    expect(result.errors?.[0]?.message).toContain('facilities:read');
    expect(result.errors?.[0]?.extensions?.requiredScopes).toEqual(['facilities:read']);
  });

  it('lets a single-scope key use what its scope covers', async () => {
    const key = apiKey('Scheduling board (single scope)');
    const world = seededWorld();
    const patient = world.patients.find((p) => p.clientId === key.clientId)!;
    const data = await graphqlOk<{ patient: { id: string } }>(platform().gatewayUrl, 'query($id: ID!) { patient(id: $id) { id } }', { id: patient.id }, bearer(key.key));
    expect(data.patient.id).toBe(patient.id);
  });

  it('shows a site-limited key only its sites', async () => {
    const key = apiKey('Lincoln Park site display');
    const world = seededWorld();
    const { sites } = await graphqlOk<{ sites: { edges: { node: { id: string } }[] } }>(platform().gatewayUrl, '{ sites { edges { node { id } } } }', {}, bearer(key.key));
    expect(sites.edges.map((e) => e.node.id)).toEqual(key.siteIds);
    const otherSite = world.sites.find((s) => s.clientId === key.clientId && !key.siteIds!.includes(s.id))!;
    expect(codes(await graphql(platform().gatewayUrl, 'query($id: ID!) { site(id: $id) { id } }', { id: otherSite.id }, bearer(key.key)))).toEqual(['NOT_FOUND']);
  });
});

describe('isolation between clients', () => {
  const world = () => seededWorld();
  const [a, b] = [0, 1];

  it('lists only the caller’s own clients and sites', async () => {
    const w = world();
    const key = readKeyOf(w.clients[a]!.id);
    const data = await graphqlOk<{ clients: { edges: { node: { id: string } }[] }; sites: { edges: { node: { clientId: string } }[] } }>(
      platform().gatewayUrl,
      '{ clients { edges { node { id } } } sites(first: 500) { edges { node { clientId } } } }',
      {},
      bearer(key.key),
    );
    expect(data.clients.edges.map((e) => e.node.id)).toEqual([w.clients[a]!.id]);
    expect(new Set(data.sites.edges.map((e) => e.node.clientId))).toEqual(new Set([w.clients[a]!.id]));
  });

  it('answers NOT_FOUND for another client’s records looked up by id through the gateway', async () => {
    const w = world();
    const other = w.clients[b]!.id;
    const key = readKeyOf(w.clients[a]!.id);
    const lookups: [string, string][] = [
      ['client', other],
      ['site', w.sites.find((s) => s.clientId === other)!.id],
      ['staffMember', w.staff.find((s) => s.clientId === other)!.id],
      ['lot', w.lots.find((l) => l.clientId === other)!.id],
      ['patient', w.patients.find((p) => p.clientId === other)!.id],
      ['appointment', w.appointments.find((x) => x.clientId === other)!.id],
      ['managementContract', w.contracts.find((c) => c.clientId === other)!.id],
    ];
    for (const [field, id] of lookups) {
      const result = await graphql(platform().gatewayUrl, `query($id: ID!) { ${field}(id: $id) { id } }`, { id }, bearer(key.key));
      expect(codes(result), field).toEqual(['NOT_FOUND']);
    }
  });

  it('resolves no entity of another client through _entities, in any subgraph', async () => {
    const w = world();
    const other = w.clients[b]!.id;
    const own = clientReader(w.clients[a]!.id);
    const probes: [string, string, string][] = [
      ['facilities', 'Client', other],
      ['facilities', 'Site', w.sites.find((s) => s.clientId === other)!.id],
      ['facilities', 'Chair', w.chairs.find((s) => s.clientId === other)!.id],
      ['facilities', 'Equipment', w.equipment.find((s) => s.clientId === other)!.id],
      ['facilities', 'Certification', w.certifications.find((s) => s.clientId === other)!.id],
      ['staffing', 'StaffMember', w.staff.find((s) => s.clientId === other)!.id],
      ['staffing', 'License', w.staff.find((s) => s.clientId === other)!.licenses[0]!.id],
      ['staffing', 'Competency', w.staff.find((s) => s.clientId === other)!.competencies[0]!.id],
      ['staffing', 'Shift', w.shifts.find((s) => s.clientId === other)!.id],
      ['inventory', 'Lot', w.lots.find((s) => s.clientId === other)!.id],
      ['scheduling', 'Patient', w.patients.find((s) => s.clientId === other)!.id],
      ['scheduling', 'Order', w.orders.find((s) => s.clientId === other)!.id],
      ['scheduling', 'Appointment', w.appointments.find((s) => s.clientId === other)!.id],
      ['scheduling', 'Administration', w.administrations.find((s) => s.clientId === other)!.id],
      ['billing', 'ManagementContract', w.contracts.find((s) => s.clientId === other)!.id],
      ['billing', 'FeeSchedule', w.contracts.find((s) => s.clientId === other)!.feeSchedule.id],
    ];
    for (const [subgraph, typeName, id] of probes) {
      const result = await callSubgraph(subgraph, entityProbe(typeName), { r: [{ __typename: typeName, id }] }, own);
      expect(result.errors, `${subgraph} ${typeName}`).toBeUndefined();
      expect((result.data as { _entities: unknown[] })._entities, `${subgraph} ${typeName}`).toEqual([null]);
      // The same lookup as the owning client finds it, so the probe is a real one.
      const owner = await callSubgraph(subgraph, entityProbe(typeName), { r: [{ __typename: typeName, id }] }, clientReader(other));
      expect((owner.data as { _entities: unknown[] })._entities, `${subgraph} ${typeName} as owner`).toEqual([{ id }]);
    }
  });

  it('returns only the caller’s own rows from every list, down to nested ones', async () => {
    const w = world();
    const mine = w.clients[a]!.id;
    const key = readKeyOf(mine);
    const site = w.sites.find((s) => s.clientId === mine)!;
    const patient = w.patients.find((p) => p.clientId === mine)!;
    type Rows = { edges: { node: Record<string, unknown> }[] };
    const data = await graphqlOk<Record<string, Rows>>(
      platform().gatewayUrl,
      `query($site: ID!, $from: DateTime!, $to: DateTime!) {
        staffMembers(first: 50) { edges { node { clientId licenses { clientId } competencies { clientId } } } }
        lots(first: 50) { edges { node { clientId movements { clientId } } } }
        patients(first: 50) { edges { node { clientId } } }
        appointments(siteId: $site, from: $from, to: $to, first: 50) { edges { node { clientId administrations { clientId } } } }
        priorAuthorizations(first: 50) { edges { node { clientId } } }
        managementContracts(first: 10) { edges { node { clientId feeSchedule { clientId tiers { clientId } } } } }
      }`,
      { site: site.id, from: new Date(Date.parse(w.anchorDate) - 30 * 86_400_000), to: new Date(w.anchorDate) },
      bearer(key.key),
    );
    const clientIds = new Set<string>();
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) (k === 'clientId' ? clientIds.add(v as string) : collect(v));
      }
    };
    collect(data);
    for (const [list, rows] of Object.entries(data)) expect(rows.edges.length, `${list} is empty, so the probe proves nothing`).toBeGreaterThan(0);
    expect([...clientIds]).toEqual([mine]);

    const patientData = await callSubgraph('billing', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { coverages { clientId } priorAuthorizations { clientId } } } }', { r: [{ __typename: 'Patient', id: patient.id }] }, clientReader(w.clients[b]!.id));
    expect(patientData.data).toEqual({ _entities: [{ coverages: [], priorAuthorizations: [] }] });
    const stock = await callSubgraph('inventory', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { stock { quantityOnHand parLevel { clientId } } } } }', { r: [{ __typename: 'Site', id: site.id }] }, clientReader(w.clients[b]!.id));
    expect(stock.data).toEqual({ _entities: [{ stock: [] }] });
  });

  it('shows an admin limited to one client only that client’s API keys', async () => {
    const limited = await callSubgraph('identity', '{ apiKeys(first: 100) { edges { node { clientId } } } }', {}, { ...clientReader(world().clients[a]!.id), kind: 'OPS_USER', role: 'ADMIN', scopes: ['identity:admin'] });
    const owners = new Set((limited.data as { apiKeys: { edges: { node: { clientId: string } }[] } }).apiKeys.edges.map((e) => e.node.clientId));
    expect(owners).toEqual(new Set([world().clients[a]!.id]));
  });

  it('hides another client’s rows in nested lists', async () => {
    const w = world();
    const mine = w.clients[a]!.id;
    const key = readKeyOf(mine);
    const otherSite = w.sites.find((s) => s.clientId !== mine)!;
    const result = await graphql(platform().gatewayUrl, 'query($id: ID!) { site(id: $id) { staff { id } } }', { id: otherSite.id }, bearer(key.key));
    expect(codes(result)).toEqual(['NOT_FOUND']);
    const staff = await callSubgraph('staffing', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { staff { id } } } }', { r: [{ __typename: 'Site', id: otherSite.id }] }, clientReader(mine));
    expect(staff.data).toEqual({ _entities: [{ staff: [] }] });
  });
});

describe('subgraphs reached directly', () => {
  const probe = '{ _service { sdl } }';

  it('answer nothing without a signed context', async () => {
    for (const [name, url] of Object.entries(platform().subgraphUrls)) {
      const plain = await graphql(url, probe);
      expect(codes(plain), name).toEqual(['UNAUTHENTICATED']);
      expect(plain.data ?? null, name).toBeNull();
      const entities = await graphql(url, 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: [{ __typename: 'Site', id: seededWorld().sites[0]!.id }] });
      expect(codes(entities), name).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('reject a context signed with another key, or expired', async () => {
    const site = seededWorld().sites[0]!;
    const query = 'query($id: ID!) { site(id: $id) { id } }';
    const principal = clientReader(site.clientId);
    const forged = await callSubgraph('facilities', query, { id: site.id }, principal, { key: 'x'.repeat(40) });
    expect(codes(forged)).toEqual(['UNAUTHENTICATED']);
    const valid = await callSubgraph('facilities', query, { id: site.id }, principal);
    expect(valid.data).toEqual({ site: { id: site.id } });
    const token = await signCallerContext({ principal, requestId: 't', remoteAddress: '127.0.0.1' }, signingKey(platform().contextSigningKey), 1);
    await sleep(2100);
    const expired = await graphql(platform().subgraphUrls.facilities!, query, { id: site.id }, { [CONTEXT_HEADER]: token });
    expect(codes(expired)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('rate limits', () => {
  it('report the remaining budget and answer RATE_LIMITED with a retry hint when it runs out', async () => {
    const created = await graphqlOk<{ createApiKey: { secret: string } }>(
      platform().gatewayUrl,
      'mutation($i: NewApiKeyInput!) { createApiKey(input: $i) { secret } }',
      { i: { clientId: seededWorld().clients[2]!.id, name: 'rate limit test', scopes: ['facilities:read'] } },
      await asAdmin(),
    );
    const headers = bearer(created.createApiKey.secret);
    const first = await graphql(platform().gatewayUrl, '{ clients { edges { node { id } } } }', {}, headers);
    const budget = first.extensions?.rateLimit as { limit: number; remaining: number; cost: number };
    // The budget is spent by cost: clients 1 + its default page of 50 × (edges 1 + node 1 + id 1).
    expect(budget.cost).toBe(151);
    expect(budget.remaining).toBeLessThan(budget.limit);
    let limited: Awaited<ReturnType<typeof graphql>> | undefined;
    // Operations at the largest cost (1 + 3333 × 3 = 10,000) run the budget dry within a few rounds.
    const costly = '{ sites(first: 3333) { edges { node { id } } } }';
    for (let round = 0; round < 20 && !limited; round++) {
      const batch = await Promise.all(Array.from({ length: 50 }, () => graphql(platform().gatewayUrl, costly, {}, headers)));
      limited = batch.find((r) => codes(r).includes('RATE_LIMITED'));
    }
    expect(limited).toBeDefined();
    expect(limited!.status).toBe(429);
    expect(limited!.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });
});
