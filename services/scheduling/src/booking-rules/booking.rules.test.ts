import { describe, expect, it } from 'vitest';
import { bookingDecision, bookingRuleFailures, covered, unitsFor, type BookingFacts } from './booking.rules';

const t = (time: string) => new Date(`2026-12-01T${time}:00Z`);
const facts = (): BookingFacts => ({
  visit: { startsAt: t('15:00'), endsAt: t('17:45') },
  siteId: 's1',
  visitDate: '2026-12-01',
  siteDay: { date: '2026-12-01', closed: false, opensAtUtc: t('14:00'), closesAtUtc: t('23:30') },
  chair: { active: true, atSite: true },
  nurseQualified: true,
  supervision: 'DIRECT',
  supervisorShifts: [{ startsAt: t('13:30'), endsAt: t('18:00') }],
  remsProgram: null,
  siteRemsEnrolled: false,
  prescriberRemsEnrolled: true,
  priorAuthorizations: [{ hcpcsCode: 'J1745', siteId: 's1', validFrom: '2026-11-01', validTo: '2027-04-30', remainingUnits: 120, status: 'ACTIVE' }],
  hcpcsCode: 'J1745',
  unitsNeeded: 35,
});
const codes = (f: BookingFacts) => bookingRuleFailures(f).map((r) => r.code);

describe('booking rules', () => {
  it('passes an office infusion inside hours, with a qualified nurse, a supervisor on site and an authorization with units', () => {
    expect(bookingRuleFailures(facts())).toEqual([]);
  });

  it('refuses a visit that runs past closing or falls on a closed day, saying the hours', () => {
    const late = { ...facts(), visit: { startsAt: t('22:00'), endsAt: t('23:45') }, supervision: 'GENERAL' as const };
    expect(bookingRuleFailures(late)).toEqual([expect.objectContaining({ code: 'SITE_CLOSED', severity: 'HARD', detail: 'The site is open 14:00–23:30 UTC on 2026-12-01' })]);
    expect(codes({ ...facts(), siteDay: { date: '2026-12-01', closed: true, opensAtUtc: null, closesAtUtc: null } })).toEqual(['SITE_CLOSED']);
  });

  it('needs direct supervision for the whole visit in an office, not in a hospital department', () => {
    const gap = { ...facts(), supervisorShifts: [{ startsAt: t('13:30'), endsAt: t('16:00') }, { startsAt: t('16:30'), endsAt: t('19:00') }] };
    expect(codes(gap)).toEqual(['SUPERVISION_NOT_COVERED']);
    expect(codes({ ...gap, supervision: 'GENERAL' })).toEqual([]);
    expect(covered([{ startsAt: t('13:30'), endsAt: t('16:00') }, { startsAt: t('16:00'), endsAt: t('19:00') }], facts().visit)).toBe(true);
  });

  it('needs a REMS-enrolled site (hard) and prescriber (soft when external and unconfirmed)', () => {
    const rems = { ...facts(), remsProgram: 'TOUCH' };
    expect(codes(rems)).toEqual(['REMS_SITE_NOT_ENROLLED']);
    expect(codes({ ...rems, siteRemsEnrolled: true, prescriberRemsEnrolled: null })).toEqual(['REMS_PRESCRIBER_UNVERIFIED']);
  });

  it('flags a visit with no authorization on its date, or too few units left', () => {
    expect(codes({ ...facts(), visitDate: '2027-05-01' })).toEqual(['PRIOR_AUTH_MISSING']);
    expect(codes({ ...facts(), unitsNeeded: 121 })).toEqual(['PRIOR_AUTH_UNITS_EXHAUSTED']);
    expect(codes({ ...facts(), priorAuthorizations: [{ ...facts().priorAuthorizations![0]!, siteId: 's2' }] })).toEqual(['PRIOR_AUTH_MISSING']);
  });

  it('lists hard failures before soft ones', () => {
    expect(codes({ ...facts(), unitsNeeded: 500, nurseQualified: false })).toEqual(['NURSE_NOT_QUALIFIED', 'PRIOR_AUTH_UNITS_EXHAUSTED']);
  });

  it('bills 350 mg of infliximab as 35 units of J1745 (10 mg each)', () => {
    expect(unitsFor(350, 10)).toBe(35);
    expect(unitsFor(352, 10)).toBe(36);
  });
});

describe('overriding a rule', () => {
  it('books past a soft rule overridden with a reason, and records the reason', () => {
    const failures = bookingRuleFailures({ ...facts(), visitDate: '2027-05-01' });
    expect(bookingDecision(failures, [{ code: 'PRIOR_AUTH_MISSING', reason: 'Renewal submitted, payer confirmed by phone' }])).toEqual({
      refused: [],
      overridden: [expect.objectContaining({ code: 'PRIOR_AUTH_MISSING', reason: 'Renewal submitted, payer confirmed by phone' })],
    });
  });

  it('never overrides a hard rule, nor a soft one without a reason', () => {
    const failures = bookingRuleFailures({ ...facts(), nurseQualified: false, visitDate: '2027-05-01' });
    const decision = bookingDecision(failures, [{ code: 'NURSE_NOT_QUALIFIED', reason: 'short staffed' }, { code: 'PRIOR_AUTH_MISSING', reason: '  ' }]);
    expect(decision.refused.map((f) => f.code)).toEqual(['NURSE_NOT_QUALIFIED', 'PRIOR_AUTH_MISSING']);
    expect(decision.overridden).toEqual([]);
  });
});
