import { describe, expect, it } from 'vitest';
import { ageOn, isLatestWeighing, normaliseAllergies, patientProblems, weighingProblem, type PatientRecord } from './patient.rules';

const today = '2026-11-27';
const adult = (): PatientRecord => ({
  mrn: 'MRN-0042',
  firstName: 'Ana',
  lastName: 'Reyes',
  dateOfBirth: '1970-03-14',
  weightKg: 72.5,
  preferredLanguage: 'es',
  guardian: null,
  allergies: ['latex'],
});
const blamed = (record: PatientRecord) => patientProblems(record, today).map((p) => p.argument);

describe('registering a patient', () => {
  it('accepts an adult with an MRN, a plausible birth date and weight', () => {
    expect(patientProblems(adult(), today)).toEqual([]);
  });

  it('counts age in whole years, a birthday counting from that day', () => {
    expect(ageOn('2008-11-27', today)).toBe(18);
    expect(ageOn('2008-11-28', today)).toBe(17);
    expect(ageOn('2008-12-01', today)).toBe(17);
  });

  it('needs a guardian for a minor, and not for an adult', () => {
    const minor = { ...adult(), dateOfBirth: '2012-06-01' };
    expect(patientProblems(minor, today)).toEqual([{ argument: 'input.guardian', message: 'A patient under 18 needs a guardian on record' }]);
    expect(patientProblems({ ...minor, guardian: { name: 'Rosa Reyes', relationship: 'mother', phone: '+1 (312) 555-0199' } }, today)).toEqual([]);
    expect(patientProblems({ ...adult(), dateOfBirth: '2008-11-27' }, today)).toEqual([]);
  });

  it('refuses a guardian without a way to reach them', () => {
    const minor = { ...adult(), dateOfBirth: '2012-06-01', guardian: { name: 'Rosa Reyes', relationship: 'mother', phone: 'call me' } };
    expect(blamed(minor)).toEqual(['input.guardian.phone']);
  });

  it('refuses a birth date in the future or before 1900, naming the field', () => {
    expect(blamed({ ...adult(), dateOfBirth: '2026-11-28' })).toEqual(['input.dateOfBirth']);
    expect(blamed({ ...adult(), dateOfBirth: '1899-12-31' })).toEqual(['input.dateOfBirth']);
  });

  it('refuses malformed MRNs, blank names, impossible weights and language tags', () => {
    expect(blamed({ ...adult(), mrn: 'MRN 42' })).toEqual(['input.mrn']);
    expect(blamed({ ...adult(), firstName: '  ' })).toEqual(['input.firstName']);
    expect(blamed({ ...adult(), weightKg: 0 })).toEqual(['input.weightKg']);
    expect(blamed({ ...adult(), preferredLanguage: 'Spanish' })).toEqual(['input.preferredLanguage']);
    expect(blamed({ ...adult(), allergies: ['latex', ' '] })).toEqual(['input.allergies.1']);
  });

  it('keeps each allergy once, trimmed, in the order given', () => {
    expect(normaliseAllergies([' Latex', 'penicillin', 'latex ', 'Iodine contrast'])).toEqual(['Latex', 'penicillin', 'Iodine contrast']);
  });
});

describe('weighing a patient', () => {
  it('makes a new weighing the current weight unless an older one is entered late', () => {
    expect(isLatestWeighing('2026-11-27', '2026-10-01')).toBe(true);
    expect(isLatestWeighing('2026-11-27', '2026-11-27')).toBe(true);
    expect(isLatestWeighing('2026-09-01', '2026-10-01')).toBe(false);
    expect(isLatestWeighing('2026-09-01', null)).toBe(true);
  });

  it('refuses a weighing in the future or before birth', () => {
    expect(weighingProblem('2026-11-28', '1970-03-14', today)?.argument).toBe('input.weighedOn');
    expect(weighingProblem('1969-01-01', '1970-03-14', today)?.message).toBe('The patient was weighed before they were born');
    expect(weighingProblem('2026-11-27', '1970-03-14', today)).toBeNull();
  });
});
