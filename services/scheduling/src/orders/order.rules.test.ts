import { THERAPY_REGIMENS } from '@infusion/domain-codes';
import { describe, expect, it } from 'vitest';
import { chairMinutesOf, doseAmountOf, normaliseDiagnosis, orderPlanProblems, planOf, referralProblems } from './order.rules';

describe('an order’s plan', () => {
  it('accepts every standard regimen as it stands', () => {
    for (const regimen of Object.values(THERAPY_REGIMENS)) expect(orderPlanProblems(planOf(regimen)), regimen.key).toEqual([]);
  });

  it('gives vedolizumab two hours of observation after doses 1 and 2, one hour later', () => {
    const plan = planOf(THERAPY_REGIMENS.vedolizumabUC);
    expect([1, 2, 3, 4].map((n) => chairMinutesOf(plan, n))).toEqual([150, 150, 90, 90]);
  });

  it('counts ocrelizumab’s chair time as premedication + infusion + observation: 30 + 210 + 60', () => {
    expect(chairMinutesOf(planOf(THERAPY_REGIMENS.ocrelizumabMS), 3)).toBe(300);
  });

  it('refuses induction days that do not start at 0 or do not increase', () => {
    const plan = planOf(THERAPY_REGIMENS.infliximabCrohn);
    expect(orderPlanProblems({ ...plan, inductionDays: [1, 14, 42] })[0]?.argument).toBe('input.inductionDays');
    expect(orderPlanProblems({ ...plan, inductionDays: [0, 42, 14] })[0]?.argument).toBe('input.inductionDays');
  });

  it('refuses maintenance that starts before induction ends, or a window that lets doses meet', () => {
    const plan = planOf(THERAPY_REGIMENS.infliximabCrohn);
    expect(orderPlanProblems({ ...plan, firstMaintenanceDay: 42 })[0]?.argument).toBe('input.firstMaintenanceDay');
    expect(orderPlanProblems({ ...plan, inductionWindowDays: 7 })[0]?.argument).toBe('input.inductionWindowDays');
  });

  it('refuses more doses than an induction-only course has', () => {
    expect(orderPlanProblems({ ...planOf(THERAPY_REGIMENS.ironSucroseIDA), dosesPlanned: 6 })[0]?.argument).toBe('input.dosesPlanned');
  });

  it('refuses a visit longer than a treatment day', () => {
    expect(orderPlanProblems({ ...planOf(THERAPY_REGIMENS.ivigCIDP), infusionMinutes: 700 })[0]?.argument).toBe('input.infusionMinutes');
  });
});

describe('a referral', () => {
  it('names a prescriber on staff or an external provider with a valid NPI', () => {
    expect(referralProblems('p-1', null)).toEqual([]);
    expect(referralProblems(null, { name: 'Dr. Lee', npi: '1234567893' })).toEqual([]);
    expect(referralProblems(null, null)[0]?.argument).toBe('input.prescriberId');
    expect(referralProblems(null, { name: 'Dr. Lee', npi: '1234567890' })[0]?.argument).toBe('input.referringProvider.npi');
  });

  it('checks the diagnosis as ICD-10-CM and prints it in upper case', () => {
    expect(normaliseDiagnosis(' k50.90 ')).toBe('K50.90');
    expect(normaliseDiagnosis('K5090')).toBeNull();
  });
});

describe('dose', () => {
  it('computes a weight-based dose from the latest weight: 5 mg/kg × 72.5 kg = 362.5 mg', () => {
    expect(doseAmountOf('PER_KG', 5, 72.5)).toBe(362.5);
    expect(doseAmountOf('FIXED', 300, 72.5)).toBe(300);
  });
});
