import { randomUUID } from 'node:crypto';
import { graphql, graphqlOk } from '@infusion/testkit';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { asAdmin, bearer, readKeyOf } from '../support/auth';
import { startGateway, subgraphProxy, type SubgraphProxy } from '../support/gateway';
import { platform, seededWorld } from '../support/platform';

// Several tests start a gateway of their own (composing the supergraph): generous on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

type Answer = { status: number; contentType: string; body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: Record<string, unknown> } };

/** Posts a raw body, so that tests choose the media type asked for and see the HTTP status. */
async function post(body: unknown, headers: Record<string, string> = {}, url = platform().gatewayUrl): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: (await response.json()) as Answer['body'] };
}

const LEGACY = { accept: 'application/json' };
const GRAPHQL_RESPONSE = { accept: 'application/graphql-response+json' };
const firstError = (answer: Answer) => answer.body.errors?.[0];
const code = (answer: Answer) => firstError(answer)?.extensions?.code;
const readKey = () => bearer(readKeyOf(seededWorld().clients[0]!.id).key);

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function gateway(...args: Parameters<typeof startGateway>) {
  const started = await startGateway(...args);
  stops.push(started.stop);
  return started.url;
}

async function proxy(subgraph: string, behaviour: Parameters<typeof subgraphProxy>[1]): Promise<SubgraphProxy> {
  const started = await subgraphProxy(platform().subgraphUrls[subgraph]!, behaviour);
  stops.push(started.close);
  return started;
}

describe('a caller’s mistakes are answered as such, never as a server error', () => {
  it('answers a variable of the wrong type BAD_USER_INPUT naming the variable, 200 under application/json and 400 under graphql-response+json', async () => {
    const request = { query: 'query($id: ID!) { site(id: $id) { id } }', variables: { id: { not: 'an id' } } };
    const legacy = await post(request, { ...readKey(), ...LEGACY });
    expect(legacy.status).toBe(200);
    expect(firstError(legacy)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', variable: 'id' });
    const modern = await post(request, { ...readKey(), ...GRAPHQL_RESPONSE });
    expect(modern.status).toBe(400);
    expect(modern.contentType).toContain('application/graphql-response+json');
    expect(firstError(modern)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', variable: 'id' });
  });

  it('answers a float too large for Int BAD_USER_INPUT, as a variable or as a literal, naming it', async () => {
    const asVariable = await post({ query: 'query($n: Int) { sites(first: $n) { edges { node { id } } } }', variables: { n: 1e20 } }, readKey());
    expect(asVariable.status).toBe(200);
    expect(firstError(asVariable)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', variable: 'n' });
    const asLiteral = await post({ query: '{ sites(first: 1e20) { edges { node { id } } } }' }, readKey());
    expect(asLiteral.status).toBe(200);
    expect(firstError(asLiteral)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it('names the input field of a wrong literal inside an input object', async () => {
    const answer = await post({ query: 'mutation { createApiKey(input: { clientId: "x", name: 5, scopes: [] }) { secret } }' }, await asAdmin());
    expect(firstError(answer)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.name' });
  });

  it('answers persisted-query requests BAD_USER_INPUT: they are not offered', async () => {
    for (const extensions of [{ persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } }, { persistedQuery: { version: 2, sha256Hash: 'b' } }]) {
      const hashOnly = await post({ extensions }, readKey());
      expect(code(hashOnly), JSON.stringify(extensions)).toBe('BAD_USER_INPUT');
      expect(hashOnly.status).toBeLessThan(500);
      const withQuery = await post({ query: '{ __typename }', extensions }, readKey());
      expect(code(withQuery), JSON.stringify(extensions)).toBe('BAD_USER_INPUT');
    }
  });

  it('answers 10,000 fragment spreads QUERY_TOO_COMPLEX without parsing them', async () => {
    const flat = await post({ query: `{ ${'...F '.repeat(10_000)} } fragment F on Query { __typename }` }, readKey());
    expect(flat.status).toBe(200);
    expect(firstError(flat)?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxTokens: expect.any(Number) });
    const chain = Array.from({ length: 10_000 }, (_, i) => `fragment F${i} on Query { ${i < 9_999 ? `...F${i + 1}` : '__typename'} }`).join(' ');
    expect(code(await post({ query: `{ ...F0 } ${chain}` }, readKey()))).toBe('QUERY_TOO_COMPLEX');
  });

  it('answers a syntax error BAD_USER_INPUT', async () => {
    const answer = await post({ query: '{ sites { ' }, readKey());
    expect([answer.status, code(answer), firstError(answer)?.extensions?.reason]).toEqual([200, 'BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED']);
  });

  it('answers QUERY_TOO_COMPLEX with the request-error status, not 500', async () => {
    const request = { query: '{ sites(first: 5000) { edges { node { id } } } }' };
    const legacy = await post(request, { ...readKey(), ...LEGACY });
    expect([legacy.status, code(legacy)]).toEqual([200, 'QUERY_TOO_COMPLEX']);
    const modern = await post(request, { ...readKey(), ...GRAPHQL_RESPONSE });
    expect([modern.status, code(modern)]).toEqual([400, 'QUERY_TOO_COMPLEX']);
  });
});

describe('limits on an operation’s shape, checked before validation', () => {
  it('refuses 2,400 aliases', async () => {
    const aliases = Array.from({ length: 2_400 }, (_, i) => `a${i}: __typename`).join(' ');
    const answer = await post({ query: `{ viewer { id } ${aliases} }` }, readKey());
    expect(code(answer)).toBe('QUERY_TOO_COMPLEX');
    expect(answer.status).toBe(200);
  });

  it('refuses aliases beyond the limit even when each is cheap', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `i${i}: id`).join(' ');
    const answer = await post({ query: `{ viewer { ${aliases} } }` }, readKey());
    expect(firstError(answer)?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', aliases: 40 });
  });

  it('refuses too many root fields, counting those a fragment brings', async () => {
    const answer = await post({ query: `{ ...F ...F ...F } fragment F on Query { ${Array.from({ length: 10 }, (_, i) => `c${i}: clients { edges { node { id } } }`).join(' ')} }` }, readKey());
    expect(code(answer)).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses hundreds of repeated fields before validation compares them pairwise', async () => {
    const answer = await post({ query: `{ sites { edges { node { ${'client { id } '.repeat(400)} } } } }` }, readKey());
    expect(firstError(answer)?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxFields: expect.any(Number) });
  });

  it('still answers an ordinary day board', async () => {
    const world = seededWorld();
    const site = world.sites[0]!;
    const data = await graphqlOk<{ site: { id: string } }>(
      platform().gatewayUrl,
      'query($id: ID!, $from: DateTime!, $to: DateTime!) { site(id: $id) { id name client { name } appointments(from: $from, to: $to) { id startsAt chair { label } nurse { fullName } patient { fullName } } } }',
      { id: site.id, from: `${world.anchorDate}T00:00:00Z`, to: `${world.anchorDate}T23:59:59Z` },
      await asAdmin(),
    );
    expect(data.site.id).toBe(site.id);
  });
});

describe('the rate limit', () => {
  it('charges an operation its computed cost', async () => {
    const headers = readKey();
    const cheap = (await graphql(platform().gatewayUrl, '{ __typename }', {}, headers)).extensions?.rateLimit as { cost: number };
    expect(cheap.cost).toBe(1);
    const page = (await graphql(platform().gatewayUrl, '{ sites(first: 100) { edges { node { id } } } }', {}, headers)).extensions?.rateLimit as { cost: number };
    // 1 for the connection, plus 100 × (edges 1 + node 1 + id 1).
    expect(page.cost).toBe(301);
  });

  it('refuses an operation costlier than what is left, while cheaper ones still pass', async () => {
    const url = await gateway({ rateLimitPerMinute: 1_000, limits: { maxComplexity: 1_000 } });
    const headers = readKey();
    const costly = '{ sites(first: 300) { edges { node { id } } } }'; // 901
    expect((await graphql(url, costly, {}, headers)).errors).toBeUndefined();
    const refused = await post({ query: costly }, headers, url);
    expect(refused.status).toBe(429);
    expect(firstError(refused)?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect((await graphql(url, '{ viewer { id } }', {}, headers)).errors).toBeUndefined();
  });

  it('ignores X-Forwarded-For unless the connection comes from a trusted proxy', async () => {
    const spoofed = (i: number) => ({ 'x-forwarded-for': `203.0.113.${i % 250}, 198.51.100.${i % 200}` });
    const untrusting = await gateway({ rateLimitPerMinute: 50, limits: { maxComplexity: 50 } });
    const answers = await Promise.all(Array.from({ length: 80 }, (_, i) => post({ query: '{ __typename }' }, spoofed(i), untrusting)));
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThan(0);

    // The same rotation through a gateway told to trust this proxy: each address its own budget.
    const trusting = await gateway({ rateLimitPerMinute: 50, limits: { maxComplexity: 50 }, trustedProxies: ['127.0.0.1', '::1'] });
    const passed = await Promise.all(Array.from({ length: 80 }, (_, i) => post({ query: '{ __typename }' }, { 'x-forwarded-for': `203.0.113.${i}` }, trusting)));
    expect(passed.filter((a) => a.status === 429)).toEqual([]);
  });

  it('records the connection’s address in the audit trail, not a forged one', async () => {
    const admin = await asAdmin();
    const create = 'mutation($i: NewApiKeyInput!) { createApiKey(input: $i) { apiKey { id } } }';
    const addressOf = async (url: string, forwardedFor: string) => {
      const made = await post({ query: create, variables: { i: { clientId: seededWorld().clients[0]!.id, name: 'forwarded-for test', scopes: ['facilities:read'] } } }, { ...admin, 'x-forwarded-for': forwardedFor }, url);
      const id = (made.body.data as { createApiKey: { apiKey: { id: string } } }).createApiKey.apiKey.id;
      const audit = await graphqlOk<{ auditEvents: { edges: { node: { remoteAddress: string | null } }[] } }>(
        platform().gatewayUrl,
        'query($id: ID!) { auditEvents(entityId: $id, first: 5) { edges { node { remoteAddress } } } }',
        { id },
        admin,
      );
      return audit.auditEvents.edges.map((e) => e.node.remoteAddress);
    };
    expect(await addressOf(platform().gatewayUrl, '203.0.113.9')).not.toContain('203.0.113.9');
    const trusting = await gateway({ trustedProxies: ['127.0.0.1', '::1'] });
    expect(await addressOf(trusting, '203.0.113.9')).toEqual(['203.0.113.9']);
  });

  it('limits failed credentials per address, and asks identity once about a refused one', async () => {
    const identity = await proxy('identity', 'forward');
    // Accepted credentials stay cached for the whole test, however slow the machine.
    const url = await gateway({ failedCredentialsPerMinute: 5, authCacheMs: 120_000, trustedProxies: ['127.0.0.1', '::1'] }, { identity: identity.url });
    const lookups = () => identity.requests.filter((r) => r.path === '/internal/authenticate').length;
    const from = (address: string, key: string) => post({ query: '{ viewer { id } }' }, { 'x-forwarded-for': address, authorization: `Bearer ${key}` }, url);
    const madeUp = () => `igk_${randomUUID().slice(0, 8)}_${'x'.repeat(43)}`;
    const good = readKeyOf(seededWorld().clients[0]!.id).key;

    expect(code(await from('203.0.113.50', good))).toBeUndefined();
    const repeated = madeUp();
    expect(code(await from('203.0.113.50', repeated))).toBe('UNAUTHENTICATED');
    const asked = lookups();
    expect(code(await from('203.0.113.50', repeated))).toBe('UNAUTHENTICATED');
    expect(lookups(), 'a refused credential is remembered').toBe(asked);

    // The budget refills slowly (5 a minute), so a few more made-up keys exhaust it.
    let limited: Answer | undefined;
    for (let sent = 0; sent < 20 && !limited; sent++) {
      const before = lookups();
      const answer = await from('203.0.113.50', madeUp());
      if (answer.status === 429) {
        limited = answer;
        expect(lookups(), 'a limited address costs identity nothing').toBe(before);
      } else {
        expect(code(answer)).toBe('UNAUTHENTICATED');
      }
    }
    expect(limited && code(limited)).toBe('RATE_LIMITED');
    expect(code(await from('203.0.113.50', good)), 'a credential already accepted keeps working').toBeUndefined();
    expect(code(await from('203.0.113.51', madeUp())), 'other addresses are not limited').toBe('UNAUTHENTICATED');
  });
});

describe('subgraph calls', () => {
  it('answer SERVICE_UNAVAILABLE (DEADLINE_EXCEEDED, retryable) when the deadline passes', async () => {
    const stalled = await proxy('facilities', 'stall');
    const url = await gateway({ requestTimeoutMs: 500 }, { facilities: stalled.url });
    const answer = await post({ query: '{ sites { edges { node { id } } } }' }, readKey(), url);
    expect(answer.status).toBe(503);
    expect(answer.body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'DEADLINE_EXCEEDED', retryable: true } }]);
  });

  it('answer SERVICE_UNAVAILABLE (SUBGRAPH_UNAVAILABLE) when a subgraph cannot be reached', async () => {
    const gone = await proxy('facilities', 'forward');
    await gone.close();
    const url = await gateway({}, { facilities: gone.url });
    const answer = await post({ query: '{ sites { edges { node { id } } } }' }, readKey(), url);
    expect(firstError(answer)?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'SUBGRAPH_UNAVAILABLE', retryable: true });
  });

  it('survive a subgraph closing a kept-alive connection as it is reused: reads are sent again', async () => {
    const facilities = await proxy('facilities', 'close-reused-connections');
    const url = await gateway({}, { facilities: facilities.url });
    const headers = readKey();
    for (let i = 0; i < 5; i++) {
      const answer = await post({ query: '{ sites { edges { node { id } } } }' }, headers, url);
      expect(answer.body.errors, `call ${i}`).toBeUndefined();
    }
    const unknown = await post({ query: 'query($id: ID!) { site(id: $id) { id } }', variables: { id: randomUUID() } }, headers, url);
    expect(code(unknown)).toBe('NOT_FOUND');
    expect(facilities.requests.some((r) => !r.forwarded), 'the proxy closed some reused connection').toBe(true);
  });

  it('never send a mutation twice: a broken connection answers SERVICE_UNAVAILABLE, not retryable, not INTERNAL_SERVER_ERROR', async () => {
    const scheduling = await proxy('scheduling', 'close-reused-connections');
    const url = await gateway({}, { scheduling: scheduling.url });
    const admin = await asAdmin();
    // A read first, so that the gateway holds a kept-alive connection to scheduling.
    expect((await post({ query: '{ patients(first: 1) { edges { node { id } } } }' }, admin, url)).body.errors).toBeUndefined();
    const answer = await post({ query: 'mutation($id: ID!) { cancelAppointment(id: $id, reason: "keep-alive test") { id } }', variables: { id: randomUUID() } }, admin, url);
    expect(firstError(answer)?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'SUBGRAPH_UNAVAILABLE', retryable: false });
    expect(scheduling.requests.filter((r) => r.body.includes('cancelAppointment'))).toHaveLength(1);
  });
});
