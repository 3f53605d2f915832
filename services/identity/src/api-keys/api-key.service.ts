import { API_KEY_SCOPES, badInput, forbidden, notFound, type RequestContext, type Scope } from '@infusion/subgraph-kit';
import { newApiKey } from '../credentials';
import { ApiKey } from './api-key.entity';

export interface NewApiKey {
  clientId: string;
  name: string;
  scopes: string[];
  siteIds?: string[] | null;
  expiresAt?: Date | null;
}

/** Longest grace period a rotated key may keep working. */
export const MAX_GRACE_SECONDS = 30 * 24 * 3600;

function checkScopes(scopes: string[]): Scope[] {
  const unknown = scopes.filter((s) => !(API_KEY_SCOPES as string[]).includes(s));
  if (scopes.length === 0) throw badInput('A key needs at least one scope', { argument: 'scopes' });
  if (unknown.length) throw badInput(`Unknown or not allowed scopes: ${unknown.join(', ')}`, { argument: 'scopes', unknown, allowed: API_KEY_SCOPES });
  return [...new Set(scopes)] as Scope[];
}

/** Issues a key for one client; the secret is returned here once and never again. */
export async function createApiKey(ctx: RequestContext, input: NewApiKey): Promise<{ apiKey: ApiKey; secret: string }> {
  const { clientIds } = ctx.tenant;
  if (clientIds && !clientIds.includes(input.clientId)) throw forbidden('You may only issue keys for your own clients');
  if (!input.name.trim()) throw badInput('The key needs a name', { argument: 'name' });
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) throw badInput('The expiry must be in the future', { argument: 'expiresAt' });
  if (input.siteIds && input.siteIds.length === 0) throw badInput('Give at least one site, or none to allow all', { argument: 'siteIds' });
  const { key, prefix, last4, hash } = newApiKey();
  const apiKey = ctx.em.create(ApiKey, {
    clientId: input.clientId,
    name: input.name.trim(),
    prefix,
    last4,
    secretHash: hash,
    scopes: checkScopes(input.scopes),
    siteIds: input.siteIds ?? null,
    expiresAt: input.expiresAt ?? null,
  });
  await ctx.em.flush();
  return { apiKey, secret: key };
}

async function findKey(ctx: RequestContext, id: string): Promise<ApiKey> {
  return (await ctx.loaders.byId(ApiKey).load(id)) ?? Promise.reject(notFound('ApiKey', id));
}

/** Revokes a key at once; gateways stop accepting it within their credential cache time (seconds). */
export async function revokeApiKey(ctx: RequestContext, id: string): Promise<ApiKey> {
  const apiKey = await findKey(ctx, id);
  apiKey.revokedAt ??= new Date();
  await ctx.em.flush();
  return apiKey;
}

/** A new key with the same rights; the old one keeps working for `graceSeconds`, then expires. */
export async function rotateApiKey(ctx: RequestContext, id: string, graceSeconds: number): Promise<{ apiKey: ApiKey; secret: string }> {
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS) {
    throw badInput(`The grace period must be between 0 and ${MAX_GRACE_SECONDS} seconds`, { argument: 'graceSeconds' });
  }
  const old = await findKey(ctx, id);
  if (old.status !== 'ACTIVE') throw badInput('Only an active key can be rotated', { status: old.status });
  const graceEnd = new Date(Date.now() + graceSeconds * 1000);
  const created = await createApiKey(ctx, { clientId: old.clientId, name: old.name, scopes: old.scopes, siteIds: old.siteIds, expiresAt: old.expiresAt });
  created.apiKey.rotatedFromId = old.id;
  old.expiresAt = old.expiresAt && old.expiresAt < graceEnd ? old.expiresAt : graceEnd;
  await ctx.em.flush();
  return created;
}
