import { describe, expect, it } from 'vitest';
import {
  canPracticeIn,
  hasCompetency,
  licenseCovers,
  normaliseCompetencyKind,
  normaliseStateCode,
  type LicenseTerms,
} from './licensure.rules';

const ON = '2026-11-24';
const rn = (state: string, multistate: boolean, expiresOn = '2027-06-30'): LicenseTerms => ({ state, type: 'REGISTERED_NURSE', multistate, expiresOn });

describe('a licence issued by the state itself', () => {
  it('lets a California RN practise in California', () => {
    expect(canPracticeIn([rn('CA', false)], 'CA', ON)).toBe(true);
  });

  it('does not let a California RN practise in Texas', () => {
    expect(canPracticeIn([rn('CA', false)], 'TX', ON)).toBe(false);
  });

  it('lets an NP practise in the state that issued the NP licence', () => {
    expect(canPracticeIn([{ state: 'AZ', type: 'NURSE_PRACTITIONER', multistate: false, expiresOn: '2027-01-01' }], 'AZ', ON)).toBe(true);
  });
});

describe('a multistate (Nurse Licensure Compact) licence', () => {
  it('lets a Texas compact RN practise in Arizona', () => {
    expect(canPracticeIn([rn('TX', true)], 'AZ', ON)).toBe(true);
  });

  it('lets a Texas compact LPN practise in Arizona', () => {
    expect(licenseCovers({ state: 'TX', type: 'LICENSED_PRACTICAL_NURSE', multistate: true, expiresOn: '2027-01-01' }, 'AZ', ON)).toBe(true);
  });

  it('does not let a Texas single-state RN licence practise in Arizona', () => {
    expect(canPracticeIn([rn('TX', false)], 'AZ', ON)).toBe(false);
  });

  it('does not reach California, New York or Washington, which have not joined the compact', () => {
    for (const state of ['CA', 'NY', 'WA']) expect(canPracticeIn([rn('TX', true)], state, ON), state).toBe(false);
  });

  it('covers nothing beyond its own state when issued by a non-compact state, whatever the flag says', () => {
    expect(canPracticeIn([rn('NY', true)], 'TX', ON)).toBe(false);
    expect(canPracticeIn([rn('CA', true)], 'AZ', ON)).toBe(false);
    expect(canPracticeIn([rn('WA', true)], 'WA', ON)).toBe(true);
  });

  it('never carries a nurse practitioner licence into another state, even when flagged multistate', () => {
    const np: LicenseTerms = { state: 'TX', type: 'NURSE_PRACTITIONER', multistate: true, expiresOn: '2027-01-01' };
    expect(canPracticeIn([np], 'AZ', ON)).toBe(false);
    expect(canPracticeIn([np], 'TX', ON)).toBe(true);
  });

  it('never carries a physician’s medical licence into another state, even when flagged multistate', () => {
    expect(canPracticeIn([{ state: 'AZ', type: 'MEDICAL', multistate: true, expiresOn: '2027-01-01' }], 'TX', ON)).toBe(false);
  });

  it('follows the compact list it is given, so a state that joins needs no code change', () => {
    expect(canPracticeIn([rn('TX', true)], 'CA', ON, ['TX', 'AZ', 'CA'])).toBe(true);
  });
});

describe('expiry of a licence', () => {
  it('is still valid on its expiry date', () => {
    expect(canPracticeIn([rn('CA', false, ON)], 'CA', ON)).toBe(true);
  });

  it('lapses the day after its expiry date', () => {
    expect(canPracticeIn([rn('CA', false, '2026-11-23')], 'CA', ON)).toBe(false);
  });

  it('makes an expired compact licence cover no state at all', () => {
    expect(canPracticeIn([rn('TX', true, '2026-01-31')], 'TX', ON)).toBe(false);
    expect(canPracticeIn([rn('TX', true, '2026-01-31')], 'AZ', ON)).toBe(false);
  });

  it('lets a current licence stand in for an expired one', () => {
    expect(canPracticeIn([rn('NY', false, '2026-01-31'), rn('NY', false, '2028-01-31')], 'NY', ON)).toBe(true);
  });

  it('lets a nurse with a California licence and a Texas compact licence work in both, and in Arizona', () => {
    const licenses = [rn('CA', false), rn('TX', true)];
    expect(['CA', 'TX', 'AZ', 'NY', 'WA'].map((s) => canPracticeIn(licenses, s, ON))).toEqual([true, true, true, false, false]);
  });

  it('gives no state to a staff member without licences', () => {
    expect(canPracticeIn([], 'TX', ON)).toBe(false);
  });
});

describe('competencies', () => {
  const competencies = [
    { kind: 'BIOTHERAPY', expiresOn: '2027-03-01' },
    { kind: 'CHEMOTHERAPY', expiresOn: '2026-10-31' },
    { kind: 'TOUCH_REMS', expiresOn: ON },
  ];

  it('accepts an unexpired biotherapy competency for a biologic infusion', () => {
    expect(hasCompetency(competencies, 'BIOTHERAPY', ON)).toBe(true);
  });

  it('rejects an expired chemotherapy competency', () => {
    expect(hasCompetency(competencies, 'CHEMOTHERAPY', ON)).toBe(false);
  });

  it('accepts a TOUCH REMS enrolment on its last valid day and not the day after', () => {
    expect(hasCompetency(competencies, 'TOUCH_REMS', ON)).toBe(true);
    expect(hasCompetency(competencies, 'TOUCH_REMS', '2026-11-25')).toBe(false);
  });

  it('rejects a competency the nurse never held', () => {
    expect(hasCompetency(competencies, 'PORT_ACCESS', ON)).toBe(false);
  });
});

describe('reading arguments', () => {
  it('reads state codes regardless of case and spacing, and refuses anything else', () => {
    expect(normaliseStateCode(' tx ')).toBe('TX');
    expect(normaliseStateCode('Texas')).toBeNull();
    expect(normaliseStateCode('T1')).toBeNull();
  });

  it('reads competency kinds regardless of case, and refuses malformed ones', () => {
    expect(normaliseCompetencyKind('port_access')).toBe('PORT_ACCESS');
    expect(normaliseCompetencyKind('port access')).toBeNull();
    expect(normaliseCompetencyKind('')).toBeNull();
  });
});
