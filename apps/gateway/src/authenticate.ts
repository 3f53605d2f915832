import { createHash } from 'node:crypto';
import { ANONYMOUS, CONTEXT_HEADER, signCallerContext, type Principal } from '@infusion/subgraph-kit/auth';
import { AppError, unauthenticated } from '@infusion/subgraph-kit/errors';
import { RateLimiter } from './rate-limit';
import { SubgraphConnectionError, SubgraphDeadlineError, type SubgraphClient } from '@infusion/subgraph-kit/http';
import { deadlineExceeded, subgraphUnavailable } from './unavailable';


export interface AuthenticatorOptions {
  /** How long an accepted credential is trusted before identity is asked again (revocation delay). */
  cacheMs?: number;
  /** How long a refused credential is refused without asking identity again. */
  refusalCacheMs?: number;
  /** Failed credentials one address may present per minute before its lookups are refused. */
  failuresPerMinute?: number;
}

/**
 * Turns a bearer credential (ops session token or API key) into a principal by asking the
 * identity subgraph. Answers are cached for a few seconds only: that bounds how long a revoked
 * key keeps working on any gateway instance, without a database round trip per request.
 *
 * Every credential identity has not seen lately costs it a lookup, so made-up keys are limited:
 * a refusal is remembered briefly, and an address that keeps presenting credentials that fail
 * gets RATE_LIMITED for new ones (credentials already accepted keep working).
 */
export class Authenticator {
  private readonly accepted = new Map<string, { principal: Principal; until: number }>();
  private readonly refused = new Map<string, { reason: string; until: number }>();
  private readonly failures: RateLimiter;
  private readonly cacheMs: number;
  private readonly refusalCacheMs: number;

  constructor(
    private readonly identityUrl: string,
    private readonly key: Uint8Array,
    private readonly client: SubgraphClient,
    options: AuthenticatorOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? 5000;
    this.refusalCacheMs = options.refusalCacheMs ?? 10_000;
    this.failures = new RateLimiter(options.failuresPerMinute ?? 30, 60, 'Too many failed credentials from this address');
  }

  async principalFor(authorization: string | undefined, requestId: string, remoteAddress: string, signal: AbortSignal): Promise<Principal> {
    if (authorization === undefined || authorization === '') return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw this.failed(remoteAddress, 'The Authorization header must be "Bearer <token or API key>"');
    const credential = match[1]!;
    const cacheKey = createHash('sha256').update(credential).digest('hex');
    const now = Date.now();
    const accepted = this.accepted.get(cacheKey);
    if (accepted && accepted.until > now) return accepted.principal;
    const refused = this.refused.get(cacheKey);
    if (refused && refused.until > now) throw this.failed(remoteAddress, refused.reason);
    this.failures.assertAvailable(`ip:${remoteAddress}`);

    const verdict = await this.askIdentity(credential, requestId, remoteAddress, signal);
    if ('reason' in verdict) {
      this.accepted.delete(cacheKey);
      this.remember(this.refused, cacheKey, { reason: verdict.reason, until: now + this.refusalCacheMs });
      throw this.failed(remoteAddress, verdict.reason);
    }
    const until = Math.min(now + this.cacheMs, verdict.expiresAt ? Date.parse(verdict.expiresAt) : Infinity);
    this.remember(this.accepted, cacheKey, { principal: verdict.principal, until });
    return verdict.principal;
  }

  /** Drops a credential from this gateway's cache (a console sign-out), so it is asked of identity again at once. */
  forget(credential: string): void {
    this.accepted.delete(createHash('sha256').update(credential).digest('hex'));
  }

  private failed(remoteAddress: string, reason: string): AppError {
    this.failures.charge(`ip:${remoteAddress}`, 1);
    return unauthenticated(reason, 401);
  }

  private async askIdentity(credential: string, requestId: string, remoteAddress: string, signal: AbortSignal): Promise<{ principal: Principal; expiresAt: string | null } | { reason: string }> {
    const signed = await signCallerContext({ principal: ANONYMOUS, requestId, remoteAddress }, this.key);
    const url = this.identityUrl.replace(/\/graphql$/, '/internal/authenticate');
    try {
      // A lookup changes nothing a second attempt could double, so it may be repeated.
      const reply = await this.client.postJson(url, { credential }, { [CONTEXT_HEADER]: signed }, { signal, retry: true });
      const body = (reply.json ?? {}) as { reason?: string; principal?: Principal; expiresAt?: string | null };
      if (reply.status === 401) return { reason: body.reason ?? 'The credential is not valid' };
      if (reply.status === 503) throw subgraphUnavailable(true);
      if (reply.status !== 200 || !body.principal) throw new AppError('INTERNAL_SERVER_ERROR', `The identity service answered ${reply.status}`);
      return { principal: body.principal, expiresAt: body.expiresAt ?? null };
    } catch (error) {
      if (error instanceof SubgraphDeadlineError) throw deadlineExceeded(true);
      if (error instanceof SubgraphConnectionError) throw subgraphUnavailable(true);
      throw error;
    }
  }

  /** Sets an entry, dropping expired ones now and then so that made-up credentials cannot fill memory. */
  private remember<T extends { until: number }>(cache: Map<string, T>, key: string, value: T): void {
    cache.set(key, value);
    if (cache.size <= 10_000) return;
    const now = Date.now();
    for (const [k, v] of cache) if (v.until <= now) cache.delete(k);
    // Still full of live entries: forget the oldest rather than grow without bound.
    for (const k of cache.keys()) {
      if (cache.size <= 10_000) break;
      cache.delete(k);
    }
  }
}
