import { describe, expect, it } from 'vitest';
import { ICD10_CM_PATTERN, THERAPY_REGIMENS } from './index';

describe('ICD-10-CM format', () => {
  it('accepts codes with and without a subcategory', () => {
    for (const code of ['G35', 'M05.79', 'K50.90', 'C83.30', 'G61.81', 'D50.9', 'M81.0']) expect(ICD10_CM_PATTERN.test(code), code).toBe(true);
  });

  it('refuses lower case, missing dots and overlong codes', () => {
    for (const code of ['g35', 'M0579', 'M05.', 'M05.12345', '1AB', 'MM5.1']) expect(ICD10_CM_PATTERN.test(code), code).toBe(false);
  });
});

describe('therapy regimens', () => {
  it('give every plan its own key and a first induction dose on day 0', () => {
    for (const [key, regimen] of Object.entries(THERAPY_REGIMENS)) {
      expect(regimen.key).toBe(key);
      if (regimen.inductionDays.length) expect(regimen.inductionDays[0]).toBe(0);
    }
  });
});
