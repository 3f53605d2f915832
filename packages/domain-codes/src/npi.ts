/**
 * National Provider Identifier (NPI): ten digits, the last a Luhn check digit computed over the
 * first nine prefixed with 80840 (the ISO 7812 issuer prefix for US health; CMS, "Requirements for
 * NPI check digit"). Adding 24 to the Luhn sum of the nine digits is the same as prefixing 80840.
 */
const NPI_PATTERN = /^\d{10}$/;

/** The check digit an NPI with these nine leading digits must end with. */
export function npiCheckDigit(firstNine: string): number {
  let sum = 24; // the doubled-and-summed digits of the 80840 prefix
  for (let i = 0; i < 9; i++) {
    // From the right of the nine digits, every other one starting with the rightmost is doubled.
    let digit = Number(firstNine[8 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** What is wrong with an NPI, or null when it is well formed with a correct check digit. */
export function npiProblem(npi: string): string | null {
  if (!NPI_PATTERN.test(npi)) return 'An NPI is exactly ten digits';
  if (npiCheckDigit(npi.slice(0, 9)) !== Number(npi[9])) return 'The NPI’s check digit is wrong (Luhn over the 80840 prefix)';
  return null;
}

/** An NPI with a correct check digit from nine leading digits (for demo and test data). */
export const npiFrom = (firstNine: string): string => `${firstNine}${npiCheckDigit(firstNine)}`;
