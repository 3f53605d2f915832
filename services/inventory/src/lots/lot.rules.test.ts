import { describe, expect, it } from 'vitest';
import { isExpired } from './lot.rules';

describe('lot expiry', () => {
  it('keeps a lot usable on its printed expiry date', () => {
    expect(isExpired('2026-11-24', '2026-11-24')).toBe(false);
    expect(isExpired('2026-11-24', '2026-11-01')).toBe(false);
  });

  it('treats a lot as expired from the day after its expiry date', () => {
    expect(isExpired('2026-11-24', '2026-11-25')).toBe(true);
    expect(isExpired('2026-11-30', '2027-01-01')).toBe(true);
  });
});
