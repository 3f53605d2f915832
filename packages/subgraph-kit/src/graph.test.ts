import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ANONYMOUS, type CallerContext, type Principal } from './auth/principal';
import { CONTEXT_HEADER, verifyCallerContext } from './auth/signed-context';
import { GraphClient } from './graph';
import { SubgraphClient } from './subgraph-client';

const key = new TextEncoder().encode('a-test-signing-key-of-at-least-32-chars');
const SITE = '11111111-1111-4111-8111-111111111111';
const CHAIR = '22222222-2222-4222-8222-222222222222';
const OTHER = '33333333-3333-4333-8333-333333333333';

/** A client-limited key that may book but read nothing else. */
const booker: Principal = {
  kind: 'API_KEY', id: 'key-1', credentialId: 'key-1', name: 'booking key', role: null,
  clientIds: ['client-a'], siteIds: ['site-1'], scopes: ['scheduling:write'],
};
const caller = (principal: Principal = booker): CallerContext => ({ principal, requestId: 'req-1', remoteAddress: '10.0.0.7' });

interface Received {
  caller: CallerContext;
  query: string;
  representations: { __typename: string; id: string }[];
  requestId: string | undefined;
}

/**
 * A stand-in for an owner subgraph over real HTTP: verifies the signed context like a subgraph,
 * records what it was asked, and answers with `respond` (by default: the entities it "owns").
 */
let received: Received[] = [];
let respond: (asked: Received, res: ServerResponse) => void;
const owned = new Map<string, Record<string, unknown>>([
  [SITE, { __typename: 'Site', id: SITE, clientId: 'client-a' }],
  [CHAIR, { __typename: 'Chair', id: CHAIR, clientId: 'client-a', siteId: SITE, active: true }],
]);
const answerOwned = (asked: Received, res: ServerResponse) =>
  res.end(JSON.stringify({ data: { _entities: asked.representations.map((r) => owned.get(r.id) ?? null) } }));

let server: Server;
let url: string;
const http = new SubgraphClient();

beforeAll(async () => {
  server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = JSON.parse(raw) as { query: string; variables: { representations: Received['representations'] } };
    const header = req.headers[CONTEXT_HEADER];
    const asked: Received = {
      caller: await verifyCallerContext(Array.isArray(header) ? header[0] : header, key),
      query: body.query,
      representations: body.variables.representations,
      requestId: req.headers['x-request-id'] as string | undefined,
    };
    received.push(asked);
    res.setHeader('content-type', 'application/json');
    respond(asked, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  http.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  received = [];
  respond = answerOwned;
});

const client = (principal?: Principal) => new GraphClient({ facilities: url, identity: url }, key, caller(principal), http);

describe('GraphClient: verifying what a write references, as the caller', () => {
  it('asks the owner once for several types, and finds each id under its own type', async () => {
    const found = await client().lookup<{ Site: { id: string; clientId: string }; Chair: { id: string; siteId: string } }>('facilities', {
      Site: { ids: [SITE, SITE], selection: 'clientId' },
      Chair: { ids: [CHAIR, OTHER], selection: 'clientId siteId active' },
    });
    expect(received).toHaveLength(1);
    expect(received[0]!.representations).toEqual([
      { __typename: 'Site', id: SITE },
      { __typename: 'Chair', id: CHAIR },
      { __typename: 'Chair', id: OTHER },
    ]);
    expect(received[0]!.query).toContain('... on Site { __typename id clientId }');
    expect(found.Site.get(SITE)).toMatchObject({ clientId: 'client-a' });
    expect(found.Chair.get(CHAIR)).toMatchObject({ siteId: SITE, active: true });
    expect(found.Chair.has(OTHER)).toBe(false);
  });

  it('sends the caller’s tenant limits unchanged and lends only the owner’s read scope', async () => {
    await client().entities('facilities', 'Site', [SITE], 'clientId');
    const { principal, requestId, remoteAddress } = received[0]!.caller;
    expect(principal).toMatchObject({ kind: 'API_KEY', id: 'key-1', clientIds: ['client-a'], siteIds: ['site-1'] });
    expect(principal.scopes).toEqual(['facilities:read']);
    expect({ requestId, remoteAddress }).toEqual({ requestId: 'req-1', remoteAddress: '10.0.0.7' });
    expect(received[0]!.requestId).toBe('req-1');
  });

  it('answers in the order asked, null for what the owner does not have', async () => {
    expect(await client().entities('facilities', 'Site', [OTHER, SITE], 'clientId')).toEqual([null, expect.objectContaining({ id: SITE })]);
  });

  it('never takes an answer for another id or type as the one asked for', async () => {
    respond = (asked, res) => res.end(JSON.stringify({ data: { _entities: asked.representations.map(() => owned.get(CHAIR)) } }));
    expect(await client().entities('facilities', 'Site', [SITE], 'clientId')).toEqual([null]);
  });

  it('names the argument: NOT_FOUND for an unknown id, BAD_USER_INPUT for a malformed one (without asking)', async () => {
    await expect(client().require('facilities', 'Site', OTHER, 'clientId', 'siteId')).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND', argument: 'siteId' } });
    await expect(client().require('facilities', 'Site', 'not-a-uuid', 'clientId', 'siteId')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'siteId' } });
    expect(received).toHaveLength(1);
  });

  it('treats a per-entity NOT_FOUND from the owner as absent', async () => {
    respond = (_asked, res) => res.end(JSON.stringify({ data: { _entities: [null] }, errors: [{ message: 'Site not found', path: ['_entities', 0], extensions: { code: 'NOT_FOUND' } }] }));
    expect(await client().entities('facilities', 'Site', [SITE], 'clientId')).toEqual([null]);
  });

  it('never mistakes a failing owner for "not found": SERVICE_UNAVAILABLE, retryable', async () => {
    respond = (_asked, res) => {
      res.statusCode = 503;
      res.end(JSON.stringify({ errors: [{ message: 'busy', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }));
    };
    await expect(client().entities('facilities', 'Site', [SITE], 'clientId')).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } });
    respond = (_asked, res) => res.end('<html>oops</html>');
    await expect(client().entities('facilities', 'Site', [SITE], 'clientId')).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    await expect(new GraphClient({ facilities: 'http://127.0.0.1:1/graphql' }, key, caller(), http).entities('facilities', 'Site', [SITE], 'x')).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'SUBGRAPH_UNAVAILABLE' },
    });
  });

  it('fails loudly, not as "not found", when the lookup itself is wrong', async () => {
    respond = (_asked, res) => res.end(JSON.stringify({ data: { _entities: [null] }, errors: [{ message: 'Cannot query field "nope"', path: ['_entities', 0], extensions: { code: 'FORBIDDEN' } }] }));
    const failure = await client().entities('facilities', 'Site', [SITE], 'nope').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as { extensions?: unknown }).extensions).toBeUndefined();
  });

  it('retries once on a connection dropped before any answer', async () => {
    let dropped = false;
    respond = (asked, res) => {
      if (!dropped) {
        dropped = true;
        res.socket?.destroy();
        return;
      }
      answerOwned(asked, res);
    };
    expect(await client().entities('facilities', 'Site', [SITE], 'clientId')).toEqual([expect.objectContaining({ id: SITE })]);
    expect(received).toHaveLength(2);
  });

  it('lends no scope to an anonymous caller, and never looks into identity', async () => {
    await expect(client(ANONYMOUS).entities('facilities', 'Site', [SITE], 'clientId')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(client().entities('identity', 'OpsUser', [SITE], 'email')).rejects.toThrow(/not looked up/);
    expect(received).toHaveLength(0);
  });
});
