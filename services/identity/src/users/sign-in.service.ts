import { AppError, type RequestContext } from '@infusion/subgraph-kit';
import { newSessionToken } from '../credentials';
import { Session } from './session.entity';
import { OpsUser } from './ops-user.entity';
import { verifyPassword } from './password';
import { failureDelayMs, lockedUntilAfter } from './sign-in.rules';

/** How long a console session lasts without signing in again. */
export const SESSION_MINUTES = Number(process.env.SESSION_MINUTES ?? 60);

const wrongCredentials = () => new AppError('UNAUTHENTICATED', 'The email or password is wrong');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function signIn(ctx: RequestContext, email: string, password: string): Promise<{ token: string; session: Session; user: OpsUser }> {
  const { em } = ctx;
  const user = await em.findOne(OpsUser, { email: email.trim().toLowerCase() });
  const now = new Date();
  if (user?.lockedUntil && user.lockedUntil > now) {
    throw new AppError('UNAUTHENTICATED', 'Too many failed sign-ins; the account is locked for now', { lockedUntil: user.lockedUntil.toISOString() });
  }
  const ok = await verifyPassword(user?.active ? user.passwordHash : undefined, password);
  if (!user || !ok) {
    if (user) {
      // Counted outside the operation's transaction: the failed mutation rolls back, the count must not.
      const failures = user.failedSignIns + 1;
      await em.getConnection().execute('update identity.ops_user set failed_sign_ins = ?, locked_until = ? where id = ?', [
        failures,
        lockedUntilAfter(failures, now),
        user.id,
      ]);
      await sleep(failureDelayMs(failures));
    }
    throw wrongCredentials();
  }
  const { token, hash } = newSessionToken();
  const session = em.create(Session, {
    userId: user.id,
    tokenHash: hash,
    expiresAt: new Date(now.getTime() + SESSION_MINUTES * 60_000),
    remoteAddress: ctx.caller.remoteAddress || null,
  });
  user.failedSignIns = 0;
  user.lockedUntil = null;
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
