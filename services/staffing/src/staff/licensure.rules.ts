/**
 * Pure licensure and competency rules (shared/DOMAIN.md, "Staff"): whether a staff member's
 * licences let them practise in a state on a date, and whether a competency is current.
 * Dates are ISO calendar dates (`YYYY-MM-DD`), which order correctly as strings.
 */
import { NURSE_LICENSURE_COMPACT_STATES } from '@infusion/domain-codes';

export const LICENSE_TYPES = ['REGISTERED_NURSE', 'LICENSED_PRACTICAL_NURSE', 'NURSE_PRACTITIONER', 'MEDICAL'] as const;
export type LicenseType = (typeof LICENSE_TYPES)[number];

/**
 * Licence types the Nurse Licensure Compact covers: RN and LPN/VN. Advanced-practice (NP) and
 * medical licences are outside it, so their multistate flag never reaches another state.
 */
export const COMPACT_LICENSE_TYPES: readonly LicenseType[] = ['REGISTERED_NURSE', 'LICENSED_PRACTICAL_NURSE'];

export interface LicenseTerms {
  /** Two-letter state of the issuing board. */
  state: string;
  type: LicenseType;
  /** True for a Nurse Licensure Compact (multistate) licence. */
  multistate: boolean;
  /** Last day the licence is valid. */
  expiresOn: string;
}

export interface CompetencyTerms {
  kind: string;
  /** Last day the competency is valid. */
  expiresOn: string;
}

/** Something with an expiry date is good through that day and lapses the day after. */
export const isUnexpired = (expiresOn: string, on: string): boolean => on <= expiresOn;

/**
 * Whether one licence lets its holder practise in `state` on `on`: it must be unexpired and either
 * issued by that state, or a compact licence issued by a compact state for another compact state.
 * The compact list is data (states join over time), so callers may pass their own.
 */
export function licenseCovers(
  license: LicenseTerms,
  state: string,
  on: string,
  compactStates: readonly string[] = NURSE_LICENSURE_COMPACT_STATES,
): boolean {
  if (!isUnexpired(license.expiresOn, on)) return false;
  if (license.state === state) return true;
  return (
    license.multistate &&
    COMPACT_LICENSE_TYPES.includes(license.type) &&
    compactStates.includes(license.state) &&
    compactStates.includes(state)
  );
}

/** Whether any of a staff member's licences covers `state` on `on`. */
export function canPracticeIn(
  licenses: readonly LicenseTerms[],
  state: string,
  on: string,
  compactStates: readonly string[] = NURSE_LICENSURE_COMPACT_STATES,
): boolean {
  return licenses.some((license) => licenseCovers(license, state, on, compactStates));
}

/** Whether a staff member holds a competency of `kind` that is unexpired on `on`. */
export function hasCompetency(competencies: readonly CompetencyTerms[], kind: string, on: string): boolean {
  return competencies.some((c) => c.kind === kind && isUnexpired(c.expiresOn, on));
}

const STATE_CODE = /^[A-Z]{2}$/;

/** A state argument as stored (`tx` and ` TX ` mean TX); null when it cannot be a state code. */
export function normaliseStateCode(value: string): string | null {
  const code = value.trim().toUpperCase();
  return STATE_CODE.test(code) ? code : null;
}

const COMPETENCY_KIND = /^[A-Z][A-Z0-9_]*$/;

/** A competency kind as stored (`port_access` means PORT_ACCESS); null when malformed. */
export function normaliseCompetencyKind(value: string): string | null {
  const kind = value.trim().toUpperCase();
  return COMPETENCY_KIND.test(kind) ? kind : null;
}
