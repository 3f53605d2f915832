/**
 * Prior authorization status (DOMAIN.md "Authorizations and payers"): a payer approves a number
 * of HCPCS units for a date range and site of care. Doses beyond the units or dates are denied
 * (CO-198), so expired and exhausted authorizations must be surfaced before the visit.
 */

export const PRIOR_AUTHORIZATION_STATUSES = ['ACTIVE', 'EXPIRED', 'EXHAUSTED', 'DENIED'] as const;
export type PriorAuthorizationStatus = (typeof PRIOR_AUTHORIZATION_STATUSES)[number];

export interface AuthorizationUse {
  approvedUnits: number;
  usedUnits: number;
  /** Last day of validity, YYYY-MM-DD. */
  validTo: string;
  denied?: boolean;
}

/** Units still available for doses. */
export function remainingUnits(auth: Pick<AuthorizationUse, 'approvedUnits' | 'usedUnits'>): number {
  return Math.max(0, auth.approvedUnits - auth.usedUnits);
}

/**
 * Status on a given day: a denial stands; past its last day an authorization has expired, even
 * with units left; within its dates, it is exhausted once every approved unit has been used.
 */
export function authorizationStatus(auth: AuthorizationUse, today: string): PriorAuthorizationStatus {
  if (auth.denied) return 'DENIED';
  if (auth.validTo < today) return 'EXPIRED';
  if (remainingUnits(auth) === 0) return 'EXHAUSTED';
  return 'ACTIVE';
}

/**
 * HCPCS billing units for one dose: the payer authorizes units of the code, each standing for a
 * fixed amount of drug (infliximab J1745 = 10 mg), so a 350 mg dose needs 35 units.
 */
export function unitsPerDose(doseAmount: number, hcpcsUnitAmount: number): number {
  if (!(doseAmount > 0) || !(hcpcsUnitAmount > 0)) throw new RangeError('dose and unit size must be positive');
  return Math.ceil(doseAmount / hcpcsUnitAmount);
}
