/**
 * Code tables of the infusion business (see shared/DOMAIN.md). Values that payers or regulators
 * may change are data here, never constants buried in services.
 */

/** Where infusions are given. Drives place of service, claim form and supervision. */
export const SITE_KINDS = [
  'OFFICE',
  'HOPD_ON_CAMPUS',
  'HOPD_OFF_CAMPUS',
  'PHARMACY_AIS',
  'STANDALONE_AIC',
  'HOME',
] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

/** Claim form: professional (837P / CMS-1500) or institutional (837I / UB-04). */
export type ClaimForm = 'PROFESSIONAL' | 'INSTITUTIONAL';

/**
 * Medicare supervision level: DIRECT (physician or NP/PA in the office suite for the whole
 * infusion, "incident-to"), GENERAL (hospital outpatient therapeutic services since 2020), NONE
 * (pharmacy ambulatory infusion suite, home).
 */
export type SupervisionLevel = 'DIRECT' | 'GENERAL' | 'NONE';

export interface SiteKindDefaults {
  /** CMS place-of-service code printed on claims. */
  placeOfService: string;
  claimForm: ClaimForm;
  supervision: SupervisionLevel;
}

/** Defaults per kind of site; a site may override its POS (e.g. 49 for some payers' suites). */
export const SITE_KIND_DEFAULTS: Record<SiteKind, SiteKindDefaults> = {
  OFFICE: { placeOfService: '11', claimForm: 'PROFESSIONAL', supervision: 'DIRECT' },
  HOPD_ON_CAMPUS: { placeOfService: '22', claimForm: 'INSTITUTIONAL', supervision: 'GENERAL' },
  HOPD_OFF_CAMPUS: { placeOfService: '19', claimForm: 'INSTITUTIONAL', supervision: 'GENERAL' },
  PHARMACY_AIS: { placeOfService: '49', claimForm: 'PROFESSIONAL', supervision: 'NONE' },
  STANDALONE_AIC: { placeOfService: '49', claimForm: 'PROFESSIONAL', supervision: 'DIRECT' },
  HOME: { placeOfService: '12', claimForm: 'PROFESSIONAL', supervision: 'NONE' },
};

export const PLACE_OF_SERVICE: Record<string, string> = {
  '11': 'Office',
  '12': 'Home',
  '19': 'Off-campus outpatient hospital',
  '22': 'On-campus outpatient hospital',
  '49': 'Independent clinic',
};

export const CLIENT_KINDS = ['PHYSICIAN_PRACTICE', 'NP_CLINIC', 'HOSPITAL'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

export const STAFF_ROLES = ['RN', 'LPN', 'NP', 'PA', 'PHYSICIAN', 'PHARMACIST', 'TECHNICIAN', 'COORDINATOR'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Roles that may supervise incident-to infusions in an office (direct supervision). */
export const SUPERVISING_ROLES: readonly StaffRole[] = ['PHYSICIAN', 'NP', 'PA'];

/**
 * States in the Nurse Licensure Compact. Uncertain and changing (DOMAIN.md), so kept as data;
 * California, New York and Washington are notably absent.
 */
export const NURSE_LICENSURE_COMPACT_STATES: readonly string[] = [
  'AL', 'AZ', 'AR', 'CO', 'DE', 'FL', 'GA', 'ID', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD', 'MS', 'MO',
  'MT', 'NE', 'NH', 'NJ', 'NM', 'NC', 'ND', 'OH', 'OK', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WV',
  'WI', 'WY',
];

/** NDC-11 in 5-4-2 format, e.g. 57894-0030-01. */
export const NDC_11_PATTERN = /^\d{5}-\d{4}-\d{2}$/;

/** HCPCS Level II code, e.g. J1745. */
export const HCPCS_PATTERN = /^[A-V]\d{4}$/;

/** Units an NDC quantity may be expressed in on a claim (never MG). */
export const NDC_UNITS = ['UN', 'ML', 'GR', 'F2'] as const;
export type NdcUnit = (typeof NDC_UNITS)[number];

/** How a drug lot was acquired; white-bagged lots belong to one patient and are not billed by the site. */
export const ACQUISITION_METHODS = ['BUY_AND_BILL', 'WHITE_BAGGED', 'BROWN_BAGGED', 'FREE_DRUG_PROGRAM'] as const;
export type AcquisitionMethod = (typeof ACQUISITION_METHODS)[number];

export const STORAGE_CONDITIONS = ['REFRIGERATED', 'FROZEN', 'CONTROLLED_ROOM'] as const;
export type StorageCondition = (typeof STORAGE_CONDITIONS)[number];

/**
 * National Provider Identifier: 10 digits whose last is a Luhn check digit computed over the
 * number prefixed with 80840 (the ISO card issuer prefix CMS uses for NPIs).
 */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** ICD-10-CM diagnosis code: letter, digit, digit or letter, then optionally a dot and up to four more (e.g. M05.79, G35). */
export const ICD10_CM_PATTERN = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

export * from './regimens';
