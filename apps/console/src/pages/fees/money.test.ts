import { describe, expect, it } from 'vitest';
import { difference, formatMoney, fromCents, sumByCurrency, toCents } from './money';
import { monthsBack, periodMonths } from './periods';

describe('console money', () => {
  it('sums decimal strings exactly, per currency', () => {
    // 0.1 + 0.2 as floats is 0.30000000000000004; as cents it is 30.
    expect(sumByCurrency([{ amount: '0.10', currency: 'USD' }, { amount: '0.2', currency: 'USD' }, { amount: '5', currency: 'EUR' }, null])).toEqual([
      { amount: '0.30', currency: 'USD' },
      { amount: '5.00', currency: 'EUR' },
    ]);
    expect(sumByCurrency(Array.from({ length: 1000 }, () => ({ amount: '1234567.89', currency: 'USD' })))).toEqual([{ amount: '1234567890.00', currency: 'USD' }]);
  });

  it('reads and writes cents, negatives included', () => {
    expect(toCents('-12.5')).toBe(-1250n);
    expect(fromCents(-5n)).toBe('-0.05');
    expect(() => toCents('1e3')).toThrow();
    expect(difference({ amount: '100.00', currency: 'USD' }, { amount: '120.55', currency: 'USD' })).toEqual({ amount: '-20.55', currency: 'USD' });
  });

  it('formats with the currency and every digit', () => {
    expect(formatMoney({ amount: '1234567.89', currency: 'USD' })).toBe('$1,234,567.89');
    expect(formatMoney({ amount: '-0.05', currency: 'USD' })).toBe('-$0.05');
    expect(formatMoney({ amount: '90071992547409.93', currency: 'USD' })).toBe('$90,071,992,547,409.93');
    expect(formatMoney(null)).toBe('—');
  });
});

describe('fee periods', () => {
  it('lists months back from a day, newest first', () => {
    expect(monthsBack('2026-03-15', 3)).toEqual(['2026-03-01', '2026-02-01', '2026-01-01']);
  });

  it('gives a month or its calendar quarter', () => {
    expect(periodMonths('2026-05-01', 'MONTH')).toEqual({ from: '2026-05-01', to: '2026-05-31', months: ['2026-05-01'] });
    expect(periodMonths('2026-05-01', 'QUARTER')).toEqual({ from: '2026-04-01', to: '2026-06-30', months: ['2026-04-01', '2026-05-01', '2026-06-01'] });
    expect(periodMonths('2024-02-01', 'MONTH').to).toBe('2024-02-29');
  });
});
