import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { buildDemoWorld } from '@infusion/demo-data';
import type { OpsRole, SeedFunction } from '@infusion/subgraph-kit';
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

/**
 * Demo ops users (one per role, plus one limited to a client) and API keys: every client gets a
 * key with all read scopes, one gets a single-scope key and one a site-limited key. The plain
 * credentials go to DEMO_CREDENTIALS_PATH (DESIGN section 7), the database keeps only hashes.
 */
export const seedIdentity: SeedFunction = async (em, { seed, anchorDate }) => {
  const world = buildDemoWorld(seed, anchorDate);
  const [oncology, npClinic] = world.clients;
  const users: { email: string; displayName: string; role: OpsRole; clientIds: string[] | null }[] = [
    { email: 'admin@infusiongraph.test', displayName: 'Avery Admin', role: 'ADMIN', clientIds: null },
    { email: 'ops@infusiongraph.test', displayName: 'Jordan Operations', role: 'OPERATIONS', clientIds: null },
    { email: 'finance@infusiongraph.test', displayName: 'Morgan Finance', role: 'FINANCE', clientIds: null },
    { email: 'viewer@infusiongraph.test', displayName: 'Riley Viewer', role: 'READ_ONLY', clientIds: null },
    { email: 'redrock.ops@infusiongraph.test', displayName: 'Casey Regional', role: 'OPERATIONS', clientIds: [npClinic!.id] },
  ];
  const ops = [];
  for (const u of users) {
    const password = `demo-${u.role.toLowerCase().replace('_', '-')}-${seed}${u.clientIds ? '-limited' : ''}`;
    em.create(OpsUser, { ...u, passwordHash: await hashPassword(password) });
    ops.push({ email: u.email, password, role: u.role, ...(u.clientIds ? { clientIds: u.clientIds } : {}) });
  }

  const keys: { clientId: string; name: string; scopes: string[]; siteIds?: string[] }[] = [
    ...world.clients.map((c) => ({ clientId: c.id, name: `${c.name} read-only integration`, scopes: READ_SCOPES })),
    { clientId: oncology!.id, name: 'Scheduling board (single scope)', scopes: ['scheduling:read'] },
    { clientId: oncology!.id, name: 'Lincoln Park site display', scopes: READ_SCOPES, siteIds: [world.sites.find((s) => s.clientId === oncology!.id)!.id] },
  ];
  const apiKeys = [];
  for (const k of keys) {
    const { key, prefix, last4, hash } = newApiKey(seededBytes(seed, k.name));
    em.create(ApiKey, { clientId: k.clientId, name: k.name, prefix, last4, secretHash: hash, scopes: k.scopes, siteIds: k.siteIds ?? null });
    apiKeys.push({ clientId: k.clientId, clientName: world.clients.find((c) => c.id === k.clientId)!.name, name: k.name, key, scopes: k.scopes, ...(k.siteIds ? { siteIds: k.siteIds } : {}) });
  }
  await em.flush();

  if (process.env.DEMO_CREDENTIALS_PATH) {
    writeFileSync(process.env.DEMO_CREDENTIALS_PATH, `${JSON.stringify({ ops, apiKeys }, null, 2)}\n`, { mode: 0o600 });
  }
  return { 'ops users': ops.length, 'API keys': apiKeys.length };
};
