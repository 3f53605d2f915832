import { ICD10_CM_PATTERN, npiProblem, type DoseBasis, type TherapyRegimen } from '@infusion/domain-codes';
import type { RuleProblem } from '../patients/patient.rules';

/** Longest chair booking: one infusion day (long IVIG runs stay well under it). Shared with booking. */
export const MAX_CHAIR_MINUTES = 12 * 60;

/** Most doses one order may cover (a weekly drug for almost four years). */
export const MAX_DOSES = 200;

/** An order's dosing schedule and chair time, as stored on the order (copied from its regimen, then adjusted). */
export interface OrderPlan {
  inductionDays: number[];
  firstMaintenanceDay: number | null;
  intervalWeeks: number | null;
  inductionWindowDays: number;
  maintenanceWindowDays: number;
  dosesPlanned: number;
  premedMinutes: number;
  infusionMinutes: number;
  observationMinutes: number;
  extendedFirstDoses: number;
  firstDoseExtraMinutes: number;
}

/** The plan a regimen gives an order when the prescriber does not change it. */
export function planOf(regimen: TherapyRegimen): OrderPlan {
  return {
    inductionDays: [...regimen.inductionDays],
    firstMaintenanceDay: regimen.firstMaintenanceDay,
    intervalWeeks: regimen.maintenanceIntervalWeeks,
    inductionWindowDays: regimen.inductionWindowDays,
    maintenanceWindowDays: regimen.maintenanceWindowDays,
    dosesPlanned: regimen.typicalDoses,
    premedMinutes: regimen.premedMinutes,
    infusionMinutes: regimen.infusionMinutes,
    observationMinutes: regimen.observationMinutes,
    extendedFirstDoses: regimen.extendedFirstDoses,
    firstDoseExtraMinutes: regimen.firstDoseExtraMinutes,
  };
}

/** Chair minutes of dose `doseNumber` (1-based): premedication + infusion + observation, more for the first doses. */
export function chairMinutesOf(plan: OrderPlan, doseNumber: number): number {
  const base = plan.premedMinutes + plan.infusionMinutes + plan.observationMinutes;
  return doseNumber <= plan.extendedFirstDoses ? base + plan.firstDoseExtraMinutes : base;
}

/** What is wrong with an order's plan, each with the input field to blame; empty when it can be scheduled. */
export function orderPlanProblems(plan: OrderPlan, prefix = 'input'): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const at = (field: string) => `${prefix}.${field}`;
  const { inductionDays: days } = plan;
  if (days.length > 0 && days[0] !== 0) problems.push({ argument: at('inductionDays'), message: 'The first induction dose is day 0' });
  if (days.some((d, i) => i > 0 && d <= days[i - 1]!)) problems.push({ argument: at('inductionDays'), message: 'Induction days must increase' });
  if (days.some((d) => d > 366)) problems.push({ argument: at('inductionDays'), message: 'Induction doses fall within a year of the first' });
  if ((plan.firstMaintenanceDay === null) !== (plan.intervalWeeks === null)) {
    problems.push({ argument: at(plan.intervalWeeks === null ? 'maintenanceIntervalWeeks' : 'firstMaintenanceDay'), message: 'Maintenance needs both its first day and its interval, or neither' });
  }
  if (plan.firstMaintenanceDay !== null && days.length > 0 && plan.firstMaintenanceDay <= days[days.length - 1]!) {
    problems.push({ argument: at('firstMaintenanceDay'), message: 'Maintenance starts after the last induction dose' });
  }
  if (plan.intervalWeeks !== null && !(plan.intervalWeeks >= 1 && plan.intervalWeeks <= 104)) {
    problems.push({ argument: at('maintenanceIntervalWeeks'), message: 'A maintenance interval is 1 to 104 weeks' });
  }
  if (plan.firstMaintenanceDay === null && days.length === 0) problems.push({ argument: at('inductionDays'), message: 'An order needs induction doses, maintenance, or both' });
  if (!(plan.dosesPlanned >= 1 && plan.dosesPlanned <= MAX_DOSES)) problems.push({ argument: at('dosesPlanned'), message: `An order covers 1 to ${MAX_DOSES} doses` });
  else if (plan.firstMaintenanceDay === null && plan.dosesPlanned > days.length) {
    problems.push({ argument: at('dosesPlanned'), message: `Without maintenance the order covers at most its ${days.length} induction doses` });
  }
  // A window must keep consecutive doses apart: two doses on one day are an error, not a plan.
  const inductionGap = Math.min(...days.slice(1).map((d, i) => d - days[i]!), Number.POSITIVE_INFINITY);
  const maintenanceGap = plan.intervalWeeks ? plan.intervalWeeks * 7 : Number.POSITIVE_INFINITY;
  for (const [field, window, gap] of [
    ['inductionWindowDays', plan.inductionWindowDays, inductionGap],
    ['maintenanceWindowDays', plan.maintenanceWindowDays, maintenanceGap],
  ] as const) {
    if (!(window >= 0 && window <= 60)) problems.push({ argument: at(field), message: 'A window is 0 to 60 days' });
    else if (2 * window >= gap) problems.push({ argument: at(field), message: 'The window lets two doses fall on the same day' });
  }
  for (const [field, value, max] of [
    ['premedMinutes', plan.premedMinutes, 240],
    ['observationMinutes', plan.observationMinutes, 480],
    ['firstDoseExtraMinutes', plan.firstDoseExtraMinutes, 240],
  ] as const) {
    if (!(value >= 0 && value <= max)) problems.push({ argument: at(field), message: `From 0 to ${max} minutes` });
  }
  if (!(plan.infusionMinutes >= 1 && plan.infusionMinutes <= MAX_CHAIR_MINUTES)) problems.push({ argument: at('infusionMinutes'), message: `From 1 to ${MAX_CHAIR_MINUTES} minutes` });
  if (!(plan.extendedFirstDoses >= 0 && plan.extendedFirstDoses <= plan.dosesPlanned)) {
    problems.push({ argument: at('extendedFirstDoses'), message: 'At most the doses planned' });
  }
  if (problems.length === 0 && chairMinutesOf(plan, 1) > MAX_CHAIR_MINUTES) {
    problems.push({ argument: at('infusionMinutes'), message: `A visit may hold a chair for at most ${MAX_CHAIR_MINUTES / 60} hours` });
  }
  return problems;
}

/** Who ordered: one of the client's providers, or an external referring provider with a valid NPI. */
export function referralProblems(prescriberId: string | null | undefined, referring: { name: string; npi: string } | null | undefined, prefix = 'input'): RuleProblem[] {
  if (!prescriberId && !referring) return [{ argument: `${prefix}.prescriberId`, message: 'Name the prescriber, or the external referring provider' }];
  if (!referring) return [];
  const problems: RuleProblem[] = [];
  if (!referring.name.trim()) problems.push({ argument: `${prefix}.referringProvider.name`, message: 'Give the referring provider’s name' });
  const npi = npiProblem(referring.npi);
  if (npi) problems.push({ argument: `${prefix}.referringProvider.npi`, message: npi });
  return problems;
}

/** A diagnosis as claims print it: upper case, ICD-10-CM format. Null when it is not one. */
export function normaliseDiagnosis(code: string): string | null {
  const upper = code.trim().toUpperCase();
  return ICD10_CM_PATTERN.test(upper) ? upper : null;
}

/**
 * The amount given per dose: the fixed amount, or mg/kg times the latest weight, rounded to a tenth
 * of a unit (what a pharmacist draws up; billing rounds to HCPCS units later).
 */
export function doseAmountOf(basis: DoseBasis, dose: number, latestWeightKg: number): number {
  const amount = basis === 'PER_KG' ? dose * latestWeightKg : dose;
  return Math.round(amount * 10) / 10;
}

/** Largest single dose accepted, in the dose unit (IVIG 2 g/kg × 200 kg = 400,000 mg). */
export const MAX_DOSE_AMOUNT = 500_000;
