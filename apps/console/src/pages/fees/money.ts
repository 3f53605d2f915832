/**
 * Money in the console: the graph's decimal strings, summed as integer cents (never as floats) and
 * shown with their currency.
 */

export interface MoneyValue {
  amount: string;
  currency: string;
}

/** "1250.5" → 125050n; refuses anything that is not a plain decimal with at most two places. */
export function toCents(amount: string): bigint {
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) throw new Error(`not a money amount: ${amount}`);
  const cents = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

/** 125050n → "1250.50". */
export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Sums amounts per currency, exactly; currencies in first-seen order. */
export function sumByCurrency(values: readonly (MoneyValue | null | undefined)[]): MoneyValue[] {
  const totals = new Map<string, bigint>();
  for (const value of values) {
    if (!value) continue;
    totals.set(value.currency, (totals.get(value.currency) ?? 0n) + toCents(value.amount));
  }
  return [...totals].map(([currency, cents]) => ({ amount: fromCents(cents), currency }));
}

/** The difference a − b of two amounts of one currency. */
export function difference(a: MoneyValue, b: MoneyValue): MoneyValue {
  if (a.currency !== b.currency) throw new Error(`cannot subtract ${b.currency} from ${a.currency}`);
  return { amount: fromCents(toCents(a.amount) - toCents(b.amount)), currency: a.currency };
}

const formats = new Map<string, Intl.NumberFormat>();

/** "1250.50" USD → "$1,250.50": formatted from the exact decimal, whole units and cents apart. */
export function formatMoney(value: MoneyValue | null | undefined): string {
  if (!value) return '—';
  let format = formats.get(value.currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency: value.currency });
    formats.set(value.currency, format);
  }
  // BigInt formatting keeps every digit; the currency's symbol and grouping come from Intl.
  const cents = toCents(value.amount);
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = format.formatToParts(abs / 100n);
  const fraction = String(abs % 100n).padStart(2, '0');
  const text = whole.map((p) => (p.type === 'fraction' ? fraction : p.value)).join('');
  return negative ? `-${text}` : text;
}

/** For charts only (an axis needs numbers): cents as a number of whole units, never summed again. */
export const chartAmount = (cents: bigint): number => Number(cents) / 100;
