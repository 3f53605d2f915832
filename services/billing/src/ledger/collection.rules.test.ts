import { describe, expect, it } from 'vitest';
import { CollectionRowError, MAX_IMPORT_ROWS, checkAmount, parseCollectionsCsv } from './collection.rules';

const SITE = '11111111-1111-4111-8111-111111111111';
const TODAY = '2026-11-27';
const csv = (...rows: string[]) => ['site_id,received_on,amount,reference', ...rows].join('\n');

describe('a collections CSV', () => {
  it('reads every row with its line, normalising amounts to cents', () => {
    expect(parseCollectionsCsv(csv(`${SITE},2026-11-02,1250,EFT 991`, `${SITE},2026-11-03,"10.5","check ""42"""`), TODAY)).toEqual([
      { line: 2, siteId: SITE, receivedOn: '2026-11-02', amount: '1250.00', reference: 'EFT 991' },
      { line: 3, siteId: SITE, receivedOn: '2026-11-03', amount: '10.50', reference: 'check "42"' },
    ]);
  });

  it('refuses the whole file at its first bad row, naming the line', () => {
    const bad = (row: string, message: RegExp) => expect(() => parseCollectionsCsv(csv(`${SITE},2026-11-02,1.00,`, row), TODAY)).toThrow(message);
    bad(`${SITE},2026-02-30,1.00,`, /Line 3: received_on must be a date/);
    bad(`${SITE},2026-11-28,1.00,`, /Line 3: received_on cannot be in the future/);
    bad(`${SITE},2026-11-02,1.005,`, /Line 3: amount must be a decimal/);
    bad(`${SITE},2026-11-02,0.00,`, /Line 3: amount must be above zero/);
    bad(`${SITE},2026-11-02,-4.00,`, /Line 3: amount must be above zero/);
    bad(`not-a-site,2026-11-02,4.00,`, /Line 3: site_id is not a valid id/);
    bad(`${SITE},2026-11-02,4.00`, /Line 3: expected 4 fields, found 3/);
    bad(`${SITE},2026-11-02,4.00,"open`, /Line 3: a quoted field is not closed/);
  });

  it('needs its header, at least one row and at most the bound', () => {
    expect(() => parseCollectionsCsv('', TODAY)).toThrow(/empty/);
    expect(() => parseCollectionsCsv('site,date,amount,ref\n', TODAY)).toThrow(/header must be/);
    expect(() => parseCollectionsCsv(csv(), TODAY)).toThrow(/no rows/);
    const many = Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => `${SITE},2026-11-02,1.00,`);
    expect(() => parseCollectionsCsv(csv(...many), TODAY)).toThrow(CollectionRowError);
    expect(parseCollectionsCsv(csv(...many.slice(1)), TODAY)).toHaveLength(MAX_IMPORT_ROWS);
  });

  it('bounds a single amount', () => {
    expect(checkAmount('1000000000.00')).toEqual({ amount: '1000000000.00' });
    expect(checkAmount('1000000000.01')).toHaveProperty('error');
  });
});
