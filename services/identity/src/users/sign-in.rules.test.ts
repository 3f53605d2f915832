import { describe, expect, it } from 'vitest';
import { failureDelayMs, lockedUntilAfter, LOCK_AFTER_FAILURES } from './sign-in.rules';

describe('failed sign-ins', () => {
  it('answer the first failure quickly and slow down each time after', () => {
    expect(failureDelayMs(1)).toBe(200);
    expect(failureDelayMs(2)).toBe(400);
    expect(failureDelayMs(3)).toBe(800);
    expect(failureDelayMs(10)).toBe(3000);
  });

  it('lock the account for fifteen minutes at the fifth failure', () => {
    const now = new Date('2026-11-24T10:00:00Z');
    expect(lockedUntilAfter(LOCK_AFTER_FAILURES - 1, now)).toBeNull();
    expect(lockedUntilAfter(LOCK_AFTER_FAILURES, now)?.toISOString()).toBe('2026-11-24T10:15:00.000Z');
  });
});
