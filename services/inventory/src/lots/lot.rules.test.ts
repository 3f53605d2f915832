import { describe, expect, it } from 'vitest';
import { isExpired, packagesOpened } from './lot.rules';

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

describe('packages opened for an administration', () => {
  it('counts given plus wasted over the package amount, rounded up', () => {
    expect(packagesOpened(300, 0, 300)).toBe(1);
    expect(packagesOpened(300, 0, 100)).toBe(3);
    expect(packagesOpened(350, 50, 100)).toBe(4);
    expect(packagesOpened(350, 0, 100)).toBe(4);
    expect(packagesOpened(0.5, 0, 100)).toBe(1);
  });

  it('does not open an extra package for binary floating-point noise', () => {
    expect(packagesOpened(0.1, 0.2, 0.3)).toBe(1);
    expect(packagesOpened(99.9, 0.1, 100)).toBe(1);
  });
});
