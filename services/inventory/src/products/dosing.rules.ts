/**
 * Vials, billing units and waste for one dose of one product (DOMAIN.md "Drugs, units and
 * waste"). Pure: no database, no GraphQL.
 */

export type ContainerKind = 'SINGLE_DOSE' | 'MULTI_DOSE' | 'NOT_APPLICABLE';
export type WasteModifier = 'JW' | 'JZ';

/** What the rules need to know about a product. */
export interface DosingProduct {
  /** Amount in one package, in the product's dose unit. */
  packageAmount: number;
  hcpcsCode: string | null;
  /** Amount one HCPCS billing unit stands for, in the product's dose unit. */
  hcpcsUnitAmount: number | null;
  container: ContainerKind;
  maxUnitsPerDay: number | null;
}

export interface Dosing {
  /** Packages to open: the smallest count whose contents cover the dose. */
  vialsOpened: number;
  /** HCPCS units billed for the amount given; null when the product has no HCPCS code. */
  billingUnits: number | null;
  /** Amount opened but discarded, in the dose unit (0 for multi-dose containers: the rest is kept). */
  wasteAmount: number;
  /** HCPCS units billed on the JW line; 0 when under one billing unit; null without a HCPCS code. */
  wasteUnits: number | null;
  /** JW (waste billed) or JZ (no billable waste) for single-dose containers; null otherwise. */
  modifier: WasteModifier | null;
  /** True when the units billed (given plus JW waste) exceed the medically unlikely edit for one day. */
  exceedsMaxUnitsPerDay: boolean;
}

// Doses come from weights and body-surface areas: keep binary fractions (e.g. 0.1 + 0.2) from
// tipping a whole number of units or vials over to the next one.
const EPSILON = 1e-9;
const ceilUnits = (x: number) => Math.ceil(x - EPSILON);
const floorUnits = (x: number) => Math.floor(x + EPSILON);
/** Amounts are stored with three decimals (numeric(12,3)). */
const roundAmount = (x: number) => Math.round(x * 1000) / 1000;

export function isValidDose(dose: number): boolean {
  return Number.isFinite(dose) && dose > 0;
}

/**
 * No single infusion opens more packages than this (the largest IVIG doses take a few dozen
 * bags); a larger dose is a typing mistake, and would overflow the vial and unit counts.
 */
export const MAX_PACKAGES_PER_DOSE = 1_000;

/** Why a dose of this product cannot be worked out, or undefined when it can. */
export function doseProblem(product: DosingProduct, dose: number): string | undefined {
  if (!isValidDose(dose)) return 'The dose must be a positive amount';
  if (product.packageAmount > 0 && dose / product.packageAmount > MAX_PACKAGES_PER_DOSE) {
    return `The dose would open more than ${MAX_PACKAGES_PER_DOSE} packages of this product`;
  }
  return undefined;
}

/**
 * Worked example (DOMAIN.md): 350 mg of infliximab (J1745, 10 mg per unit) from 100 mg
 * single-dose vials opens 4 vials and bills J1745 × 35 units plus J1745-JW × 5 units; 400 mg
 * leaves no waste and the line carries JZ.
 */
export function dosingFor(product: DosingProduct, dose: number): Dosing {
  if (!isValidDose(dose)) throw new RangeError(`dose must be a positive number, got ${dose}`);
  if (!(product.packageAmount > 0)) throw new RangeError('the product has no package amount');

  // Units billed should be the smallest vial combination that covers the dose.
  const vialsOpened = ceilUnits(dose / product.packageAmount);
  const leftOver = roundAmount(vialsOpened * product.packageAmount - dose);
  // A multi-dose container keeps what is left for later doses: nothing is discarded.
  const wasteAmount = product.container === 'MULTI_DOSE' ? 0 : leftOver;

  const unit = product.hcpcsCode ? product.hcpcsUnitAmount : null;
  if (!unit || !(unit > 0)) {
    return { vialsOpened, billingUnits: null, wasteAmount, wasteUnits: null, modifier: null, exceedsMaxUnitsPerDay: false };
  }
  // The amount given rounds up to whole units; only whole units of waste are billed with JW
  // (CMS: JW is not used when the discarded amount is under one billing unit).
  const billingUnits = ceilUnits(dose / unit);
  const wasteUnits = floorUnits(wasteAmount / unit);
  // JW/JZ apply to drugs from single-dose containers only (CMS JW/JZ policy); never multi-dose.
  const modifier: WasteModifier | null = product.container === 'SINGLE_DOSE' ? (wasteUnits > 0 ? 'JW' : 'JZ') : null;
  // Medically unlikely edits count every unit of the code on the day, discarded units included.
  const exceedsMaxUnitsPerDay = product.maxUnitsPerDay !== null && billingUnits + wasteUnits > product.maxUnitsPerDay;
  return { vialsOpened, billingUnits, wasteAmount, wasteUnits, modifier, exceedsMaxUnitsPerDay };
}
