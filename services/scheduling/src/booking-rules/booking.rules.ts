import type { SupervisionLevel } from '@infusion/domain-codes';
import type { BookingTimes } from '../appointments/appointment.rules';
import type { SiteDay } from '../series/series.rules';

/**
 * The rules a booking must pass, each with a code a program can act on and a reason a person can
 * read. A HARD rule protects the patient or the law and is never overridden; a SOFT rule protects
 * payment or routine and ops may override it with a recorded reason (the override is audited with
 * the booking).
 */
export const BOOKING_RULES = {
  SITE_CLOSED: { severity: 'HARD', why: 'The site must be open for the whole visit, from chair in to chair out.' },
  CHAIR_OUT_OF_SERVICE: { severity: 'HARD', why: 'The chair must be active and stand at the site of the visit.' },
  NURSE_NOT_QUALIFIED: {
    severity: 'HARD',
    why: "The nurse must be on shift, licensed in the site's state and hold the drug's competency for the whole visit.",
  },
  SUPERVISION_NOT_COVERED: {
    severity: 'SOFT',
    why: 'Office infusions billed incident-to need a physician or NP/PA on site for the whole infusion (direct supervision).',
  },
  REMS_SITE_NOT_ENROLLED: { severity: 'HARD', why: "The drug's REMS programme requires the infusion site to be enrolled." },
  REMS_PRESCRIBER_UNVERIFIED: {
    severity: 'SOFT',
    why: "The drug's REMS programme requires an enrolled prescriber; an external prescriber's enrolment must be confirmed.",
  },
  PRIOR_AUTH_MISSING: { severity: 'SOFT', why: 'No prior authorization covers this drug at this site on the date of the visit (CO-197 risk).' },
  PRIOR_AUTH_UNITS_EXHAUSTED: {
    severity: 'SOFT',
    why: 'The prior authorization has fewer units left than the dose needs (CO-198 risk).',
  },
} as const satisfies Record<string, { severity: 'HARD' | 'SOFT'; why: string }>;

export type BookingRuleCode = keyof typeof BOOKING_RULES;
export const BOOKING_RULE_CODES = Object.keys(BOOKING_RULES) as BookingRuleCode[];

export interface RuleFailure {
  code: BookingRuleCode;
  severity: 'HARD' | 'SOFT';
  why: string;
  /** The particulars: which hours, which shift gap, how many units. */
  detail: string;
}

export interface PriorAuthorizationFacts {
  hcpcsCode: string;
  siteId: string;
  validFrom: string;
  validTo: string;
  remainingUnits: number;
  status: string;
}

/** Everything the rules look at, gathered by the port from the subgraphs that own it. */
export interface BookingFacts {
  visit: BookingTimes;
  siteId: string;
  /** The site's local date of the visit and its hours that day (facilities). */
  visitDate: string;
  siteDay: SiteDay | null;
  chair: { active: boolean; atSite: boolean };
  /** Whether staffing's `qualifiedStaff(site, product, at)` lists the nurse at the start and at the end of the visit. */
  nurseQualified: boolean;
  supervision: SupervisionLevel;
  /** Shifts of supervising providers (physician, NP, PA) at the site around the visit. */
  supervisorShifts: BookingTimes[];
  /** The order's REMS programme, if any, and what is known of enrolment. */
  remsProgram: string | null;
  siteRemsEnrolled: boolean;
  /** True / false for a prescriber on staff; null for an external referring provider (unknown to us). */
  prescriberRemsEnrolled: boolean | null;
  /** Billing's prior authorizations of the patient; null when the drug is not billed (no HCPCS). */
  priorAuthorizations: PriorAuthorizationFacts[] | null;
  hcpcsCode: string | null;
  /** HCPCS units the dose needs. */
  unitsNeeded: number;
}

const iso = (d: Date) => d.toISOString().slice(11, 16);

/** Whether `shifts` together cover `[from, to)` without a gap. */
export function covered(shifts: readonly BookingTimes[], visit: BookingTimes): boolean {
  let reached = visit.startsAt.getTime();
  for (const s of [...shifts].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    if (s.startsAt.getTime() > reached) break;
    reached = Math.max(reached, s.endsAt.getTime());
    if (reached >= visit.endsAt.getTime()) return true;
  }
  return reached >= visit.endsAt.getTime();
}

/** Every rule the booking fails, HARD ones first; empty when it may be booked. */
export function bookingRuleFailures(facts: BookingFacts): RuleFailure[] {
  const failures: RuleFailure[] = [];
  const fail = (code: BookingRuleCode, detail: string) => failures.push({ code, severity: BOOKING_RULES[code].severity, why: BOOKING_RULES[code].why, detail });
  const { visit, siteDay } = facts;

  if (!siteDay || siteDay.closed || !siteDay.opensAtUtc || !siteDay.closesAtUtc) fail('SITE_CLOSED', `The site is closed on ${facts.visitDate}`);
  else if (visit.startsAt < siteDay.opensAtUtc || visit.endsAt > siteDay.closesAtUtc) {
    fail('SITE_CLOSED', `The site is open ${iso(siteDay.opensAtUtc)}–${iso(siteDay.closesAtUtc)} UTC on ${facts.visitDate}`);
  }
  if (!facts.chair.active || !facts.chair.atSite) fail('CHAIR_OUT_OF_SERVICE', facts.chair.atSite ? 'The chair is out of service' : 'The chair is at another site');
  if (!facts.nurseQualified) fail('NURSE_NOT_QUALIFIED', 'Staffing does not list the nurse as qualified for this drug at this site for the whole visit');
  if (facts.remsProgram && !facts.siteRemsEnrolled) fail('REMS_SITE_NOT_ENROLLED', `The site is not enrolled in ${facts.remsProgram}`);

  if (facts.supervision === 'DIRECT' && !covered(facts.supervisorShifts, visit)) {
    fail('SUPERVISION_NOT_COVERED', 'No supervising provider is on shift at the site for the whole visit');
  }
  if (facts.remsProgram && facts.prescriberRemsEnrolled !== true) {
    fail('REMS_PRESCRIBER_UNVERIFIED', facts.prescriberRemsEnrolled === false ? `The prescriber is not enrolled in ${facts.remsProgram}` : `Confirm the referring provider's ${facts.remsProgram} enrolment`);
  }
  if (facts.priorAuthorizations && facts.hcpcsCode) {
    const valid = facts.priorAuthorizations.filter(
      // Billing marks an authorization EXHAUSTED or EXPIRED as it goes; DENIED never covered anything.
      (a) => a.status !== 'DENIED' && a.hcpcsCode === facts.hcpcsCode && a.siteId === facts.siteId && a.validFrom <= facts.visitDate && facts.visitDate <= a.validTo,
    );
    if (valid.length === 0) fail('PRIOR_AUTH_MISSING', `No authorization for ${facts.hcpcsCode} on ${facts.visitDate}`);
    else if (Math.max(...valid.map((a) => a.remainingUnits)) < facts.unitsNeeded) {
      fail('PRIOR_AUTH_UNITS_EXHAUSTED', `${Math.max(...valid.map((a) => a.remainingUnits))} units left, ${facts.unitsNeeded} needed`);
    }
  }
  return failures.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'HARD' ? -1 : 1));
}

export interface RuleOverride {
  code: string;
  reason: string;
}

/**
 * What the booking does with its failures: refused when any HARD rule fails or a SOFT one is not
 * overridden with a reason; otherwise booked, with the overrides to record.
 */
export function bookingDecision(failures: readonly RuleFailure[], overrides: readonly RuleOverride[]): { refused: RuleFailure[]; overridden: (RuleFailure & { reason: string })[] } {
  const reasons = new Map(overrides.filter((o) => o.reason.trim()).map((o) => [o.code, o.reason.trim()]));
  const refused: RuleFailure[] = [];
  const overridden: (RuleFailure & { reason: string })[] = [];
  for (const failure of failures) {
    const reason = reasons.get(failure.code);
    if (failure.severity === 'SOFT' && reason) overridden.push({ ...failure, reason });
    else refused.push(failure);
  }
  return { refused, overridden };
}

/** HCPCS units of a dose: the smallest whole number of billing units that covers it. */
export const unitsFor = (doseAmount: number, hcpcsUnitAmount: number): number => Math.ceil(doseAmount / hcpcsUnitAmount - 1e-9);
