import { describe, expect, it } from 'vitest';
import { authorizationStatus, remainingUnits, unitsPerDose } from './prior-authorization.rules';

const TODAY = '2026-11-24';

describe('prior authorization status', () => {
  it('is active within its dates while units remain', () => {
    expect(authorizationStatus({ approvedUnits: 140, usedUnits: 70, validTo: '2027-02-22' }, TODAY)).toBe('ACTIVE');
  });

  it('is still active on its last valid day', () => {
    expect(authorizationStatus({ approvedUnits: 140, usedUnits: 0, validTo: TODAY }, TODAY)).toBe('ACTIVE');
  });

  it('has expired the day after its last valid day, even with units left', () => {
    expect(authorizationStatus({ approvedUnits: 140, usedUnits: 35, validTo: '2026-11-23' }, TODAY)).toBe('EXPIRED');
  });

  it('is exhausted once every approved unit is used, though still in date', () => {
    expect(authorizationStatus({ approvedUnits: 140, usedUnits: 140, validTo: '2027-02-22' }, TODAY)).toBe('EXHAUSTED');
  });

  it('stays denied whatever its dates and units', () => {
    expect(authorizationStatus({ approvedUnits: 0, usedUnits: 0, validTo: '2027-02-22', denied: true }, TODAY)).toBe('DENIED');
  });

  it('counts the units left, never below zero', () => {
    expect(remainingUnits({ approvedUnits: 140, usedUnits: 105 })).toBe(35);
    expect(remainingUnits({ approvedUnits: 140, usedUnits: 150 })).toBe(0);
  });
});

describe('HCPCS units per dose', () => {
  it('bills 350 mg of infliximab (J1745, 10 mg per unit) as 35 units', () => {
    expect(unitsPerDose(350, 10)).toBe(35);
  });

  it('rounds a part unit up: 355 mg of infliximab is 36 units', () => {
    expect(unitsPerDose(355, 10)).toBe(36);
  });

  it('bills 70 kg × 1 g/kg of IVIG (J1459, 500 mg per unit) as 140 units', () => {
    expect(unitsPerDose(70_000, 500)).toBe(140);
  });

  it('refuses a dose or unit size of zero', () => {
    expect(() => unitsPerDose(0, 10)).toThrow(RangeError);
    expect(() => unitsPerDose(350, 0)).toThrow(RangeError);
  });
});
