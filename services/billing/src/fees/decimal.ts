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
  const fast = plainHundredths(value);
  if (fast !== null) return BigInt(fast);
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new FeeRuleError(`${field} must be a decimal number with at most two decimals, e.g. "1250.00"`, field);
  const [, sign, whole, fraction = ''] = match;
  const hundredths = BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
  return sign ? -hundredths : hundredths;
}

/** Digits of the whole part read as a number: 13 digits × 100 + 99 stays a safe integer. */
const SAFE_WHOLE_DIGITS = 13;

/**
 * The common case of `toHundredths` without a regex or BigInt parsing (a report reads thousands
 * of amounts): an untrimmed `-?digits(.d{1,2})?` of at most 13 whole digits, as a number. Anything
 * else is null and goes the exact way, which also refuses what is not a decimal.
 */
function plainHundredths(value: string): number | null {
  const length = value.length;
  let i = value.charCodeAt(0) === 45 ? 1 : 0; // "-"
  const start = i;
  let whole = 0;
  for (; i < length; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    whole = whole * 10 + digit;
  }
  const digits = i - start;
  if (digits === 0 || digits > SAFE_WHOLE_DIGITS) return null;
  let fraction = 0;
  if (i < length) {
    if (value.charCodeAt(i) !== 46 || length - i - 1 < 1 || length - i - 1 > 2) return null; // "." and 1–2 digits
    for (let f = i + 1; f < length; f++) {
      const digit = value.charCodeAt(f) - 48;
      if (digit < 0 || digit > 9) return null;
      fraction = fraction * 10 + digit;
    }
    if (length - i - 1 === 1) fraction *= 10;
  }
  const hundredths = whole * 100 + fraction;
  return start === 1 ? -hundredths : hundredths;
}

/** ".00" to ".99": the decimals of an amount, printed once (every fee line prints two or three amounts). */
const DECIMALS = Array.from({ length: 100 }, (_, cents) => `.${cents < 10 ? '0' : ''}${cents}`);

/** Formats hundredths back to a decimal string with exactly two decimals: 2050000n → "20500.00". */
export function formatHundredths(value: bigint): string {
  // Within the safe integers a number prints the same digits, without BigInt division. Beyond
  // them Number() rounds to at least 2^53, so the test below sends every such value the exact way.
  const n = Number(value);
  if (n <= Number.MAX_SAFE_INTEGER && n >= -Number.MAX_SAFE_INTEGER) {
    const abs = n < 0 ? -n : n;
    const cents = abs % 100;
    const whole = (abs - cents) / 100;
    return n < 0 ? `-${whole}${DECIMALS[cents]}` : `${whole}${DECIMALS[cents]}`;
  }
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
