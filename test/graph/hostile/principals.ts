import { API_KEY_SCOPES } from '@infusion/subgraph-kit/auth';
import { graphqlOk } from '@infusion/testkit';
import { apiKey, asAdmin, bearer, demoCredentials, readKeyOf, signInAs } from '../../support/auth';
import { platform, seededWorld } from '../../support/platform';
import type { View } from './knowledge';

/** Someone the suite attacks the graph as. */
export interface Principal {
  label: string;
  kind: 'OPS_USER' | 'API_KEY';
  headers: Record<string, string>;
  view: View;
}

export interface Cast {
  /** The limited principals every probe runs as: each must see only its own client (and sites). */
  limited: Principal[];
  /** Unrestricted admins, taken in turn for the bulk stages so no one caller's rate limit decides the run. */
  admins: Principal[];
  /** Ids created as targets for cross-client writes (never used to sign in). */
  victims: string[];
}

const PASSWORD = 'Hostile-suite-passw0rd-2026';
let created = 0;
const unique = (what: string) => `hostile-${what}-${Date.now().toString(36)}-${++created}`;

async function asDemoAdmin<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  return graphqlOk<T>(platform().gatewayUrl, query, variables, await asAdmin());
}

async function createOpsUser(role: string, clientIds: string[] | null): Promise<{ id: string; email: string }> {
  const email = `${unique(role.toLowerCase())}@infusiongraph.test`;
  const { createOpsUser: user } = await asDemoAdmin<{ createOpsUser: { id: string } }>(
    'mutation($i: NewOpsUserInput!) { createOpsUser(input: $i) { id } }',
    { i: { email, displayName: `Hostile ${role.toLowerCase()}`, role, password: PASSWORD, ...(clientIds ? { clientIds } : {}) } },
  );
  return { id: user.id, email };
}

async function signIn(email: string): Promise<Record<string, string>> {
  const { signIn: session } = await graphqlOk<{ signIn: { token: string } }>(
    platform().gatewayUrl,
    'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }',
    { e: email, p: PASSWORD },
  );
  return bearer(session.token);
}

async function createKey(clientId: string, name: string, scopes: readonly string[], siteIds?: string[]): Promise<{ id: string; secret: string }> {
  const { createApiKey } = await asDemoAdmin<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
    'mutation($i: NewApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id } } }',
    { i: { clientId, name, scopes, ...(siteIds ? { siteIds } : {}) } },
  );
  return { id: createApiKey.apiKey.id, secret: createApiKey.secret };
}

/**
 * The cast, per the issue: two clients' read keys, a client-limited admin, a site-limited key and
 * a single-scope key from the demo credentials file, plus what the file lacks, created through
 * the graph by the demo admin: an ADMIN limited to one client, a client's key allowed to write,
 * and a site-limited key allowed to write. The demo's client-limited OPERATIONS user joins too.
 */
export async function assembleCast(adminCount: number): Promise<Cast> {
  const world = seededWorld();
  const [a, b] = world.clients;
  const lincolnPark = apiKey('Lincoln Park site display');
  const singleScope = apiKey('Scheduling board (single scope)');
  const regional = demoCredentials().ops.find((u) => u.clientIds?.length)!;
  const keyPrincipal = (label: string, key: { key: string; clientId: string; siteIds?: string[] }): Principal => ({
    label,
    kind: 'API_KEY',
    headers: bearer(key.key),
    view: { clientIds: [key.clientId], siteIds: key.siteIds ?? null },
  });

  const limitedAdmin = await createOpsUser('ADMIN', [b!.id]);
  const writer = await createKey(a!.id, unique('writer'), API_KEY_SCOPES);
  const siteWriter = await createKey(a!.id, unique('site-writer'), API_KEY_SCOPES, lincolnPark.siteIds);

  const limited: Principal[] = [
    keyPrincipal(`read key of client A (${a!.name})`, readKeyOf(a!.id)),
    keyPrincipal(`read key of client B (${b!.name})`, readKeyOf(b!.id)),
    keyPrincipal('site-limited read key (client A, Lincoln Park)', lincolnPark),
    keyPrincipal('single-scope key (client A, scheduling:read)', singleScope),
    keyPrincipal('write key of client A', { key: writer.secret, clientId: a!.id }),
    keyPrincipal('site-limited write key (client A, Lincoln Park)', { key: siteWriter.secret, clientId: a!.id, siteIds: lincolnPark.siteIds }),
    { label: 'ADMIN limited to client B', kind: 'OPS_USER', headers: await signIn(limitedAdmin.email), view: { clientIds: [b!.id], siteIds: null } },
    {
      label: 'OPERATIONS limited to client B (demo)',
      kind: 'OPS_USER',
      headers: bearer(await signInAs(regional.email)),
      view: { clientIds: regional.clientIds!, siteIds: null },
    },
  ];

  const admins: Principal[] = [{ label: 'demo admin', kind: 'OPS_USER', headers: await asAdmin(), view: { clientIds: null, siteIds: null } }];
  for (let i = 1; i < adminCount; i++) {
    const user = await createOpsUser('ADMIN', null);
    admins.push({ label: `admin ${i}`, kind: 'OPS_USER', headers: await signIn(user.email), view: { clientIds: null, siteIds: null } });
  }

  // Targets for writes on another client's ids: a key and a user of each client that nobody uses.
  const victims: string[] = [];
  for (const client of world.clients) {
    victims.push((await createKey(client.id, unique('victim-key'), ['facilities:read'])).id);
    victims.push((await createOpsUser('READ_ONLY', [client.id])).id);
  }
  return { limited, admins, victims };
}

/** Takes the admins in turn. */
export function rotation(admins: Principal[]): () => Principal {
  let next = 0;
  return () => admins[next++ % admins.length]!;
}
