import { graphql, graphqlOk, type GraphQLResponse } from '@infusion/testkit';
import type { Principal } from '@infusion/subgraph-kit/auth';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { asAdmin, bearer, demoCredentials, readKeyOf } from '../support/auth';
import { callSubgraph } from '../support/direct';
import { platform, seededWorld } from '../support/platform';

/**
 * Issue 8, finding 1: an actor may grant only what it holds itself, and sees and manages only
 * the users and keys it could have granted. The attack this closes: an ADMIN limited to one
 * client created an unrestricted ADMIN, signed in as it and read every client's patients.
 */

const codes = (r: GraphQLResponse) => (r.errors ?? []).map((e) => e.extensions?.code);
const gateway = (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => graphql(platform().gatewayUrl, query, variables, headers);
const run = Date.now().toString(36);
const PASSWORD = 'grant-rules-password-7';

const CREATE_USER = 'mutation($i: NewOpsUserInput!) { createOpsUser(input: $i) { id email role clientIds } }';
const UPDATE_USER = 'mutation($id: ID!, $i: OpsUserChangesInput!) { updateOpsUser(id: $id, input: $i) { id role clientIds } }';
const CREATE_KEY = 'mutation($i: NewApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id clientId siteIds } } }';
const SIGN_IN = 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }';
const OPS_USERS = '{ opsUsers(first: 500) { edges { node { id email clientIds } } } }';

type User = { id: string; email: string; role: string; clientIds: string[] | null };

const world = () => seededWorld();
const clientA = () => world().clients[0]!.id;
const clientB = () => world().clients[1]!.id;

let admin: Record<string, string>;
let adminOfA: Record<string, string>;
let adminOfAUser: User;

async function createUser(headers: Record<string, string>, input: Record<string, unknown>): Promise<User> {
  return (await graphqlOk<{ createOpsUser: User }>(platform().gatewayUrl, CREATE_USER, { i: { password: PASSWORD, displayName: 'Grant Test', ...input } }, headers)).createOpsUser;
}

async function signInAs(email: string, password = PASSWORD): Promise<Record<string, string>> {
  return bearer((await graphqlOk<{ signIn: { token: string } }>(platform().gatewayUrl, SIGN_IN, { e: email, p: password })).signIn.token);
}

async function usersSeenBy(headers: Record<string, string>): Promise<User[]> {
  return (await graphqlOk<{ opsUsers: { edges: { node: User }[] } }>(platform().gatewayUrl, OPS_USERS, {}, headers)).opsUsers.edges.map((e) => e.node);
}

beforeAll(async () => {
  admin = await asAdmin();
  adminOfAUser = await createUser(admin, { email: `admin-of-a-${run}@infusiongraph.test`, role: 'ADMIN', clientIds: [clientA()] });
  adminOfA = await signInAs(adminOfAUser.email);
});

describe('an admin limited to one client, creating ops users', () => {
  it('cannot create an unrestricted admin, sign in as it and read another client’s patients', async () => {
    const email = `escalated-${run}@infusiongraph.test`;
    const created = await gateway(CREATE_USER, { i: { email, displayName: 'Escalated', role: 'ADMIN', password: PASSWORD } }, adminOfA);
    expect(codes(created)).toEqual(['FORBIDDEN']);
    expect(created.errors?.[0]?.message).toContain('every client');
    const signIn = await gateway(SIGN_IN, { e: email, p: PASSWORD }, {});
    expect(codes(signIn)).toEqual(['UNAUTHENTICATED']);
    expect((await usersSeenBy(admin)).map((u) => u.email)).not.toContain(email);

    const theirPatient = world().patients.find((p) => p.clientId === clientB())!;
    expect(codes(await gateway('query($id: ID!) { patient(id: $id) { id } }', { id: theirPatient.id }, adminOfA))).toEqual(['NOT_FOUND']);
  });

  it('cannot create a user of another client, or of its own and another', async () => {
    for (const clientIds of [[clientB()], [clientA(), clientB()]]) {
      const email = `other-client-${clientIds.length}-${run}@infusiongraph.test`;
      const result = await gateway(CREATE_USER, { i: { email, displayName: 'Other', role: 'READ_ONLY', password: PASSWORD, clientIds } }, adminOfA);
      expect(codes(result), JSON.stringify(clientIds)).toEqual(['FORBIDDEN']);
      expect((await usersSeenBy(admin)).map((u) => u.email)).not.toContain(email);
    }
  });

  it('creates users of its own client in any role it holds', async () => {
    const user = await createUser(adminOfA, { email: `own-client-${run}@infusiongraph.test`, role: 'ADMIN', clientIds: [clientA()] });
    expect(user).toMatchObject({ role: 'ADMIN', clientIds: [clientA()] });
  });

  it('refuses an empty client list (a limit to nothing) as bad input', async () => {
    const result = await gateway(CREATE_USER, { i: { email: `empty-${run}@infusiongraph.test`, displayName: 'Empty', role: 'READ_ONLY', password: PASSWORD, clientIds: [] } }, admin);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('an admin limited to one client, seeing ops users', () => {
  it('lists only users limited to its own client: no unrestricted user, none of another client', async () => {
    const seen = await usersSeenBy(adminOfA);
    expect(seen.map((u) => u.email)).toContain(adminOfAUser.email);
    for (const user of seen) expect(user.clientIds, user.email).toEqual([clientA()]);
    const hidden = demoCredentials().ops.map((u) => u.email);
    expect(seen.map((u) => u.email).filter((e) => hidden.includes(e))).toEqual([]);
    // The unrestricted admin sees them all, so the list above was a real probe.
    expect((await usersSeenBy(admin)).map((u) => u.email)).toEqual(expect.arrayContaining([...hidden, adminOfAUser.email]));
  });

  it('finds an unrestricted user nowhere: not through _entities, not to change or deactivate', async () => {
    const unrestricted = (await usersSeenBy(admin)).find((u) => u.email === 'admin@infusiongraph.test')!;
    const principal: Principal = { kind: 'OPS_USER', id: adminOfAUser.id, credentialId: null, name: adminOfAUser.email, role: 'ADMIN', clientIds: [clientA()], siteIds: null, scopes: ['identity:admin'] };
    const entities = await callSubgraph('identity', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on OpsUser { id email } } }', { r: [{ __typename: 'OpsUser', id: unrestricted.id }] }, principal);
    expect(entities.data).toEqual({ _entities: [null] });
    expect(codes(await gateway(UPDATE_USER, { id: unrestricted.id, i: { displayName: 'Taken over' } }, adminOfA))).toEqual(['NOT_FOUND']);
    expect(codes(await gateway('mutation($id: ID!) { deactivateOpsUser(id: $id) { id } }', { id: unrestricted.id }, adminOfA))).toEqual(['NOT_FOUND']);
  });
});

describe('changing an ops user', () => {
  it('never raises a user beyond what the actor holds', async () => {
    const user = await createUser(adminOfA, { email: `raise-${run}@infusiongraph.test`, role: 'READ_ONLY', clientIds: [clientA()] });
    expect(codes(await gateway(UPDATE_USER, { id: user.id, i: { clientIds: null } }, adminOfA))).toEqual(['FORBIDDEN']);
    expect(codes(await gateway(UPDATE_USER, { id: user.id, i: { clientIds: [clientA(), clientB()] } }, adminOfA))).toEqual(['FORBIDDEN']);
    const promoted = await graphqlOk<{ updateOpsUser: User }>(platform().gatewayUrl, UPDATE_USER, { id: user.id, i: { role: 'OPERATIONS' } }, adminOfA);
    expect(promoted.updateOpsUser).toMatchObject({ role: 'OPERATIONS', clientIds: [clientA()] });
    // Left out, the client limits stay; only an unrestricted admin may lift them, and then the user leaves the limited admin's sight.
    const lifted = await graphqlOk<{ updateOpsUser: User }>(platform().gatewayUrl, UPDATE_USER, { id: user.id, i: { clientIds: null } }, admin);
    expect(lifted.updateOpsUser.clientIds).toBeNull();
    expect(codes(await gateway(UPDATE_USER, { id: user.id, i: { role: 'READ_ONLY' } }, adminOfA))).toEqual(['NOT_FOUND']);
  });

  it('deactivating ends the user’s sessions and sign-ins until reactivated', async () => {
    const user = await createUser(adminOfA, { email: `deactivate-${run}@infusiongraph.test`, role: 'READ_ONLY', clientIds: [clientA()] });
    const session = await signInAs(user.email);
    await graphqlOk(platform().gatewayUrl, '{ viewer { id } }', {}, session);
    await graphqlOk(platform().gatewayUrl, 'mutation($id: ID!) { deactivateOpsUser(id: $id) { active } }', { id: user.id }, adminOfA);
    const deadline = Date.now() + 10_000;
    let viewer = await gateway('{ viewer { id } }', {}, session);
    while (!codes(viewer).includes('UNAUTHENTICATED') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      viewer = await gateway('{ viewer { id } }', {}, session);
    }
    expect(codes(viewer)).toEqual(['UNAUTHENTICATED']);
    expect(codes(await gateway(SIGN_IN, { e: user.email, p: PASSWORD }, {}))).toEqual(['UNAUTHENTICATED']);
    await graphqlOk(platform().gatewayUrl, 'mutation($id: ID!) { reactivateOpsUser(id: $id) { active } }', { id: user.id }, adminOfA);
    await signInAs(user.email);
  });

  it('does not let an admin deactivate itself', async () => {
    expect(codes(await gateway('mutation($id: ID!) { deactivateOpsUser(id: $id) { id } }', { id: adminOfAUser.id }, adminOfA))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('an admin limited to one client, issuing API keys', () => {
  it('issues keys for its own client only', async () => {
    const refused = await gateway(CREATE_KEY, { i: { clientId: clientB(), name: 'not mine', scopes: ['scheduling:read'] } }, adminOfA);
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    const issued = await graphqlOk<{ createApiKey: { apiKey: { clientId: string } } }>(platform().gatewayUrl, CREATE_KEY, { i: { clientId: clientA(), name: 'mine', scopes: ['scheduling:read'] } }, adminOfA);
    expect(issued.createApiKey.apiKey.clientId).toBe(clientA());
  });

  it('cannot rotate or revoke another client’s key: to it the key does not exist', async () => {
    const theirs = readKeyOf(clientB());
    const { apiKeys } = await graphqlOk<{ apiKeys: { edges: { node: { id: string; prefix: string } }[] } }>(platform().gatewayUrl, 'query($c: ID) { apiKeys(clientId: $c, first: 100) { edges { node { id prefix } } } }', { c: clientB() }, admin);
    const id = apiKeys.edges.find((e) => theirs.key.startsWith(`igk_${e.node.prefix}_`))!.node.id;
    expect(codes(await gateway('mutation($id: ID!) { rotateApiKey(id: $id) { secret } }', { id }, adminOfA))).toEqual(['NOT_FOUND']);
    expect(codes(await gateway('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id }, adminOfA))).toEqual(['NOT_FOUND']);
    await graphqlOk(platform().gatewayUrl, '{ clients { edges { node { id } } } }', {}, bearer(theirs.key));
  });

  it('cannot put scopes on a key that it does not hold itself', async () => {
    const narrow: Principal = { kind: 'OPS_USER', id: adminOfAUser.id, credentialId: null, name: adminOfAUser.email, role: 'ADMIN', clientIds: [clientA()], siteIds: null, scopes: ['identity:admin', 'scheduling:read'] };
    const result = await callSubgraph('identity', CREATE_KEY, { i: { clientId: clientA(), name: 'wider', scopes: ['scheduling:read', 'billing:read'] } }, narrow);
    expect(codes(result)).toEqual(['FORBIDDEN']);
    expect(result.errors?.[0]?.message).toContain('billing:read');
  });

  it('cannot give a site-limited key a site beyond its own sites', async () => {
    const [site1, site2] = world().sites.filter((s) => s.clientId === clientA());
    const siteLimited: Principal = { kind: 'OPS_USER', id: adminOfAUser.id, credentialId: null, name: adminOfAUser.email, role: 'ADMIN', clientIds: [clientA()], siteIds: [site1!.id], scopes: ['identity:admin', 'scheduling:read'] };
    const wider = await callSubgraph('identity', CREATE_KEY, { i: { clientId: clientA(), name: 'all sites', scopes: ['scheduling:read'] } }, siteLimited);
    expect(codes(wider)).toEqual(['FORBIDDEN']);
    const other = await callSubgraph('identity', CREATE_KEY, { i: { clientId: clientA(), name: 'other site', scopes: ['scheduling:read'], siteIds: [site2!.id] } }, siteLimited);
    expect(codes(other)).toEqual(['FORBIDDEN']);
  });
});

describe('client and site ids given to identity, verified through the graph', () => {
  const NO_SUCH_CLIENT = '00000000-0000-4000-8000-00000000dead';

  it('refuses a key for a client that does not exist, and creates nothing', async () => {
    const name = `ghost client ${run}`;
    const result = await gateway(CREATE_KEY, { i: { clientId: NO_SUCH_CLIENT, name, scopes: ['scheduling:read'] } }, admin);
    expect(codes(result)).toEqual(['NOT_FOUND']);
    expect(result.errors?.[0]?.extensions?.argument).toBe('clientId');
    const { apiKeys } = await graphqlOk<{ apiKeys: { edges: unknown[] } }>(platform().gatewayUrl, 'query($c: ID) { apiKeys(clientId: $c) { edges { cursor } } }', { c: NO_SUCH_CLIENT }, admin);
    expect(apiKeys.edges).toEqual([]);
  });

  it('refuses a key limited to a site of another client, and accepts one of its own sites', async () => {
    const theirSite = world().sites.find((s) => s.clientId === clientB())!;
    const ownSite = world().sites.find((s) => s.clientId === clientA())!;
    const result = await gateway(CREATE_KEY, { i: { clientId: clientA(), name: 'their site', scopes: ['scheduling:read'], siteIds: [theirSite.id] } }, admin);
    expect(codes(result)).toEqual(['NOT_FOUND']);
    expect(result.errors?.[0]?.extensions?.argument).toBe('siteIds');
    const issued = await graphqlOk<{ createApiKey: { apiKey: { siteIds: string[] } } }>(platform().gatewayUrl, CREATE_KEY, { i: { clientId: clientA(), name: 'own site', scopes: ['scheduling:read'], siteIds: [ownSite.id] } }, adminOfA);
    expect(issued.createApiKey.apiKey.siteIds).toEqual([ownSite.id]);
  });

  it('refuses a user limited to a client that does not exist, on creation and on change', async () => {
    const created = await gateway(CREATE_USER, { i: { email: `ghost-${run}@infusiongraph.test`, displayName: 'Ghost', role: 'READ_ONLY', password: PASSWORD, clientIds: [NO_SUCH_CLIENT] } }, admin);
    expect(codes(created)).toEqual(['NOT_FOUND']);
    const user = await createUser(admin, { email: `ghost-change-${run}@infusiongraph.test`, role: 'READ_ONLY', clientIds: [clientA()] });
    expect(codes(await gateway(UPDATE_USER, { id: user.id, i: { clientIds: [clientA(), NO_SUCH_CLIENT] } }, admin))).toEqual(['NOT_FOUND']);
  });

  it('answers a malformed id as bad input naming the argument', async () => {
    const result = await gateway(CREATE_KEY, { i: { clientId: 'not-an-id', name: 'malformed', scopes: ['scheduling:read'] } }, admin);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.argument).toBe('clientId');
  });
});

describe('ops users in the database, without the ORM', () => {
  it('are visible to a transaction limited to one client only when limited to that client, and cannot be written beyond it', async () => {
    const app = new pg.Client({ connectionString: platform().appDatabaseUrl });
    await app.connect();
    try {
      await app.query('begin');
      await app.query("select set_config('app.client_ids', $1, true), set_config('app.all_clients', 'off', true)", [clientA()]);
      const { rows } = await app.query<{ email: string; client_ids: string[] | null }>('select email, client_ids from identity.ops_user');
      expect(rows.map((r) => r.email)).toContain(adminOfAUser.email);
      for (const row of rows) expect(row.client_ids, row.email).toEqual([clientA()]);
      await expect(
        app.query("insert into identity.ops_user (id, email, display_name, role, client_ids, password_hash) values (gen_random_uuid(), $1, 'Raw', 'ADMIN', null, 'x')", [`raw-${run}@infusiongraph.test`]),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await app.query('rollback').catch(() => undefined);
      await app.end();
    }
  });
});
