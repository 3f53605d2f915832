/**
 * A lot is usable through the expiry date printed on it and expired from the next day on
 * (dates are calendar dates, YYYY-MM-DD, so they compare as strings).
 */
export function isExpired(expiresOn: string, on: string): boolean {
  return on > expiresOn;
}

/** Amounts are kept to the thousandth (numeric(12,3)), so the package count is exact integer arithmetic. */
const thousandths = (amount: number): number => Math.round(amount * 1000);

/**
 * Packages (vials, bags) opened for one lot of an administration: what was given plus what was
 * wasted, over the product's package amount, rounded up — an opened vial is gone even when half
 * of it was drawn. Counted in thousandths so 0.1 + 0.2 mg cannot round a full vial into a second.
 */
export function packagesOpened(amountGiven: number, amountWasted: number, packageAmount: number): number {
  const drawn = thousandths(amountGiven) + thousandths(amountWasted);
  const perPackage = thousandths(packageAmount);
  return Math.ceil(drawn / perPackage);
}
