/**
 * Exact money arithmetic for fees. Amounts travel as decimal strings ("85.00") and are computed
 * as integer cents in BigInt, so no binary floating point ever touches an invoice.
 */

/** A fee input that cannot be priced (bad number, incomplete schedule, tier gap…). */
export class FeeRuleError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'FeeRuleError';
  }
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/**
 * Parses a decimal string with at most two decimals into hundredths: "85.00" → 8500n,
 * "8" → 800n. Used for dollars (cents) and percentages (hundredths of a percent) alike.
 */
export function toHundredths(value: string, field = 'amount'): bigint {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new FeeRuleError(`${field} must be a decimal number with at most two decimals, e.g. "1250.00"`, field);
  const [, sign, whole, fraction = ''] = match;
  const hundredths = BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
  return sign ? -hundredths : hundredths;
}

/** Formats hundredths back to a decimal string with exactly two decimals: 2050000n → "20500.00". */
export function formatHundredths(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / 100n;
  const fraction = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** numerator / denominator rounded half away from zero (commercial rounding to the cent). */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const rounded = (2n * abs + denominator) / (2n * denominator);
  return negative ? -rounded : rounded;
}

/** `percent` (in hundredths of a percent, 800n = 8.00 %) of an amount in cents, rounded to the cent. */
export function percentOfCents(cents: bigint, percentHundredths: bigint): bigint {
  return divideRounded(cents * percentHundredths, 10_000n);
}
