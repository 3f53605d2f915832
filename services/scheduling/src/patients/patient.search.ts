import { containsPattern } from '@infusion/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import type { Patient } from './patient.entity';

/** Matches a part of the first name, family name or MRN, ignoring case; no search matches all. */
export function patientSearch(search: string | null | undefined): FilterQuery<Patient> {
  if (!search?.trim()) return {};
  const pattern = containsPattern(search);
  return { $or: [{ firstName: { $ilike: pattern } }, { lastName: { $ilike: pattern } }, { mrn: { $ilike: pattern } }] };
}
