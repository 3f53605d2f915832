import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { containsPattern, operand, whereEquals } from './filters';

interface Row {
  clientId: string;
  status: string;
  startsAt: Date;
}

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
};

describe('filters from client arguments', () => {
  it('keeps the values present and drops absent ones', () => {
    const startsAt = new Date('2026-11-26T10:00:00Z');
    expect(whereEquals<Row>({ clientId: 'c1', status: null, startsAt })).toEqual({ clientId: 'c1', startsAt });
    expect(whereEquals<Row>({ clientId: undefined })).toEqual({});
  });

  it('never lets an object, an array or an invalid date through as an operator', () => {
    for (const value of [{ $re: '.*' }, { $ne: null }, ['a', 'b'], new Date(Number.NaN), Number.NaN]) {
      const error = refusal(() => whereEquals<Row>({ clientId: value as never }));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'clientId' });
    }
    expect(refusal(() => operand({ $gt: '' } as never, 'after')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });

  it('takes % and _ typed by a user literally in a contains search', () => {
    expect(containsPattern(' 50%_a\\ ')).toBe('%50\\%\\_a\\\\%');
    expect(() => containsPattern({ $ne: '' } as never)).toThrow(AppError);
  });
});
