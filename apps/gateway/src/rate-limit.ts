import { AppError } from '@infusion/subgraph-kit/errors';

export interface RateBudget {
  limit: number;
  remaining: number;
  /** Seconds until the budget is full again. */
  resetSeconds: number;
  /** What this request was charged (its operation's cost). */
  cost: number;
}

/**
 * A token bucket per key (an API key, an ops user, an address): `limit` points, refilled evenly
 * over `windowSeconds`. Operations are charged by their computed cost, so one expensive request
 * spends as much as many cheap ones. Kept in memory per gateway instance; with several instances
 * each enforces its own share (noted in infra/README.md).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updated: number }>();

  constructor(
    readonly limit: number,
    private readonly windowSeconds: number,
    /** What RATE_LIMITED says ran out, e.g. "Too many requests". */
    private readonly what = 'Too many requests',
  ) {}

  private get ratePerMs(): number {
    return this.limit / (this.windowSeconds * 1000);
  }

  private bucket(key: string, now: number) {
    const bucket = this.buckets.get(key) ?? { tokens: this.limit, updated: now };
    bucket.tokens = Math.min(this.limit, bucket.tokens + (now - bucket.updated) * this.ratePerMs);
    bucket.updated = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 100_000) this.forgetFull(now);
    return bucket;
  }

  /** Refuses with RATE_LIMITED unless `cost` points are left; spends nothing. */
  assertAvailable(key: string, cost = 1, now = Date.now()): void {
    const bucket = this.bucket(key, now);
    if (bucket.tokens >= cost) return;
    const retryAfterSeconds = Math.max(1, Math.ceil((cost - bucket.tokens) / this.ratePerMs / 1000));
    throw new AppError('RATE_LIMITED', `${this.what}; retry in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
      limit: this.limit,
      remaining: Math.max(0, Math.floor(bucket.tokens)),
      cost,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    });
  }

  /** Spends `cost` points, or refuses with RATE_LIMITED (spending nothing) when too few are left. */
  take(key: string, cost = 1, now = Date.now()): RateBudget {
    this.assertAvailable(key, cost, now);
    return this.charge(key, cost, now);
  }

  /** Spends `cost` points even if that leaves the bucket in debt (the work is done already). */
  charge(key: string, cost: number, now = Date.now()): RateBudget {
    const bucket = this.bucket(key, now);
    bucket.tokens -= cost;
    return {
      limit: this.limit,
      remaining: Math.max(0, Math.floor(bucket.tokens)),
      resetSeconds: Math.ceil((this.limit - bucket.tokens) / this.ratePerMs / 1000),
      cost,
    };
  }

  /** Buckets that refilled completely are the same as no bucket. */
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updated) * this.ratePerMs >= this.limit) this.buckets.delete(key);
    }
  }
}
