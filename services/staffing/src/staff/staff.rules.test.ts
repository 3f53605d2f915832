import { describe, expect, it } from 'vitest';
import { employmentProblem, formatCents, hourlyCostProblem, licenseProblem, mayWorkShiftAs, toCents } from './staff.rules';

describe('what a staff member costs', () => {
  it('reads dollar amounts exactly, in cents', () => {
    expect(toCents('48.5')).toBe(4850);
    expect(toCents('48')).toBe(4800);
    expect(toCents('0.07')).toBe(7);
    expect(formatCents(4850)).toBe('48.50');
    for (const bad of ['-1', '48.505', '1e3', '', 'forty']) expect(toCents(bad)).toBeNull();
  });

  it('refuses a zero, negative or implausible hourly cost naming the field', () => {
    expect(hourlyCostProblem('0', 'input.hourlyCost')?.argument).toBe('input.hourlyCost');
    expect(hourlyCostProblem('-5', 'input.hourlyCost')).not.toBeNull();
    expect(hourlyCostProblem('48000', 'input.hourlyCost')?.message).toMatch(/at most/);
    expect(hourlyCostProblem('52.25', 'input.hourlyCost')).toBeNull();
  });
});

describe('how a staff member is engaged', () => {
  it('needs the agency of agency staff, and no agency for an employee', () => {
    expect(employmentProblem('AGENCY', null)?.argument).toBe('input.agencyName');
    expect(employmentProblem('AGENCY', 'Prairie Nurse Partners')).toBeNull();
    expect(employmentProblem('EMPLOYEE', 'Prairie Nurse Partners')?.argument).toBe('input.agencyName');
    expect(employmentProblem('CONTRACT', null)).toBeNull();
  });
});

describe('shift roles', () => {
  it('lets an RN cover an LPN or medical-assistant shift, never the other way round', () => {
    expect(mayWorkShiftAs('RN', 'LPN')).toBe(true);
    expect(mayWorkShiftAs('RN', 'MEDICAL_ASSISTANT')).toBe(true);
    expect(mayWorkShiftAs('LPN', 'RN')).toBe(false);
    expect(mayWorkShiftAs('MEDICAL_ASSISTANT', 'RN')).toBe(false);
    expect(mayWorkShiftAs('NP', 'NP')).toBe(true);
  });
});

describe('licences', () => {
  it('accepts real state codes only', () => {
    expect(licenseProblem({ state: 'ZZ', type: 'REGISTERED_NURSE', multistate: false })?.argument).toBe('input.state');
    expect(licenseProblem({ state: 'TX', type: 'REGISTERED_NURSE', multistate: false })).toBeNull();
  });

  it('gives multistate licences only to RN/LPN licences from compact states', () => {
    expect(licenseProblem({ state: 'TX', type: 'REGISTERED_NURSE', multistate: true })).toBeNull();
    expect(licenseProblem({ state: 'CA', type: 'REGISTERED_NURSE', multistate: true })?.argument).toBe('input.multistate');
    expect(licenseProblem({ state: 'TX', type: 'NURSE_PRACTITIONER', multistate: true })?.argument).toBe('input.multistate');
  });
});
