/**
 * What a patient record must satisfy, as pure rules: registration checks the merged record (what
 * is stored plus what changes), so an update can never leave a minor without a guardian.
 */

export interface Guardian {
  name: string;
  relationship: string;
  phone: string;
}

/** A patient record as registration sees it. */
export interface PatientRecord {
  mrn: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  weightKg: number;
  preferredLanguage: string | null;
  guardian: Guardian | null;
  allergies: string[];
}

export interface RuleProblem {
  argument: string;
  message: string;
}

/** Age of majority for consent to treatment in every US state but a few (AL 19, NE 19, MS 21): configurable later. */
export const AGE_OF_MAJORITY = 18;

/** A medical record number as practice systems issue them: letters, digits and dashes. */
export const MRN_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,29}$/;

/** A BCP 47 language tag, lower-case primary subtag: "en", "es", "zh-Hant", "pt-BR". */
export const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** A phone number as people write it: digits with spaces, dots, dashes, brackets, an optional +. */
const PHONE_PATTERN = /^\+?[0-9][0-9 ().-]{6,24}$/;

/** Whole years between a date of birth and a date (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, date: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** What is wrong with a patient record on `today`, each with the input field to blame; empty when fine. */
export function patientProblems(record: PatientRecord, today: string, prefix = 'input'): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const at = (field: string) => `${prefix}.${field}`;
  if (!MRN_PATTERN.test(record.mrn)) problems.push({ argument: at('mrn'), message: 'An MRN is 1 to 30 letters, digits or dashes' });
  if (!record.firstName.trim()) problems.push({ argument: at('firstName'), message: 'Give the patient’s given name' });
  if (!record.lastName.trim()) problems.push({ argument: at('lastName'), message: 'Give the patient’s family name' });
  if (record.dateOfBirth > today) problems.push({ argument: at('dateOfBirth'), message: 'The date of birth is in the future' });
  else if (record.dateOfBirth <= '1900-01-01' || ageOn(record.dateOfBirth, today) > 130) {
    problems.push({ argument: at('dateOfBirth'), message: 'The date of birth is implausibly early' });
  }
  if (!(record.weightKg >= 0.5 && record.weightKg < 700)) problems.push({ argument: at('weightKg'), message: 'A weight is from 0.5 to 700 kg' });
  if (record.preferredLanguage !== null && !LANGUAGE_PATTERN.test(record.preferredLanguage)) {
    problems.push({ argument: at('preferredLanguage'), message: 'Give the language as a BCP 47 tag, e.g. "es" or "pt-BR"' });
  }
  if (record.guardian) {
    if (!record.guardian.name.trim()) problems.push({ argument: at('guardian.name'), message: 'Give the guardian’s name' });
    if (!record.guardian.relationship.trim()) problems.push({ argument: at('guardian.relationship'), message: 'Say how the guardian is related to the patient' });
    if (!PHONE_PATTERN.test(record.guardian.phone)) problems.push({ argument: at('guardian.phone'), message: 'Give a phone number for the guardian' });
  } else if (record.dateOfBirth <= today && ageOn(record.dateOfBirth, today) < AGE_OF_MAJORITY) {
    // A minor cannot consent to treatment: someone who can must be on the record before any visit.
    problems.push({ argument: at('guardian'), message: `A patient under ${AGE_OF_MAJORITY} needs a guardian on record` });
  }
  record.allergies.forEach((allergy, i) => {
    if (!allergy.trim()) problems.push({ argument: `${at('allergies')}.${i}`, message: 'An allergy cannot be blank' });
  });
  return problems;
}

/** Allergies as stored: trimmed, each once (case-insensitively), in the order given. */
export function normaliseAllergies(allergies: string[]): string[] {
  const seen = new Set<string>();
  return allergies
    .map((a) => a.trim())
    .filter((a) => {
      const key = a.toLowerCase();
      if (!a || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Whether a new weighing becomes the patient's current weight: it is not older than the latest one. */
export const isLatestWeighing = (measuredOn: string, latestMeasuredOn: string | null): boolean => latestMeasuredOn === null || measuredOn >= latestMeasuredOn;

/** The weighing date: given, or today; never in the future nor before birth. */
export function weighingProblem(measuredOn: string, dateOfBirth: string, today: string, argument = 'input.weighedOn'): RuleProblem | null {
  if (measuredOn > today) return { argument, message: 'The patient cannot be weighed in the future' };
  if (measuredOn < dateOfBirth) return { argument, message: 'The patient was weighed before they were born' };
  return null;
}
