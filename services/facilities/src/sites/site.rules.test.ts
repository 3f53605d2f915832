import { describe, expect, it } from 'vitest';
import { addressProblems, kindConsistencyProblems, supervisionProblem, timeZoneProblem } from './site.rules';

describe('place of service and claim form against the kind of site', () => {
  it('accepts each kind with its defaults', () => {
    expect(kindConsistencyProblems({ kind: 'OFFICE', placeOfService: '11', claimForm: 'PROFESSIONAL' })).toEqual([]);
    expect(kindConsistencyProblems({ kind: 'HOPD_ON_CAMPUS', placeOfService: '22', claimForm: 'INSTITUTIONAL' })).toEqual([]);
    expect(kindConsistencyProblems({ kind: 'HOPD_OFF_CAMPUS', placeOfService: '19', claimForm: 'INSTITUTIONAL' })).toEqual([]);
    expect(kindConsistencyProblems({ kind: 'PHARMACY_AIS', placeOfService: '49', claimForm: 'PROFESSIONAL' })).toEqual([]);
    expect(kindConsistencyProblems({ kind: 'HOME', placeOfService: '12', claimForm: 'PROFESSIONAL' })).toEqual([]);
  });

  it('lets a stand-alone infusion centre bill 11 where a payer wants it', () => {
    expect(kindConsistencyProblems({ kind: 'STANDALONE_AIC', placeOfService: '11', claimForm: 'PROFESSIONAL' })).toEqual([]);
  });

  it('refuses an office billing the hospital POS 22, naming both fields', () => {
    const [problem] = kindConsistencyProblems({ kind: 'OFFICE', placeOfService: '22', claimForm: 'PROFESSIONAL' });
    expect(problem!.fields).toEqual(['placeOfService', 'kind']);
    expect(problem!.message).toMatch(/22.*contradicts kind OFFICE/);
  });

  it('refuses a hospital department on the professional claim, naming both fields', () => {
    const problems = kindConsistencyProblems({ kind: 'HOPD_OFF_CAMPUS', placeOfService: '19', claimForm: 'PROFESSIONAL' });
    expect(problems).toEqual([{ fields: ['claimForm', 'kind'], message: expect.stringMatching(/PROFESSIONAL contradicts kind HOPD_OFF_CAMPUS.*INSTITUTIONAL/) }]);
  });

  it('refuses an unknown POS', () => {
    expect(kindConsistencyProblems({ kind: 'OFFICE', placeOfService: '99', claimForm: 'PROFESSIONAL' })[0]!.fields).toEqual(['placeOfService']);
  });
});

describe('supervision', () => {
  it('needs no reason for the kind’s default and one for anything else', () => {
    expect(supervisionProblem('OFFICE', 'DIRECT', null)).toBeNull();
    expect(supervisionProblem('OFFICE', 'GENERAL', null)!.fields).toEqual(['supervisionReason', 'supervision']);
    expect(supervisionProblem('OFFICE', 'GENERAL', 'Hospital-owned practice billed under OPPS')).toBeNull();
  });
});

describe('time zone', () => {
  it('accepts IANA zones and suggests the canonical spelling for an alias', () => {
    expect(timeZoneProblem('America/Chicago')).toBeNull();
    expect(timeZoneProblem('US/Central')!.message).toMatch(/America\/Chicago/);
    expect(timeZoneProblem('Mars/Olympus_Mons')!.message).toMatch(/Not an IANA time zone/);
  });
});

describe('address', () => {
  it('checks the state and ZIP code', () => {
    expect(addressProblems({ state: 'IL', postalCode: '60614' })).toEqual([]);
    expect(addressProblems({ state: 'XX', postalCode: '6061' }).map((p) => p.fields[0])).toEqual(['state', 'postalCode']);
  });
});
