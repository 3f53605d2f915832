import { describe, expect, it } from 'vitest';
import { CLIENT_STATUSES, statusTransitionProblem, taxIdProblem } from './client.rules';

describe('client status', () => {
  it('moves onboarding → active → offboarding → ended', () => {
    expect(statusTransitionProblem('ONBOARDING', 'ACTIVE')).toBeNull();
    expect(statusTransitionProblem('ACTIVE', 'OFFBOARDING')).toBeNull();
    expect(statusTransitionProblem('OFFBOARDING', 'ENDED')).toBeNull();
  });

  it('lets onboarding be abandoned and offboarding be called off', () => {
    expect(statusTransitionProblem('ONBOARDING', 'ENDED')).toBeNull();
    expect(statusTransitionProblem('OFFBOARDING', 'ACTIVE')).toBeNull();
  });

  it('refuses skipping offboarding, going back to onboarding and anything after ENDED', () => {
    expect(statusTransitionProblem('ACTIVE', 'ENDED')).toMatch(/ACTIVE to ENDED.*only to OFFBOARDING/);
    expect(statusTransitionProblem('ACTIVE', 'ONBOARDING')).toMatch(/cannot/);
    expect(statusTransitionProblem('ONBOARDING', 'OFFBOARDING')).toMatch(/cannot/);
    for (const to of CLIENT_STATUSES.filter((s) => s !== 'ENDED')) expect(statusTransitionProblem('ENDED', to)).toMatch(/ENDED is final/);
  });

  it('treats keeping the status as no change', () => {
    for (const s of CLIENT_STATUSES) expect(statusTransitionProblem(s, s)).toBeNull();
  });
});

describe('tax id (EIN)', () => {
  it('accepts NN-NNNNNNN with an assigned prefix', () => {
    expect(taxIdProblem('36-4123456')).toBeNull();
    expect(taxIdProblem('86-1234567')).toBeNull();
  });
  it('refuses other shapes and unassigned prefixes', () => {
    for (const taxId of ['364123456', '36-412345', '3-64123456', '36 4123456', 'AB-1234567', '36-41234567']) expect(taxIdProblem(taxId), taxId).toMatch(/NN-NNNNNNN/);
    expect(taxIdProblem('00-1234567')).toMatch(/No EIN begins with 00/);
  });
});
