import { ROLE_SCOPES, badInput, forbidden, type OpsRole, type Principal } from '@infusion/subgraph-kit';

/**
 * The one rule behind every mutation that hands out access (ops users and API keys alike):
 * **an actor may grant only what it holds itself** — scopes, clients and sites. The same rule
 * decides which existing users and keys an actor may see and manage: exactly those it could have
 * granted. A client-limited admin therefore never sees, edits, rotates or revokes an unrestricted
 * user or a key of another client; to it they do not exist (NOT_FOUND, absent from lists).
 */
export interface Grant {
  /** What the holder may do. For an ops user these come from the role (ROLE_SCOPES). */
  scopes: readonly string[];
  /** Clients the holder reaches; null means every client. */
  clientIds: readonly string[] | null;
  /** Sites the holder reaches; null means every site of those clients. */
  siteIds: readonly string[] | null;
}

export const grantOfPrincipal = (p: Principal): Grant => ({ scopes: p.scopes, clientIds: p.clientIds, siteIds: p.siteIds });

/** Ops users have no site limits: an ops user reaches every site of its clients. */
export const grantOfOpsUser = (user: { role: OpsRole; clientIds: readonly string[] | null }): Grant => ({
  scopes: ROLE_SCOPES[user.role],
  clientIds: user.clientIds,
  siteIds: null,
});

export const grantOfApiKey = (key: { scopes: readonly string[]; clientId: string; siteIds: readonly string[] | null }): Grant => ({
  scopes: key.scopes,
  clientIds: [key.clientId],
  siteIds: key.siteIds,
});

/** What `wanted` has beyond `holder`; `'ALL'` where `wanted` is unlimited and `holder` is not. */
export interface GrantExcess {
  scopes: string[];
  clientIds: string[] | 'ALL';
  siteIds: string[] | 'ALL';
}

function beyond(held: readonly string[] | null, wanted: readonly string[] | null): string[] | 'ALL' {
  if (held === null) return [];
  if (wanted === null) return 'ALL';
  return wanted.filter((id) => !held.includes(id));
}

export function grantExcess(holder: Grant, wanted: Grant): GrantExcess {
  return {
    scopes: wanted.scopes.filter((s) => !holder.scopes.includes(s)),
    clientIds: beyond(holder.clientIds, wanted.clientIds),
    siteIds: beyond(holder.siteIds, wanted.siteIds),
  };
}

const isEmpty = (excess: GrantExcess) => excess.scopes.length === 0 && excess.clientIds.length === 0 && excess.siteIds.length === 0;

/** True when `holder` holds everything `wanted` gives (the subset rule). */
export const withinGrant = (holder: Grant, wanted: Grant): boolean => isEmpty(grantExcess(holder, wanted));

function describeExcess(excess: GrantExcess): string {
  const parts: string[] = [];
  if (excess.scopes.length) parts.push(`the scopes ${excess.scopes.join(', ')}`);
  if (excess.clientIds === 'ALL') parts.push('every client');
  else if (excess.clientIds.length) parts.push(`the clients ${excess.clientIds.join(', ')}`);
  if (excess.siteIds === 'ALL') parts.push('every site');
  else if (excess.siteIds.length) parts.push(`the sites ${excess.siteIds.join(', ')}`);
  return parts.join('; ');
}

/**
 * Refuses (FORBIDDEN) a grant beyond the actor's own, naming what the actor lacks. Only the
 * actor's own grant is consulted, so the answer reveals nothing about other records.
 */
export function requireGrantable(actor: Principal, wanted: Grant): void {
  const excess = grantExcess(grantOfPrincipal(actor), wanted);
  if (isEmpty(excess)) return;
  throw forbidden(`You may grant only what you hold yourself; you do not hold ${describeExcess(excess)}`, { notHeld: excess });
}

/**
 * A list of clients or sites given as a limit: null (no limit) or a non-empty list, duplicates
 * dropped. An empty list would be a limit to nothing, which no one means.
 */
export function limitList(ids: readonly string[] | null | undefined, argument: string): string[] | null {
  if (ids === null || ids === undefined) return null;
  if (ids.length === 0) throw badInput('Give at least one id, or none for no limit', { argument });
  return [...new Set(ids)];
}
