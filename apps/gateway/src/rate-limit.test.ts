import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

const refusal = (run: () => unknown) => {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
};

describe('the rate limiter', () => {
  it('spends a request’s cost and reports what is left', () => {
    const limiter = new RateLimiter(1000, 60);
    expect(limiter.take('k', 301, 0)).toMatchObject({ limit: 1000, remaining: 699, cost: 301 });
    expect(limiter.take('k', 1, 0).remaining).toBe(698);
  });

  it('refuses a cost larger than what is left without spending it, and says when it will be there', () => {
    const limiter = new RateLimiter(600, 60); // 10 a second
    limiter.take('k', 550, 0);
    expect(refusal(() => limiter.take('k', 100, 0))).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 5, remaining: 50, cost: 100 });
    expect(limiter.take('k', 50, 0).remaining).toBe(0);
    expect(limiter.take('k', 10, 1000).remaining).toBe(0);
  });

  it('keeps callers apart', () => {
    const limiter = new RateLimiter(10, 60);
    limiter.take('a', 10, 0);
    expect(refusal(() => limiter.take('a', 1, 0))).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limiter.take('b', 10, 0).remaining).toBe(0);
  });

  it('lets work already done run the bucket into debt', () => {
    const limiter = new RateLimiter(60, 60); // 1 a second
    limiter.charge('k', 70, 0);
    expect(refusal(() => limiter.assertAvailable('k', 1, 5_000))).toMatchObject({ retryAfterSeconds: 6 });
    expect(() => limiter.assertAvailable('k', 1, 11_000)).not.toThrow();
  });
});
