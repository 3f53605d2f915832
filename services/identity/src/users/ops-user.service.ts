import { OPS_ROLES, badInput, conflict, notFound, type OpsRole, type RequestContext } from '@infusion/subgraph-kit';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { verifyGrantTargets } from '../access/facilities';
import { grantOfOpsUser, limitList, requireGrantable } from '../access/grant.rules';
import { OpsUser } from './ops-user.entity';
import { hashPassword, passwordProblem } from './password';
import { Session } from './session.entity';

export interface NewOpsUser {
  email: string;
  displayName: string;
  role: OpsRole;
  password: string;
  clientIds?: string[] | null;
}

/** Changes to an ops user; an absent field stays as it is, `clientIds: null` removes the limit. */
export interface OpsUserChanges {
  displayName?: string | null;
  role?: OpsRole | null;
  clientIds?: string[] | null;
}

const CLIENT_ARGUMENTS = { clients: 'clientIds', sites: 'siteIds' };

function checkRole(role: string): OpsRole {
  if (!(OPS_ROLES as readonly string[]).includes(role)) throw badInput('Unknown role', { argument: 'role' });
  return role as OpsRole;
}

function checkDisplayName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw badInput('The display name is empty', { argument: 'displayName' });
  return trimmed;
}

/**
 * An ops user the caller may manage: one it could have created itself. A user outside the
 * caller's clients (an unrestricted one, for a client-limited admin) is not visible to it at all
 * (ORM filter and row-level security), so it is NOT_FOUND, as if it did not exist.
 */
async function findManageable(ctx: RequestContext, id: string): Promise<OpsUser> {
  const user = await ctx.loaders.byId(OpsUser).load(id);
  if (!user) throw notFound('OpsUser', id);
  requireGrantable(ctx.caller.principal, grantOfOpsUser(user));
  return user;
}

/** Creates an ops user with a role and client limits the caller holds itself. */
export async function createOpsUser(ctx: RequestContext, input: NewOpsUser): Promise<OpsUser> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw badInput('That is not an email address', { argument: 'email' });
  const role = checkRole(input.role);
  const displayName = checkDisplayName(input.displayName);
  const problem = passwordProblem(input.password);
  if (problem) throw badInput(`The password ${problem}`, { argument: 'password' });
  const clientIds = limitList(input.clientIds, 'clientIds');
  requireGrantable(ctx.caller.principal, grantOfOpsUser({ role, clientIds }));
  await verifyGrantTargets(ctx, { clientIds: clientIds ?? [] }, CLIENT_ARGUMENTS);
  const user = ctx.em.create(OpsUser, { email, displayName, role, clientIds, passwordHash: await hashPassword(input.password) });
  try {
    await ctx.em.flush();
  } catch (error) {
    // Also for a user the caller cannot see: emails are unique across the operator.
    if (error instanceof UniqueConstraintViolationException) throw conflict('An ops user with that email exists', { argument: 'email' });
    throw error;
  }
  return user;
}

/**
 * Changes a user's name, role or client limits. The caller must be able to grant both what the
 * user has now and what it will have, so no one can raise a user above themselves.
 */
export async function updateOpsUser(ctx: RequestContext, id: string, changes: OpsUserChanges): Promise<OpsUser> {
  const user = await findManageable(ctx, id);
  const role = changes.role === undefined || changes.role === null ? user.role : checkRole(changes.role);
  const clientIds = changes.clientIds === undefined ? user.clientIds : limitList(changes.clientIds, 'clientIds');
  requireGrantable(ctx.caller.principal, grantOfOpsUser({ role, clientIds }));
  const added = (clientIds ?? []).filter((c) => !(user.clientIds ?? []).includes(c));
  await verifyGrantTargets(ctx, { clientIds: added }, CLIENT_ARGUMENTS);
  if (changes.displayName !== undefined && changes.displayName !== null) user.displayName = checkDisplayName(changes.displayName);
  user.role = role;
  user.clientIds = clientIds;
  await ctx.em.flush();
  return user;
}

/**
 * Stops or restores a user's access. Deactivating also ends the user's sessions; gateways
 * refuse them within their credential cache time (seconds).
 */
export async function setOpsUserActive(ctx: RequestContext, id: string, active: boolean): Promise<OpsUser> {
  const user = await findManageable(ctx, id);
  if (!active && user.id === ctx.caller.principal.id) throw badInput('You cannot deactivate yourself', { argument: 'id' });
  user.active = active;
  if (!active) await ctx.em.nativeUpdate(Session, { userId: user.id, revokedAt: null }, { revokedAt: new Date() });
  await ctx.em.flush();
  return user;
}
