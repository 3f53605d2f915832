import { describe, expect, it } from 'vitest';
import { divideRounded, FeeRuleError, formatHundredths, percentOfCents, toHundredths } from './decimal';

describe('money as exact decimals', () => {
  it('reads "85.00", "85.5" and "85" as whole cents', () => {
    expect(toHundredths('85.00')).toBe(8500n);
    expect(toHundredths('85.5')).toBe(8550n);
    expect(toHundredths('85')).toBe(8500n);
    expect(toHundredths('1234567.89')).toBe(123456789n);
    expect(toHundredths('-12.34')).toBe(-1234n);
  });

  it('refuses amounts with fractions of a cent, exponents or stray text', () => {
    for (const bad of ['1.005', '1e3', '12,50', 'abc', '', '.5', '5.']) {
      expect(() => toHundredths(bad), bad).toThrow(FeeRuleError);
    }
  });

  it('reads the same hundredths on the quick path as on the exact one, at its edges', () => {
    // 13 whole digits are read as a number, 14 and more by BigInt: both must agree to the cent.
    expect(toHundredths('9999999999999.99')).toBe(999999999999999n);
    expect(toHundredths('99999999999999.99')).toBe(9999999999999999n);
    expect(toHundredths('-9999999999999.9')).toBe(-999999999999990n);
    expect(toHundredths('00012.3')).toBe(1230n);
    expect(toHundredths('-0')).toBe(0n);
    expect(toHundredths(' 85.00 ')).toBe(8500n);
    for (const bad of ['+5', '-', '1.', '1..2', '1.2.3', '1-2', '٣']) {
      expect(() => toHundredths(bad), bad).toThrow(FeeRuleError);
    }
  });

  it('prints amounts with exactly two decimals, negatives included', () => {
    expect(formatHundredths(2050000n)).toBe('20500.00');
    expect(formatHundredths(5n)).toBe('0.05');
    expect(formatHundredths(0n)).toBe('0.00');
    expect(formatHundredths(-8000000n)).toBe('-80000.00');
  });

  it('keeps amounts far beyond float precision exact', () => {
    expect(formatHundredths(toHundredths('90071992547409.93') + 1n)).toBe('90071992547409.94');
    expect(formatHundredths(9007199254740991n)).toBe('90071992547409.91');
    expect(formatHundredths(9007199254740993n)).toBe('90071992547409.93');
    // 2^53 itself: the first value Number() can no longer tell from its neighbours.
    expect(formatHundredths(9007199254740992n)).toBe('90071992547409.92');
    expect(formatHundredths(-9007199254740992n)).toBe('-90071992547409.92');
    expect(formatHundredths(-9007199254740991n)).toBe('-90071992547409.91');
    expect(formatHundredths(1999n)).toBe('19.99');
    expect(formatHundredths(-9007199254740993n)).toBe('-90071992547409.93');
    expect(formatHundredths(-7n)).toBe('-0.07');
  });

  it('rounds half a cent away from zero', () => {
    expect(divideRounded(5n, 10n)).toBe(1n);
    expect(divideRounded(4n, 10n)).toBe(0n);
    expect(divideRounded(-5n, 10n)).toBe(-1n);
    expect(percentOfCents(123456789n, 800n)).toBe(9876543n); // 98,765.4312 → 98,765.43
    expect(percentOfCents(6250n, 800n)).toBe(500n);
    expect(percentOfCents(6n, 5000n)).toBe(3n);
    expect(percentOfCents(7n, 5000n)).toBe(4n); // 3.5 cents → 4
  });
});
