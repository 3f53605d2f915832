import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './pagination';

const ID = '356292a9-d6ea-406f-bf9a-3566b10896b2';
const cursorOf = (value: unknown, id: unknown = ID) => Buffer.from(JSON.stringify([value, id])).toString('base64url');

function refusal(cursor: string, kind: Parameters<typeof decodeCursor>[1]) {
  try {
    decodeCursor(cursor, kind);
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error(`cursor accepted: ${Buffer.from(cursor, 'base64url').toString()}`);
}

describe('cursors', () => {
  it('read back what they were issued with, typed by the sort column', () => {
    expect(decodeCursor(encodeCursor('Lakeshore Oncology — Evanston', ID), 'string')).toEqual(['Lakeshore Oncology — Evanston', ID]);
    expect(decodeCursor(encodeCursor('2026-11-26T14:30:00.000Z', ID), 'datetime')).toEqual([new Date('2026-11-26T14:30:00Z'), ID]);
    expect(decodeCursor(encodeCursor('2026-11-26', ID), 'date')).toEqual(['2026-11-26', ID]);
    expect(decodeCursor(encodeCursor(42, ID), 'number')).toEqual([42, ID]);
  });

  it('refuse ORM operators and any other non-primitive where the sort value goes', () => {
    for (const value of [{ $re: '.*' }, { $ne: null }, ['a'], null, true]) {
      expect(refusal(cursorOf(value), 'string')).toEqual({ code: 'BAD_USER_INPUT', argument: 'after' });
    }
  });

  it('refuse a sort value of the wrong type for the column', () => {
    expect(refusal(cursorOf('Lakeshore'), 'datetime')).toMatchObject({ argument: 'after' });
    expect(refusal(cursorOf('2026-02-30T10:00:00Z'), 'datetime')).toMatchObject({ argument: 'after' });
    expect(refusal(cursorOf('2026-02-30'), 'date')).toMatchObject({ argument: 'after' });
    expect(refusal(cursorOf('42'), 'number')).toMatchObject({ argument: 'after' });
    expect(refusal(cursorOf(42), 'string')).toMatchObject({ argument: 'after' });
    expect(refusal(cursorOf('a\u0000b'), 'string')).toMatchObject({ argument: 'after' });
  });

  it('refuse an id that is not a UUID, and anything that is not a two-item list', () => {
    for (const id of [{ $gt: '' }, 'x', 7, null]) expect(refusal(cursorOf('a', id), 'string')).toMatchObject({ argument: 'after' });
    for (const json of ['{"value":"a"}', '["a"]', `["a","${ID}",1]`, 'not json']) {
      expect(refusal(Buffer.from(json).toString('base64url'), 'string')).toMatchObject({ argument: 'after' });
    }
  });

  it('refuse text that is not base64url, and very long cursors, before decoding', () => {
    expect(refusal(`${encodeCursor('a', ID)}$`, 'string')).toMatchObject({ argument: 'after' });
    expect(refusal(encodeCursor('a'.repeat(2_000), ID), 'string')).toMatchObject({ argument: 'after' });
  });
});
