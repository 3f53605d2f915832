/**
 * A lot is usable through the expiry date printed on it and expired from the next day on
 * (dates are calendar dates, YYYY-MM-DD, so they compare as strings).
 */
export function isExpired(expiresOn: string, on: string): boolean {
  return on > expiresOn;
}
