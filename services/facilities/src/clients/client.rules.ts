import { npiProblem } from '@infusion/domain-codes';

/** Where a client stands with the operator, in the order it usually moves. */
export const CLIENT_STATUSES = ['ONBOARDING', 'ACTIVE', 'OFFBOARDING', 'ENDED'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

/**
 * The moves a client's status may make. Onboarding may go live or be abandoned (ENDED); a live
 * client starts offboarding before it ends, and offboarding may be called off (back to ACTIVE).
 * ENDED is final: a returning practice is onboarded again as a new client.
 */
export const CLIENT_STATUS_TRANSITIONS: Record<ClientStatus, readonly ClientStatus[]> = {
  ONBOARDING: ['ACTIVE', 'ENDED'],
  ACTIVE: ['OFFBOARDING'],
  OFFBOARDING: ['ACTIVE', 'ENDED'],
  ENDED: [],
};

/** Why a status change is refused, or null when it is allowed (staying put is allowed). */
export function statusTransitionProblem(from: ClientStatus, to: ClientStatus): string | null {
  if (from === to) return null;
  if (CLIENT_STATUS_TRANSITIONS[from].includes(to)) return null;
  const allowed = CLIENT_STATUS_TRANSITIONS[from];
  return `A client cannot go from ${from} to ${to}${allowed.length ? ` (from ${from} only to ${allowed.join(' or ')})` : ` (${from} is final)`}`;
}

/** Whether new sites may be opened for a client in this status. */
export const acceptsNewSites = (status: ClientStatus): boolean => status === 'ONBOARDING' || status === 'ACTIVE';

/** A federal employer identification number as printed: two digits, a hyphen, seven digits. */
const EIN_PATTERN = /^\d{2}-\d{7}$/;

/** Prefixes the IRS never assigns (00, 07–09, 17–19, 28–29, 49, 69–70, 78–79, 89, 96–97). */
const UNASSIGNED_EIN_PREFIXES = new Set(['00', '07', '08', '09', '17', '18', '19', '28', '29', '49', '69', '70', '78', '79', '89', '96', '97']);

export function taxIdProblem(taxId: string): string | null {
  if (!EIN_PATTERN.test(taxId)) return 'A tax id (EIN) is written NN-NNNNNNN, e.g. 12-3456789';
  if (UNASSIGNED_EIN_PREFIXES.has(taxId.slice(0, 2))) return `No EIN begins with ${taxId.slice(0, 2)}`;
  return null;
}

/** Organisation NPI (type 2) of the client; the check digit is verified. */
export function clientNpiProblem(npi: string): string | null {
  return npiProblem(npi);
}
