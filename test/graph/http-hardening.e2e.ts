import { CONTEXT_HEADER } from '@infusion/subgraph-kit/auth';
import { graphql, metricBySubgraph } from '@infusion/testkit';
import { SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { bearer, readKeyOf } from '../support/auth';
import { clientReader } from '../support/direct';
import { platform, seededWorld } from '../support/platform';

// Each test asks the gateway and all six subgraphs: generous on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

/** The gateway and every subgraph, by name. */
const servers = () => ({ gateway: platform().gatewayUrl, ...platform().subgraphUrls });

interface Raw {
  status: number;
  contentType: string;
  text: string;
}

async function send(url: string, init: RequestInit): Promise<Raw> {
  const response = await fetch(url, init);
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** A JSON GraphQL error with this code, and nothing of our internals. */
function expectJsonError(answer: Raw, code: string, where: string): void {
  expect(answer.contentType, where).toContain('application/json');
  const body = JSON.parse(answer.text) as { errors?: { message: string; extensions?: { code?: string } }[] };
  expect(body.errors?.[0]?.extensions?.code, where).toBe(code);
  for (const leak of ['<html', '<pre', 'node_modules', '/work/', '/root/', 'at JSON.parse', 'at async', 'SyntaxError', 'stack']) {
    expect(answer.text, `${where} leaks "${leak}"`).not.toContain(leak);
  }
}

describe('HTTP requests that never reach GraphQL, on the gateway and every subgraph', () => {
  it('answer malformed JSON with a JSON error, not an HTML stack trace', async () => {
    for (const [name, url] of Object.entries(servers())) {
      const answer = await send(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ __typename }"' });
      expect(answer.status, name).toBe(400);
      expectJsonError(answer, 'BAD_USER_INPUT', name);
    }
  });

  it('answer a body over the limit with a JSON error', async () => {
    const body = JSON.stringify({ query: `{ __typename } # ${'x'.repeat(2 * 1024 * 1024)}` });
    for (const [name, url] of Object.entries(servers())) {
      const answer = await send(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(answer.status, name).toBe(413);
      expectJsonError(answer, 'BAD_USER_INPUT', name);
    }
  });

  it('answer a charset other than UTF-8 with a JSON error', async () => {
    for (const charset of ['utf-16', 'latin1', 'klingon']) {
      for (const [name, url] of Object.entries(servers())) {
        const answer = await send(url, { method: 'POST', headers: { 'content-type': `application/json; charset=${charset}` }, body: '{"query":"{ __typename }"}' });
        expect(answer.status, `${name} ${charset}`).toBe(415);
        expectJsonError(answer, 'BAD_USER_INPUT', `${name} ${charset}`);
      }
    }
  });

  it('answer a body that is not JSON with a JSON error', async () => {
    for (const [name, url] of Object.entries(servers())) {
      const answer = await send(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ __typename }' });
      expect(answer.status, name).toBe(415);
      expectJsonError(answer, 'BAD_USER_INPUT', name);
    }
  });

  it('answer an unknown route or method with a JSON error', async () => {
    for (const [name, url] of Object.entries(servers())) {
      const base = url.replace(/\/graphql$/, '');
      const unknown = await send(`${base}/nothing/here`, { method: 'GET' });
      expect(unknown.status, name).toBe(404);
      expectJsonError(unknown, 'NOT_FOUND', name);
      const wrongMethod = await send(`${base}/healthz`, { method: 'DELETE' });
      expect(wrongMethod.status, name).toBe(404);
      expectJsonError(wrongMethod, 'NOT_FOUND', name);
      const put = await send(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      // A subgraph tells a caller without a gateway-signed context nothing else.
      expect(put.status, name).toBe(name === 'gateway' ? 405 : 401);
      expectJsonError(put, name === 'gateway' ? 'BAD_USER_INPUT' : 'UNAUTHENTICATED', name);
      const malformedUrl = await send(`${base}/%E0%A4%A`, { method: 'GET' });
      expect(malformedUrl.status, name).toBeGreaterThanOrEqual(400);
      expect(malformedUrl.status, name).toBeLessThan(500);
      expect(malformedUrl.text, name).not.toContain('<html');
    }
  });
});

describe('the gateway’s query plans', () => {
  it('are never shown to a caller, whatever NODE_ENV is', async () => {
    const site = seededWorld().sites[0]!;
    const key = bearer(readKeyOf(site.clientId).key);
    for (const format of ['prettified', 'internal']) {
      const headers = { ...key, 'apollo-query-plan-experimental': '1', 'apollo-query-plan-experimental-format': format };
      const answer = await graphql<{ site: { id: string; stock: unknown[] } }>(platform().gatewayUrl, 'query($id: ID!) { site(id: $id) { id stock { quantityOnHand } } }', { id: site.id }, headers);
      expect(answer.data?.site.id, format).toBe(site.id);
      expect(answer.extensions ?? {}, format).not.toHaveProperty('__queryPlanExperimental');
      expect(JSON.stringify(answer), format).not.toContain('inventory');
    }
  });
});

describe('a subgraph reached by a browser', () => {
  it('serves no landing page, whatever NODE_ENV is: a JSON error, before any signed context', async () => {
    for (const [name, url] of Object.entries(platform().subgraphUrls)) {
      for (const target of [url, `${url}?query=%7B__typename%7D`]) {
        const answer = await send(target, { method: 'GET', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
        expect(answer.status, `${name} ${target}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${name} ${target}`).toBeLessThan(500);
        expect(answer.contentType, `${name} ${target}`).toContain('application/json');
        expect(answer.text, `${name} ${target}`).not.toContain('<html');
      }
    }
  });
});

describe('/metrics on the subgraphs', () => {
  it('answers only with the metrics token', async () => {
    for (const [name, url] of Object.entries(platform().subgraphUrls)) {
      const metrics = url.replace(/\/graphql$/, '/metrics');
      const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-token-wrong-token' }, { authorization: `Basic ${platform().metricsToken}` }];
      for (const headers of attempts) {
        const refused = await send(metrics, { headers });
        expect(refused.status, name).toBe(401);
        expectJsonError(refused, 'UNAUTHENTICATED', name);
        expect(refused.text).not.toContain('sql_statements_total');
      }
    }
    const counts = await metricBySubgraph(platform(), 'sql_statements_total');
    expect(Object.keys(counts).sort()).toEqual(Object.keys(platform().subgraphUrls).sort());
  });

  it("counts the collectors' own statements apart, so reading /metrics does not inflate sql_statements_total", async () => {
    // The event backlog lines come from SQL run while /metrics is read; each scrape must move
    // only sql_statements_other_total for them, or every statement count a test or the bench
    // takes between two scrapes would include the scrapes themselves.
    const operations = await metricBySubgraph(platform(), 'sql_statements_total');
    const first = await metricBySubgraph(platform(), 'sql_statements_other_total');
    const second = await metricBySubgraph(platform(), 'sql_statements_other_total');
    const collecting = Object.keys(second).filter((name) => second[name]! > first[name]!);
    expect(collecting.length).toBeGreaterThan(0);
    // No GraphQL operation ran meanwhile: scrapes and background work (event sweeps) moved nothing here.
    expect(await metricBySubgraph(platform(), 'sql_statements_total')).toEqual(operations);
  });
});

describe('a subgraph reached with a signed context', () => {
  const key = () => new TextEncoder().encode(platform().contextSigningKey);
  const site = () => seededWorld().sites[0]!;
  const craft = (claims: { iat?: number; exp?: number }) => {
    const jwt = new SignJWT({ principal: clientReader(site().clientId), rid: 'r', ip: '127.0.0.1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('infusion-gateway')
      .setAudience('infusion-subgraphs');
    if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    return jwt.sign(key());
  };
  const ask = async (token: string) =>
    graphql(platform().subgraphUrls.facilities!, 'query($id: ID!) { site(id: $id) { id } }', { id: site().id }, { [CONTEXT_HEADER]: token });
  const now = () => Math.floor(Date.now() / 1000);

  it('refuses a validly signed context without an expiry, or one that lives too long', async () => {
    const good = await ask(await craft({ iat: now(), exp: now() + 30 }));
    expect(good.data).toEqual({ site: { id: site().id } });
    for (const claims of [{ iat: now() }, { exp: now() + 30 }, { iat: now(), exp: now() + 86_400 }, { iat: now() - 3600, exp: now() + 30 }]) {
      const refused = await ask(await craft(claims));
      expect(refused.errors?.[0]?.extensions?.code, JSON.stringify(claims)).toBe('UNAUTHENTICATED');
      expect(refused.data ?? null).toBeNull();
    }
  });
});

describe('introspection', () => {
  const asks = [
    '{ __schema { types { name } } }',
    '{ __type(name: "Patient") { fields { name } } }',
    '{ ...F } fragment F on Query { __schema { queryType { name } } }',
    '{ viewer { id } meta: __schema { types { name } } }',
  ];

  it('is refused to anonymous callers, however it is asked', async () => {
    for (const query of asks) {
      const answer = await graphql(platform().gatewayUrl, query);
      expect(answer.errors?.map((e) => e.extensions?.code), query).toEqual(['UNAUTHENTICATED']);
      expect(answer.status, query).toBe(401);
      expect(JSON.stringify(answer.data ?? null)).not.toContain('Patient');
    }
  });

  it('is open to callers with a credential; anonymous callers may still ask for __typename', async () => {
    const key = bearer(readKeyOf(seededWorld().clients[0]!.id).key);
    const answer = await graphql<{ __schema: { types: { name: string }[] } }>(platform().gatewayUrl, asks[0]!, {}, key);
    expect(answer.data?.__schema.types.map((t) => t.name)).toContain('Patient');
    expect((await graphql(platform().gatewayUrl, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });
});
