import { API_KEY_SCOPES, badInput, notFound, type RequestContext, type Scope } from '@infusion/subgraph-kit';
import { verifyGrantTargets } from '../access/facilities';
import { grantOfApiKey, limitList, requireGrantable } from '../access/grant.rules';
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

/**
 * Issues a key for one client; the secret is returned here once and never again. The caller
 * must hold the key's scopes, client and sites itself, and the client and sites must exist
 * (the sites at that client).
 */
export async function createApiKey(ctx: RequestContext, input: NewApiKey): Promise<{ apiKey: ApiKey; secret: string }> {
  const name = input.name.trim();
  if (!name) throw badInput('The key needs a name', { argument: 'name' });
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) throw badInput('The expiry must be in the future', { argument: 'expiresAt' });
  const scopes = checkScopes(input.scopes);
  const siteIds = limitList(input.siteIds, 'siteIds');
  requireGrantable(ctx.caller.principal, grantOfApiKey({ scopes, clientId: input.clientId, siteIds }));
  await verifyGrantTargets(ctx, { clientIds: [input.clientId], sites: siteIds ? { clientId: input.clientId, siteIds } : undefined }, { clients: 'clientId', sites: 'siteIds' });
  const { key, prefix, last4, hash } = newApiKey();
  const apiKey = ctx.em.create(ApiKey, {
    clientId: input.clientId,
    name,
    prefix,
    last4,
    secretHash: hash,
    scopes,
    siteIds,
    expiresAt: input.expiresAt ?? null,
  });
  await ctx.em.flush();
  return { apiKey, secret: key };
}

/**
 * A key the caller may manage: one of its clients (others are not visible: NOT_FOUND) whose
 * scopes and sites it holds itself.
 */
async function findManageableKey(ctx: RequestContext, id: string): Promise<ApiKey> {
  const apiKey = await ctx.loaders.byId(ApiKey).load(id);
  if (!apiKey) throw notFound('ApiKey', id);
  requireGrantable(ctx.caller.principal, grantOfApiKey(apiKey));
  return apiKey;
}

/** Revokes a key at once; gateways stop accepting it within their credential cache time (seconds). */
export async function revokeApiKey(ctx: RequestContext, id: string): Promise<ApiKey> {
  const apiKey = await findManageableKey(ctx, id);
  apiKey.revokedAt ??= new Date();
  await ctx.em.flush();
  return apiKey;
}

/** A new key with the same rights; the old one keeps working for `graceSeconds`, then expires. */
export async function rotateApiKey(ctx: RequestContext, id: string, graceSeconds: number): Promise<{ apiKey: ApiKey; secret: string }> {
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS) {
    throw badInput(`The grace period must be between 0 and ${MAX_GRACE_SECONDS} seconds`, { argument: 'graceSeconds' });
  }
  const old = await findManageableKey(ctx, id);
  if (old.status !== 'ACTIVE') throw badInput('Only an active key can be rotated', { status: old.status });
  const graceEnd = new Date(Date.now() + graceSeconds * 1000);
  const created = await createApiKey(ctx, { clientId: old.clientId, name: old.name, scopes: old.scopes, siteIds: old.siteIds, expiresAt: old.expiresAt });
  created.apiKey.rotatedFromId = old.id;
  old.expiresAt = old.expiresAt && old.expiresAt < graceEnd ? old.expiresAt : graceEnd;
  await ctx.em.flush();
  return created;
}
