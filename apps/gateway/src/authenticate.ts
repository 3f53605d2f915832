import { createHash } from 'node:crypto';
import { ANONYMOUS, CONTEXT_HEADER, signCallerContext, type Principal } from '@infusion/subgraph-kit/auth';
import { AppError } from '@infusion/subgraph-kit/errors';

const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', message, { http: { status: 401 } });

/**
 * Turns a bearer credential (ops session token or API key) into a principal by asking the
 * identity subgraph. Answers are cached for a few seconds only: that bounds how long a revoked
 * key keeps working on any gateway instance, without a database round trip per request.
 */
export class Authenticator {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly identityUrl: string,
    private readonly key: Uint8Array,
    private readonly cacheMs = 5000,
  ) {}

  async principalFor(authorization: string | undefined, requestId: string, remoteAddress: string): Promise<Principal> {
    if (authorization === undefined || authorization === '') return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token or API key>"');
    const credential = match[1]!;
    const cacheKey = createHash('sha256').update(credential).digest('hex');
    const cached = this.cache.get(cacheKey);
    if (cached && cached.until > Date.now()) return cached.principal;

    const signed = await signCallerContext({ principal: ANONYMOUS, requestId, remoteAddress }, this.key);
    const response = await fetch(this.identityUrl.replace(/\/graphql$/, '/internal/authenticate'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: signed },
      body: JSON.stringify({ credential }),
      signal: AbortSignal.timeout(5000),
    }).catch(() => undefined);
    if (!response) throw new AppError('INTERNAL_SERVER_ERROR', 'The identity service is unreachable');
    if (response.status === 401) {
      this.cache.delete(cacheKey);
      const { reason } = (await response.json()) as { reason?: string };
      throw unauthenticated(reason ?? 'The credential is not valid');
    }
    if (!response.ok) throw new AppError('INTERNAL_SERVER_ERROR', 'The identity service failed');
    const { principal, expiresAt } = (await response.json()) as { principal: Principal; expiresAt: string | null };
    const until = Math.min(Date.now() + this.cacheMs, expiresAt ? Date.parse(expiresAt) : Infinity);
    this.cache.set(cacheKey, { principal, until });
    if (this.cache.size > 10_000) this.evictExpired();
    return principal;
  }

  private evictExpired(): void {
    const now = Date.now();
    for (const [k, v] of this.cache) if (v.until <= now) this.cache.delete(k);
  }
}
