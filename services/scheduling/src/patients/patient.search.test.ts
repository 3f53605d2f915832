import { describe, expect, it } from 'vitest';
import { patientSearch } from './patient.search';

describe('patient search', () => {
  it('matches part of the first name, family name or MRN', () => {
    expect(patientSearch(' lebs ')).toEqual({
      $or: [{ firstName: { $ilike: '%lebs%' } }, { lastName: { $ilike: '%lebs%' } }, { mrn: { $ilike: '%lebs%' } }],
    });
  });

  it('takes % and _ typed by a user literally', () => {
    expect(JSON.stringify(patientSearch('50%_a'))).toContain('%50\\\\%\\\\_a%');
  });

  it('lists every patient when the search is empty', () => {
    expect(patientSearch('  ')).toEqual({});
    expect(patientSearch(null)).toEqual({});
  });
});
