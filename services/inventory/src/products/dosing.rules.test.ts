import { describe, expect, it } from 'vitest';
import { doseProblem, dosingFor, type DosingProduct } from './dosing.rules';

const infliximab: DosingProduct = { packageAmount: 100, hcpcsCode: 'J1745', hcpcsUnitAmount: 10, container: 'SINGLE_DOSE', maxUnitsPerDay: 150 };
const ivig: DosingProduct = { packageAmount: 10000, hcpcsCode: 'J1459', hcpcsUnitAmount: 500, container: 'SINGLE_DOSE', maxUnitsPerDay: 300 };
const infusionSet: DosingProduct = { packageAmount: 1, hcpcsCode: null, hcpcsUnitAmount: null, container: 'NOT_APPLICABLE', maxUnitsPerDay: null };
const multiDoseVial: DosingProduct = { packageAmount: 100, hcpcsCode: 'J1745', hcpcsUnitAmount: 10, container: 'MULTI_DOSE', maxUnitsPerDay: null };

describe('dosing a single-dose drug', () => {
  it('bills 350 mg of infliximab from four 100 mg vials as J1745 × 35 units plus JW × 5 units', () => {
    expect(dosingFor(infliximab, 350)).toEqual({
      vialsOpened: 4,
      billingUnits: 35,
      wasteAmount: 50,
      wasteUnits: 5,
      modifier: 'JW',
      exceedsMaxUnitsPerDay: false,
    });
  });

  it('bills 400 mg of infliximab with JZ because nothing is discarded', () => {
    expect(dosingFor(infliximab, 400)).toMatchObject({ vialsOpened: 4, billingUnits: 40, wasteAmount: 0, wasteUnits: 0, modifier: 'JZ' });
  });

  it('opens the smallest number of vials that covers the dose', () => {
    expect(dosingFor(infliximab, 100).vialsOpened).toBe(1);
    expect(dosingFor(infliximab, 101).vialsOpened).toBe(2);
    expect(dosingFor(infliximab, 5).vialsOpened).toBe(1);
  });

  it('rounds the amount given up to whole billing units', () => {
    expect(dosingFor(infliximab, 345).billingUnits).toBe(35);
  });

  it('reports JZ, not JW, when less than one billing unit is discarded', () => {
    // 395 mg bills 40 units (rounded up); the 5 mg left in the fourth vial is under one 10 mg unit.
    expect(dosingFor(infliximab, 395)).toMatchObject({ billingUnits: 40, wasteAmount: 5, wasteUnits: 0, modifier: 'JZ' });
  });

  it('bills only whole units of waste on the JW line', () => {
    // 345 mg: 55 mg discarded is 5 whole 10 mg units.
    expect(dosingFor(infliximab, 345)).toMatchObject({ wasteAmount: 55, wasteUnits: 5, modifier: 'JW' });
  });

  it('bills IVIG in 500 mg units from 10 g vials', () => {
    // 0.5 g/kg for a 70 kg patient: 35 g from four 10 g vials, 5 g discarded.
    expect(dosingFor(ivig, 35000)).toMatchObject({ vialsOpened: 4, billingUnits: 70, wasteAmount: 5000, wasteUnits: 10, modifier: 'JW' });
  });

  it('is not thrown off by fractional doses from weight-based arithmetic', () => {
    expect(dosingFor(infliximab, 0.1 * 3 * 1000)).toMatchObject({ vialsOpened: 3, billingUnits: 30, wasteUnits: 0, modifier: 'JZ' });
  });

  it('flags a day above the medically unlikely edit, counting discarded units', () => {
    expect(dosingFor(infliximab, 1500).exceedsMaxUnitsPerDay).toBe(false);
    expect(dosingFor(infliximab, 1450).exceedsMaxUnitsPerDay).toBe(false);
    expect(dosingFor(infliximab, 1510)).toMatchObject({ billingUnits: 151, exceedsMaxUnitsPerDay: true });
  });
});

describe('dosing other containers', () => {
  it('never puts JW or JZ on a multi-dose container, and keeps its remainder as stock', () => {
    expect(dosingFor(multiDoseVial, 350)).toMatchObject({ vialsOpened: 4, billingUnits: 35, wasteAmount: 0, wasteUnits: 0, modifier: null });
  });

  it('has no billing units or modifier for a supply without a HCPCS code', () => {
    expect(dosingFor(infusionSet, 2)).toEqual({
      vialsOpened: 2,
      billingUnits: null,
      wasteAmount: 0,
      wasteUnits: null,
      modifier: null,
      exceedsMaxUnitsPerDay: false,
    });
  });

  it('refuses a dose that is not a positive amount', () => {
    expect(() => dosingFor(infliximab, 0)).toThrow(RangeError);
    expect(() => dosingFor(infliximab, -10)).toThrow(RangeError);
    expect(() => dosingFor(infliximab, Number.NaN)).toThrow(RangeError);
  });
});

describe('doses that cannot be worked out', () => {
  it('refuses zero, negative and non-finite doses', () => {
    for (const dose of [0, -350, Number.NaN, Number.POSITIVE_INFINITY]) expect(doseProblem(infliximab, dose)).toMatch(/positive/);
  });

  it('refuses a dose that would open more than 1,000 vials, however it was typed', () => {
    expect(doseProblem(infliximab, 100 * 1000)).toBeUndefined();
    expect(doseProblem(infliximab, 100 * 1000 + 1)).toMatch(/more than 1000 packages/);
    expect(doseProblem(infliximab, 1e300)).toMatch(/more than 1000 packages/);
  });
});
