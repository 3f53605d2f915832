import { AppError } from '@infusion/subgraph-kit/errors';

export interface RateBudget {
  limit: number;
  remaining: number;
  /** Seconds until the budget is full again. */
  resetSeconds: number;
}

/**
 * A token bucket per caller (API key, ops user, or address for anonymous calls): `limit`
 * operations, refilled evenly over `windowSeconds`. Kept in memory per gateway instance; with
 * several instances each enforces its own share (noted in infra/README.md).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updated: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowSeconds: number,
  ) {}

  take(callerKey: string, now = Date.now()): RateBudget {
    const ratePerMs = this.limit / (this.windowSeconds * 1000);
    const bucket = this.buckets.get(callerKey) ?? { tokens: this.limit, updated: now };
    bucket.tokens = Math.min(this.limit, bucket.tokens + (now - bucket.updated) * ratePerMs);
    bucket.updated = now;
    this.buckets.set(callerKey, bucket);
    if (bucket.tokens < 1) {
      const retryAfterSeconds = Math.ceil((1 - bucket.tokens) / ratePerMs / 1000);
      throw new AppError('RATE_LIMITED', `Too many requests; retry in ${retryAfterSeconds} s`, {
        retryAfterSeconds,
        limit: this.limit,
        remaining: 0,
        http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
      });
    }
    bucket.tokens -= 1;
    return {
      limit: this.limit,
      remaining: Math.floor(bucket.tokens),
      resetSeconds: Math.ceil((this.limit - bucket.tokens) / ratePerMs / 1000),
    };
  }
}
