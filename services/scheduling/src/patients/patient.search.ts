import type { FilterQuery } from '@mikro-orm/core';
import type { Patient } from './patient.entity';

/** `%` and `_` typed by a user are literal characters, not wildcards. */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Matches a part of the first name, family name or MRN, ignoring case; no search matches all. */
export function patientSearch(search: string | null | undefined): FilterQuery<Patient> {
  const term = search?.trim();
  if (!term) return {};
  const pattern = `%${escapeLike(term)}%`;
  return { $or: [{ firstName: { $ilike: pattern } }, { lastName: { $ilike: pattern } }, { mrn: { $ilike: pattern } }] };
}
