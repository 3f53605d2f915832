/** A graph enum value as words for a person: `PRIOR_AUTH_MISSING` → "prior auth missing". */
export const enumWords = (value: string) => value.replace(/_/g, ' ').toLowerCase();
