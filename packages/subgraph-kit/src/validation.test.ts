import { describe, expect, it } from 'vitest';
import { firstFailedRule } from './validation';

describe('class-validator failures as a client reads them', () => {
  it('names the first failing field, nested fields by path', () => {
    expect(firstFailedRule([{ property: 'reason', constraints: { maxLength: 'reason must be shorter than or equal to 2000 characters' } }])).toEqual({
      argument: 'reason',
      message: '`reason`: reason must be shorter than or equal to 2000 characters',
    });
    expect(firstFailedRule([{ property: 'input', children: [{ property: 'name', constraints: { maxLength: 'too long' } }] }])).toEqual({
      argument: 'input.name',
      message: '`input.name`: too long',
    });
    expect(firstFailedRule('not a list')).toBeUndefined();
  });
});
