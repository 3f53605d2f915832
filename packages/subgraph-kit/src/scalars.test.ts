import { Kind, type ValueNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { InvalidInput } from './input-guard';
import { DateTime, LocalDate, isLocalDate, parseDateTime } from './scalars';

const stringNode = (value: string): ValueNode => ({ kind: Kind.STRING, value });

describe('DateTime', () => {
  it('reads RFC 3339 date-times with Z or an offset, to the millisecond', () => {
    expect(parseDateTime('2026-11-26T14:30:00Z')?.toISOString()).toBe('2026-11-26T14:30:00.000Z');
    expect(parseDateTime('2026-11-26T09:30:00-05:00')?.toISOString()).toBe('2026-11-26T14:30:00.000Z');
    expect(parseDateTime('2026-11-26T14:30:00.123456Z')?.toISOString()).toBe('2026-11-26T14:30:00.123Z');
    expect(parseDateTime('2026-11-26t14:30:00z')?.toISOString()).toBe('2026-11-26T14:30:00.000Z');
    expect(parseDateTime('2024-02-29T00:00:00Z')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('refuses impossible calendar days, months, hours, minutes, seconds and offsets', () => {
    for (const text of [
      '2026-02-30T10:00:00Z',
      '2026-02-29T10:00:00Z',
      '2100-02-29T10:00:00Z',
      '2026-04-31T10:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-01-00T00:00:00Z',
      '2026-01-01T25:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T10:60:00Z',
      '2026-01-01T23:59:60Z',
      '2026-01-01T10:00:00+24:00',
      '2026-01-01T10:00:00+05:60',
      '0000-01-01T00:00:00Z',
    ]) {
      expect(parseDateTime(text), text).toBeUndefined();
    }
  });

  it('refuses anything that is not a full date-time with an offset', () => {
    for (const text of ['2026-01-01', '2026-01-01T10:00:00', '2026-1-1T10:00:00Z', ' 2026-01-01T10:00:00Z', '99999-01-01T00:00:00Z', '', 'now']) {
      expect(parseDateTime(text), text).toBeUndefined();
    }
  });

  it('hands the input guard an InvalidInput (not an exception) for what it cannot read, so the argument can be named', () => {
    expect(DateTime.parseValue('2026-02-30T10:00:00Z')).toBeInstanceOf(InvalidInput);
    expect(DateTime.parseValue(1_767_261_600_000)).toBeInstanceOf(InvalidInput);
    expect(DateTime.parseLiteral({ kind: Kind.INT, value: '5' })).toEqual(new InvalidInput('must be a date-time string such as "2026-11-26T14:30:00Z"'));
    expect(DateTime.parseLiteral(stringNode('2026-11-26T14:30:00Z'))).toEqual(new Date('2026-11-26T14:30:00Z'));
  });

  it('does not quote a whole 10,000-character value back', () => {
    const problem = (DateTime.parseValue('9'.repeat(10_000)) as InvalidInput).problem;
    expect(problem.length).toBeLessThan(200);
  });

  it('answers in UTC', () => {
    expect(DateTime.serialize(new Date('2026-11-26T09:30:00-05:00'))).toBe('2026-11-26T14:30:00.000Z');
    expect(() => DateTime.serialize(new Date(Number.NaN))).toThrow();
  });
});

describe('LocalDate', () => {
  it('reads real calendar dates from year 1 to 9999', () => {
    for (const text of ['2026-11-26', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31']) expect(isLocalDate(text), text).toBe(true);
  });

  it('refuses impossible dates, year 0 and other shapes', () => {
    for (const text of ['2026-02-30', '2026-02-29', '1900-02-29', '2026-13-01', '2026-00-01', '2026-06-31', '0000-01-01', '2026-1-1', '10000-01-01', '2026-01-01T00:00:00Z', ' 2026-01-01']) {
      expect(isLocalDate(text), text).toBe(false);
    }
    expect(LocalDate.parseValue('2026-02-30')).toBeInstanceOf(InvalidInput);
    expect(LocalDate.parseLiteral({ kind: Kind.BOOLEAN, value: true })).toBeInstanceOf(InvalidInput);
    expect(LocalDate.parseLiteral(stringNode('2026-11-26'))).toBe('2026-11-26');
  });
});
