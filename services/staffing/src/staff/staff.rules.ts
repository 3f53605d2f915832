/**
 * Pure rules for writing staff: how a person is engaged and what they cost, which roles a shift
 * may be worked in, and what makes a licence well-formed. Each problem names the input field.
 */
import { NURSE_LICENSURE_COMPACT_STATES, NURSING_ROLES, SUPERVISING_ROLES, US_STATE_CODES, type StaffRole } from '@infusion/domain-codes';
import { COMPACT_LICENSE_TYPES, type LicenseType } from './licensure.rules';

export const EMPLOYMENT_TYPES = ['EMPLOYEE', 'AGENCY', 'CONTRACT'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

export interface Problem {
  message: string;
  argument: string;
}

/** Highest hourly cost accepted: a guard against a typo (4800 for 48.00), not a pay policy. */
export const MAX_HOURLY_COST_CENTS = 500_000;

const MONEY = /^(\d{1,6})(?:\.(\d{1,2}))?$/;

/** "48.5" → 4850 cents; null when not a positive amount with at most two decimals. */
export function toCents(amount: string): number | null {
  const match = MONEY.exec(amount.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** 4850 → "48.50". */
export function formatCents(cents: number): string {
  const negative = cents < 0;
  const abs = Math.abs(Math.round(cents));
  return `${negative ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** An hourly cost as stored ("48.50"), or the problem. */
export function hourlyCostProblem(amount: string, argument: string): Problem | null {
  const cents = toCents(amount);
  if (cents === null || cents <= 0) return { message: `\`${argument}\` must be a positive amount in dollars with at most two decimals, e.g. "48.50"`, argument };
  if (cents > MAX_HOURLY_COST_CENTS) return { message: `\`${argument}\` may be at most ${formatCents(MAX_HOURLY_COST_CENTS)} an hour`, argument };
  return null;
}

/**
 * Agency staff are supplied (and invoiced) by an agency, which must be named; an employee has no
 * agency; a contractor may work through one or alone.
 */
export function employmentProblem(employment: EmploymentType, agencyName: string | null, argumentPrefix = 'input'): Problem | null {
  if (employment === 'AGENCY' && !agencyName) return { message: 'Agency staff need the agency’s name', argument: `${argumentPrefix}.agencyName` };
  if (employment === 'EMPLOYEE' && agencyName) return { message: 'An employee has no agency; use AGENCY or CONTRACT for agency staff', argument: `${argumentPrefix}.agencyName` };
  return null;
}

/** Roles whose holders need an NPI on orders and claims (the database checks it too). */
export const PROVIDER_ROLES: readonly StaffRole[] = ['NP', 'PA', 'PHYSICIAN'];

/** Roles a person may work a shift in besides their own: a nurse may cover a lesser nursing role. */
const ALSO_WORKS: Partial<Record<StaffRole, readonly StaffRole[]>> = {
  RN: ['LPN', 'MEDICAL_ASSISTANT'],
  LPN: ['MEDICAL_ASSISTANT'],
};

export function mayWorkShiftAs(memberRole: StaffRole, shiftRole: StaffRole): boolean {
  return memberRole === shiftRole || (ALSO_WORKS[memberRole] ?? []).includes(shiftRole);
}

export const isNursingRole = (role: StaffRole): boolean => NURSING_ROLES.includes(role);
export const isSupervisingRole = (role: StaffRole): boolean => SUPERVISING_ROLES.includes(role);

export const isUsStateCode = (code: string): boolean => US_STATE_CODES.includes(code);

/**
 * A new licence's problems: a real US jurisdiction, and a multistate flag only where the Nurse
 * Licensure Compact gives one (RN or LPN, issued by a compact state).
 */
export function licenseProblem(license: { state: string; type: LicenseType; multistate: boolean }): Problem | null {
  if (!isUsStateCode(license.state)) return { message: '`state` must be the two-letter code of a US state or territory, e.g. TX', argument: 'input.state' };
  if (license.multistate && !COMPACT_LICENSE_TYPES.includes(license.type)) {
    return { message: 'Only RN and LPN licences can be multistate (Nurse Licensure Compact)', argument: 'input.multistate' };
  }
  if (license.multistate && !NURSE_LICENSURE_COMPACT_STATES.includes(license.state)) {
    return { message: `${license.state} is not in the Nurse Licensure Compact, so its licences are single-state`, argument: 'input.multistate' };
  }
  return null;
}

/** Which licence types a role practises under (a medical assistant and support roles need none). */
export const LICENSE_TYPES_FOR_ROLE: Partial<Record<StaffRole, readonly LicenseType[]>> = {
  RN: ['REGISTERED_NURSE'],
  LPN: ['LICENSED_PRACTICAL_NURSE', 'REGISTERED_NURSE'],
  NP: ['NURSE_PRACTITIONER'],
  PA: ['MEDICAL'],
  PHYSICIAN: ['MEDICAL'],
};
