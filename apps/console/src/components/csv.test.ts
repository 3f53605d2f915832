import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('CSV export', () => {
  it('quotes fields with commas, quotes and line breaks, and leaves empty values empty', () => {
    expect(toCsv(['name', 'note', 'count'], [['Lakeview, Oncology', 'said "hi"\nthen left', 3], ['Red Rock', null, undefined]])).toBe(
      'name,note,count\r\n"Lakeview, Oncology","said ""hi""\nthen left",3\r\nRed Rock,,\r\n',
    );
  });

  it('never hands a spreadsheet a formula: text starting with = + - @ is prefixed', () => {
    expect(toCsv(['v'], [['=HYPERLINK("x")'], ['+1'], ['-2'], ['@SUM(A1)'], [-5]])).toBe('v\r\n"\'=HYPERLINK(""x"")"\r\n\'+1\r\n\'-2\r\n\'@SUM(A1)\r\n-5\r\n');
  });
});
