import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { buildDemoWorld } from '@infusion/demo-data';
import type { OpsRole, SeedFunction, SeedOptions } from '@infusion/subgraph-kit';
import { ApiKey } from './api-keys/api-key.entity';
import { newApiKey } from './credentials';
import { OpsUser } from './users/ops-user.entity';
import { hashPassword } from './users/password';

const READ_SCOPES = ['facilities:read', 'staffing:read', 'inventory:read', 'scheduling:read', 'billing:read', 'fees:read'];

/** Random-looking but repeatable bytes, so the demo keys are the same for the same seed. */
function seededBytes(seed: number, label: string): (size: number) => Buffer {
  let counter = 0;
  return (size) => createHash('sha256').update(`${seed}:${label}:${counter++}`).digest().subarray(0, size);
}

/** A demo ops user with the password the credentials file lists. */
interface DemoOpsUser {
  email: string;
  displayName: string;
  password: string;
  role: OpsRole;
  clientIds: string[] | null;
}

/**
 * A demo API key as issued: the secret (shown once in real life, listed in the demo file here)
 * and the prefix, last four and hash the database stores.
 */
interface DemoApiKey {
  clientId: string;
  clientName: string;
  name: string;
  scopes: string[];
  siteIds?: string[];
  issued: ReturnType<typeof newApiKey>;
}

/**
 * Demo ops users (one per role, plus one limited to a client) and API keys: every client gets a
 * key with all read scopes, one gets a single-scope key and one a site-limited key. Derived from
 * the seed alone, so the credentials file can be written again without the database.
 */
export function demoCredentials({ seed, anchorDate }: SeedOptions): { ops: DemoOpsUser[]; apiKeys: DemoApiKey[] } {
  const world = buildDemoWorld(seed, anchorDate);
  const [oncology, npClinic] = world.clients;
  const users: Omit<DemoOpsUser, 'password'>[] = [
    { email: 'admin@infusiongraph.test', displayName: 'Avery Admin', role: 'ADMIN', clientIds: null },
    { email: 'ops@infusiongraph.test', displayName: 'Jordan Operations', role: 'OPERATIONS', clientIds: null },
    { email: 'finance@infusiongraph.test', displayName: 'Morgan Finance', role: 'FINANCE', clientIds: null },
    { email: 'viewer@infusiongraph.test', displayName: 'Riley Viewer', role: 'READ_ONLY', clientIds: null },
    { email: 'redrock.ops@infusiongraph.test', displayName: 'Casey Regional', role: 'OPERATIONS', clientIds: [npClinic!.id] },
  ];
  const ops = users.map((u) => ({ ...u, password: `demo-${u.role.toLowerCase().replace('_', '-')}-${seed}${u.clientIds ? '-limited' : ''}` }));
  const keys: Omit<DemoApiKey, 'clientName' | 'issued'>[] = [
    ...world.clients.map((c) => ({ clientId: c.id, name: `${c.name} read-only integration`, scopes: READ_SCOPES })),
    { clientId: oncology!.id, name: 'Scheduling board (single scope)', scopes: ['scheduling:read'] },
    { clientId: oncology!.id, name: 'Lincoln Park site display', scopes: READ_SCOPES, siteIds: [world.sites.find((s) => s.clientId === oncology!.id)!.id] },
  ];
  const apiKeys = keys.map((k) => ({
    ...k,
    clientName: world.clients.find((c) => c.id === k.clientId)!.name,
    issued: newApiKey(seededBytes(seed, k.name)),
  }));
  return { ops, apiKeys };
}

/** The file DESIGN section 7 describes, less the gateway URL the launcher adds. */
export async function writeDemoCredentials(options: SeedOptions): Promise<void> {
  const path = process.env.DEMO_CREDENTIALS_PATH;
  if (!path) throw new Error('DEMO_CREDENTIALS_PATH must say where to write the demo credentials');
  const { ops, apiKeys } = demoCredentials(options);
  const listed = {
    ops: ops.map(({ email, password, role, clientIds }) => ({ email, password, role, ...(clientIds ? { clientIds } : {}) })),
    apiKeys: apiKeys.map(({ clientId, clientName, name, issued, scopes, siteIds }) => ({ clientId, clientName, name, key: issued.key, scopes, ...(siteIds ? { siteIds } : {}) })),
  };
  writeFileSync(path, `${JSON.stringify(listed, null, 2)}\n`, { mode: 0o600 });
}

/** Writes the demo users and keys (the database keeps only hashes), then the credentials file. */
export const seedIdentity: SeedFunction = async (em, options) => {
  const { ops, apiKeys } = demoCredentials(options);
  for (const { password, ...user } of ops) {
    em.create(OpsUser, { ...user, passwordHash: await hashPassword(password) });
  }
  for (const { clientId, name, scopes, siteIds, issued } of apiKeys) {
    em.create(ApiKey, { clientId, name, prefix: issued.prefix, last4: issued.last4, secretHash: issued.hash, scopes, siteIds: siteIds ?? null });
  }
  await em.flush();
  if (process.env.DEMO_CREDENTIALS_PATH) await writeDemoCredentials(options);
  return { 'ops users': ops.length, 'API keys': apiKeys.length };
};
