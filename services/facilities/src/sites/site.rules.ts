import {
  ALLOWED_PLACES_OF_SERVICE, INSTITUTIONAL_PLACES_OF_SERVICE, PLACE_OF_SERVICE, SITE_KIND_DEFAULTS, US_STATES,
  type ClaimForm, type SiteKind, type SupervisionLevel,
} from '@infusion/domain-codes';
import { canonicalTimeZone, isIanaTimeZone } from '@infusion/subgraph-kit';

/** A rule a site's settings break, naming every field involved (the first is the one to change). */
export interface SiteProblem {
  fields: string[];
  message: string;
}

/**
 * Place of service and claim form must agree with the kind of site (DOMAIN.md): a hospital
 * department bills its campus POS on the institutional claim; everything else bills a
 * professional claim with a POS its kind allows. A contradiction names both fields.
 */
export function kindConsistencyProblems(site: { kind: SiteKind; placeOfService: string; claimForm: ClaimForm }): SiteProblem[] {
  const problems: SiteProblem[] = [];
  if (!(site.placeOfService in PLACE_OF_SERVICE)) {
    problems.push({ fields: ['placeOfService'], message: `Place of service ${site.placeOfService} is not one of ${Object.keys(PLACE_OF_SERVICE).join(', ')}` });
    return problems;
  }
  const allowed = ALLOWED_PLACES_OF_SERVICE[site.kind];
  if (!allowed.includes(site.placeOfService)) {
    problems.push({
      fields: ['placeOfService', 'kind'],
      message: `Place of service ${site.placeOfService} (${PLACE_OF_SERVICE[site.placeOfService]}) contradicts kind ${site.kind}, which bills ${allowed.join(' or ')}`,
    });
  }
  const expectedForm: ClaimForm = INSTITUTIONAL_PLACES_OF_SERVICE.includes(site.placeOfService) ? 'INSTITUTIONAL' : 'PROFESSIONAL';
  if (site.claimForm !== expectedForm) {
    problems.push({
      fields: ['claimForm', 'kind'],
      message: `Claim form ${site.claimForm} contradicts kind ${site.kind} with place of service ${site.placeOfService}, which bills ${expectedForm}`,
    });
  }
  return problems;
}

/** The longest reason kept for a supervision override or a closure. */
export const MAX_REASON = 2000;

/**
 * The supervision rule defaults from the kind (an office needs DIRECT supervision for
 * incident-to billing); a different rule needs a recorded reason, since it changes what
 * scheduling must enforce and what Medicare will pay.
 */
export function supervisionProblem(kind: SiteKind, supervision: SupervisionLevel, reason: string | null): SiteProblem | null {
  const fallback = SITE_KIND_DEFAULTS[kind].supervision;
  if (supervision !== fallback && !reason) {
    return { fields: ['supervisionReason', 'supervision'], message: `Supervision ${supervision} differs from the default for ${kind} (${fallback}): give a reason` };
  }
  return null;
}

export function timeZoneProblem(timeZone: string): SiteProblem | null {
  if (isIanaTimeZone(timeZone)) return null;
  const canonical = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(timeZone) ? canonicalTimeZone(timeZone) : undefined;
  const hint = canonical && isIanaTimeZone(canonical) ? ` (did you mean ${canonical}?)` : ' (e.g. America/Chicago)';
  return { fields: ['timeZone'], message: `Not an IANA time zone${hint}` };
}

const ZIP = /^\d{5}(-\d{4})?$/;

export function addressProblems(address: { state?: string; postalCode?: string; street?: string; city?: string }): SiteProblem[] {
  const problems: SiteProblem[] = [];
  if (address.street !== undefined && !address.street.trim()) problems.push({ fields: ['street'], message: 'The street may not be empty' });
  if (address.city !== undefined && !address.city.trim()) problems.push({ fields: ['city'], message: 'The city may not be empty' });
  if (address.state !== undefined && !US_STATES.includes(address.state)) problems.push({ fields: ['state'], message: 'The state is a two-letter US code, e.g. IL' });
  if (address.postalCode !== undefined && !ZIP.test(address.postalCode)) problems.push({ fields: ['postalCode'], message: 'The ZIP code is 12345 or 12345-6789' });
  return problems;
}
