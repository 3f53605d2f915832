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

export const STAFF_ROLES = ['RN', 'LPN', 'MEDICAL_ASSISTANT', 'NP', 'PA', 'PHYSICIAN', 'PHARMACIST', 'TECHNICIAN', 'COORDINATOR'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Roles that may supervise incident-to infusions in an office (direct supervision). */
export const SUPERVISING_ROLES: readonly StaffRole[] = ['PHYSICIAN', 'NP', 'PA'];

/** Roles that give infusions and count toward a site's chairs-per-nurse ratio. */
export const NURSING_ROLES: readonly StaffRole[] = ['RN', 'LPN'];
/** Roles that may give an infusion as a visit's nurse (an NP infuses too); staffing's `qualifiedStaff` and scheduling's booking rules share it. */
export const INFUSING_ROLES: readonly StaffRole[] = ['RN', 'LPN', 'NP'];

/**
 * Two-letter codes of the US jurisdictions whose boards issue nursing and medical licences: the 50
 * states, DC and the territories with their own boards (PR, VI, GU, AS, MP).
 */
export const US_STATE_CODES: readonly string[] = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA',
  'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK',
  'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'DC', 'PR', 'VI', 'GU',
  'AS', 'MP',
];

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

export * from './npi';

/**
 * Places of service a site of each kind may bill with (DOMAIN.md, sites of care): hospital
 * departments keep their campus code (22 on campus, 19 off campus), an office bills 11, home 12;
 * pharmacy suites and stand-alone centres bill 49 by default and 11 where a payer wants it.
 */
export const ALLOWED_PLACES_OF_SERVICE: Record<SiteKind, readonly string[]> = {
  OFFICE: ['11'],
  HOPD_ON_CAMPUS: ['22'],
  HOPD_OFF_CAMPUS: ['19'],
  PHARMACY_AIS: ['49', '11'],
  STANDALONE_AIC: ['49', '11'],
  HOME: ['12'],
};

/** Places of service billed on the institutional claim (837I / UB-04): hospital outpatient. */
export const INSTITUTIONAL_PLACES_OF_SERVICE: readonly string[] = ['19', '22'];

/** Two-letter codes of the states, DC and the territories where a site may stand. */
export const US_STATES: readonly string[] = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD',
  'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD',
  'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'PR', 'GU', 'VI', 'AS', 'MP',
];

/**
 * REMS programmes a site may have to be enrolled in before giving a drug (DOMAIN.md: natalizumab
 * needs TOUCH). Codes are data: a programme is added here, not in a service.
 */
export const REMS_PROGRAMMES: Record<string, string> = {
  TOUCH: 'TOUCH Prescribing Program (natalizumab)',
  ALEMTUZUMAB: 'LEMTRADA REMS (alemtuzumab)',
  CLOZAPINE: 'Clozapine REMS',
  ESKETAMINE: 'SPRAVATO REMS (esketamine)',
};

/** ICD-10-CM diagnosis code: letter, digit, digit or letter, then optionally a dot and up to four more (e.g. M05.79, G35). */
export const ICD10_CM_PATTERN = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

export * from './regimens';
