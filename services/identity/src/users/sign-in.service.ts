import { AppError, AuditLog, seeAllClients, type RequestContext } from '@infusion/subgraph-kit';
import { newSessionToken } from '../credentials';
import { OpsUser } from './ops-user.entity';
import { verifyPassword } from './password';
import { throttledBy, type SignInFailure } from './sign-in.rules';
import { accountKey, readAttemptHistory, recordAttempt } from './sign-in.throttle';
import { Session } from './session.entity';

/** How long a console session lasts without signing in again. */
export const SESSION_MINUTES = Number(process.env.SESSION_MINUTES ?? 60);

/**
 * The one answer to every failed sign-in: unknown email, wrong password, inactive account or
 * throttled all read the same, so the answer confirms nothing about an account.
 */
export const SIGN_IN_FAILED = 'Sign-in failed: check the email and password, or wait a few minutes and try again';

/**
 * Signs an ops user in. Every attempt does the same work whatever the outcome: one history
 * read, one user lookup, exactly one Argon2id verification (a decoy hash when there is no user),
 * one attempt record. A failure is recorded (throttle row and audit event with its reason) in a
 * transaction of its own after the operation's rolls back, so it stays although the mutation
 * fails. Design and limits: sign-in.rules.ts.
 */
export async function signIn(ctx: RequestContext, email: string, password: string): Promise<{ token: string; session: Session; user: OpsUser }> {
  const { em } = ctx;
  const normalized = email.trim().toLowerCase();
  const account = accountKey(normalized);
  const address = ctx.caller.remoteAddress || 'unknown';

  // Who is signing in is not known yet, so the lookup must see every user (both layers, this transaction only).
  await seeAllClients(em);
  const history = await readAttemptHistory(em, account, address);
  const user = await em.findOne(OpsUser, { email: normalized });
  const passwordMatches = await verifyPassword(user?.passwordHash, password);

  const throttle = history.busy ? 'ACCOUNT_AND_ADDRESS' : throttledBy(history);
  const failure: SignInFailure | undefined = throttle
    ? `THROTTLED_${throttle}`
    : !user
      ? 'UNKNOWN_ACCOUNT'
      : !passwordMatches
        ? 'WRONG_PASSWORD'
        : !user.active
          ? 'INACTIVE_ACCOUNT'
          : undefined;

  if (failure || !user) {
    ctx.afterRollback.push(async (trx) => {
      await recordAttempt(trx, account, address, false);
      // The typed email is not recorded (it may be a mistyped password); a known account is named by id.
      const audit = new AuditLog('identity', ctx.caller);
      audit.record({ action: 'MUTATION', operation: 'signIn', entityType: 'OpsUser', entityIds: user ? [user.id] : [], clientId: null, reason: failure ?? 'UNKNOWN_ACCOUNT' });
      await audit.flush(trx);
    });
    throw new AppError('UNAUTHENTICATED', SIGN_IN_FAILED);
  }

  await recordAttempt(em, account, address, true);
  const { token, hash } = newSessionToken();
  const now = new Date();
  const session = em.create(Session, {
    userId: user.id,
    tokenHash: hash,
    expiresAt: new Date(now.getTime() + SESSION_MINUTES * 60_000),
    remoteAddress: ctx.caller.remoteAddress || null,
  });
  user.lastSignInAt = now;
  await em.flush();
  return { token, session, user };
}

/** Ends the caller's own session (effective on gateways within their cache time). */
export async function signOut(ctx: RequestContext): Promise<boolean> {
  const { principal } = ctx.caller;
  if (principal.kind !== 'OPS_USER' || !principal.credentialId) return false;
  const session = await ctx.em.findOne(Session, { id: principal.credentialId, revokedAt: null });
  if (!session) return false;
  session.revokedAt = new Date();
  await ctx.em.flush();
  return true;
}
