import { isUuid } from '@infusion/subgraph-kit';
import { toHundredths } from '../fees/decimal';

/** The most rows one CSV import may hold (the kit's input guard also caps the text at 10,000 characters). */
export const MAX_IMPORT_ROWS = 500;
/** The largest single collection: far above any real payment, inside numeric(14,2). */
const MAX_COLLECTION_CENTS = 1_000_000_000_00n;
export const CSV_HEADER = ['site_id', 'received_on', 'amount', 'reference'] as const;

export interface CollectionRow {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  siteId: string;
  receivedOn: string;
  amount: string;
  reference: string | null;
}

/** Why a row (or the file) cannot be imported, with its line. */
export class CollectionRowError extends Error {
  constructor(
    readonly line: number | null,
    message: string,
  ) {
    super(line === null ? message : `Line ${line}: ${message}`);
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkReceivedOn(date: string, today: string): string | null {
  if (!DATE.test(date) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) return 'received_on must be a date like 2026-01-31';
  if (date > today) return 'received_on cannot be in the future';
  if (date < '2000-01-01') return 'received_on is before 2000';
  return null;
}

/** An amount in exact cents, above zero; the normalised decimal string, or why not. */
export function checkAmount(amount: string): { amount: string } | { error: string } {
  let cents: bigint;
  try {
    cents = toHundredths(amount, 'amount');
  } catch {
    return { error: 'amount must be a decimal number with at most two decimals, e.g. "1250.00"' };
  }
  if (cents <= 0n) return { error: 'amount must be above zero' };
  if (cents > MAX_COLLECTION_CENTS) return { error: 'amount is larger than any single payment could be' };
  return { amount: `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}` };
}

/** Splits one CSV line; double quotes may wrap a field, "" is a quote inside one. */
function fields(text: string, line: number): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) throw new CollectionRowError(line, 'a quoted field is not closed');
  out.push(field);
  return out.map((f) => f.trim());
}

/**
 * Reads a collections CSV (`site_id,received_on,amount,reference`, header first) and checks every
 * row; the first bad row refuses the whole file, so an import is all or nothing.
 */
export function parseCollectionsCsv(csv: string, today: string): CollectionRow[] {
  const lines = csv.split(/\r?\n/);
  while (lines.length && lines.at(-1)!.trim() === '') lines.pop();
  if (lines.length === 0) throw new CollectionRowError(null, 'The file is empty');
  const header = fields(lines[0]!, 1).map((h) => h.toLowerCase());
  if (header.join(',') !== CSV_HEADER.join(',')) throw new CollectionRowError(1, `the header must be ${CSV_HEADER.join(',')}`);
  if (lines.length - 1 > MAX_IMPORT_ROWS) throw new CollectionRowError(null, `An import holds at most ${MAX_IMPORT_ROWS} rows`);
  if (lines.length === 1) throw new CollectionRowError(null, 'The file has no rows');
  return lines.slice(1).map((text, index) => {
    const line = index + 2;
    const values = fields(text, line);
    if (values.length !== CSV_HEADER.length) throw new CollectionRowError(line, `expected ${CSV_HEADER.length} fields, found ${values.length}`);
    const [siteId, receivedOn, rawAmount, reference] = values as [string, string, string, string];
    if (!isUuid(siteId)) throw new CollectionRowError(line, 'site_id is not a valid id');
    const dateProblem = checkReceivedOn(receivedOn, today);
    if (dateProblem) throw new CollectionRowError(line, dateProblem);
    const amount = checkAmount(rawAmount);
    if ('error' in amount) throw new CollectionRowError(line, amount.error);
    if (reference.length > 200) throw new CollectionRowError(line, 'reference is longer than 200 characters');
    return { line, siteId: siteId.toLowerCase(), receivedOn, amount: amount.amount, reference: reference || null };
  });
}
