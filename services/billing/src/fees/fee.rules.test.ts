import { describe, expect, it } from 'vitest';
import { FeeRuleError, toHundredths } from './decimal';
import { monthlyFee, orderedTiers, type FeeScheduleTerms, type FeeTierTerms, type MonthlyFee } from './fee.rules';

const TIERS: FeeTierTerms[] = [
  { fromTreatments: 1, toTreatments: 200, feePerTreatment: '85.00' },
  { fromTreatments: 201, toTreatments: 500, feePerTreatment: '70.00' },
  { fromTreatments: 501, toTreatments: null, feePerTreatment: '55.00' },
];

const schedule = (terms: Partial<FeeScheduleTerms>): FeeScheduleTerms => ({
  basis: 'PER_TREATMENT_GRADUATED',
  percent: null,
  monthlyMinimum: null,
  monthlyCap: null,
  flatPerSiteMonthly: null,
  tiers: TIERS,
  ...terms,
});

const month = (treatments: number, activeSites = 0, collections: string | null = null) => ({ treatments, activeSites, collections });

/** Every invoice must be auditable: its lines add up to its amount, to the cent. */
function expectLinesAddUp(fee: MonthlyFee): void {
  const sum = fee.lines.reduce((total, line) => total + toHundredths(line.amount), 0n);
  expect(sum).toBe(toHundredths(fee.amount));
}

describe('graduated per-treatment tiers', () => {
  it('prices 250 treatments as 200 × 85 + 50 × 70 = 20,500.00', () => {
    const fee = monthlyFee(schedule({}), month(250));
    expect(fee.amount).toBe('20500.00');
    expect(fee.lines.map((l) => [l.kind, l.tier?.fromTreatments, l.treatments, l.rate, l.amount])).toEqual([
      ['GRADUATED_TIER', 1, 200, '85.00', '17000.00'],
      ['GRADUATED_TIER', 201, 50, '70.00', '3500.00'],
    ]);
    expectLinesAddUp(fee);
  });

  it('prices exactly at a tier boundary without spilling into the next tier', () => {
    expect(monthlyFee(schedule({}), month(200)).amount).toBe('17000.00');
    const fee = monthlyFee(schedule({}), month(201));
    expect(fee.amount).toBe('17070.00');
    expect(fee.lines).toHaveLength(2);
  });

  it('prices treatments beyond the last bounded tier at the open-ended rate', () => {
    // 200 × 85 + 300 × 70 + 100 × 55 = 17,000 + 21,000 + 5,500
    const fee = monthlyFee(schedule({}), month(600));
    expect(fee.amount).toBe('43500.00');
    expect(fee.lines.at(-1)).toMatchObject({ tier: { fromTreatments: 501, toTreatments: null }, treatments: 100, rate: '55.00', amount: '5500.00' });
    expectLinesAddUp(fee);
  });

  it('accepts tiers in any order', () => {
    expect(monthlyFee(schedule({ tiers: [...TIERS].reverse() }), month(250)).amount).toBe('20500.00');
  });
});

describe('volume per-treatment tiers', () => {
  it('prices all 250 treatments at the 201–500 rate: 250 × 70 = 17,500.00', () => {
    const fee = monthlyFee(schedule({ basis: 'PER_TREATMENT_VOLUME' }), month(250));
    expect(fee.amount).toBe('17500.00');
    expect(fee.lines).toEqual([
      expect.objectContaining({ kind: 'VOLUME_TIER', tier: { fromTreatments: 201, toTreatments: 500 }, treatments: 250, rate: '70.00', amount: '17500.00' }),
    ]);
  });

  it('drops the whole month to the lower rate once the total crosses a threshold', () => {
    expect(monthlyFee(schedule({ basis: 'PER_TREATMENT_VOLUME' }), month(200)).amount).toBe('17000.00');
    expect(monthlyFee(schedule({ basis: 'PER_TREATMENT_VOLUME' }), month(501)).amount).toBe('27555.00');
  });
});

describe('monthly minimum and cap', () => {
  it('raises a quiet month to the monthly minimum with a visible true-up line', () => {
    const fee = monthlyFee(schedule({ monthlyMinimum: '5000.00' }), month(10));
    expect(fee.amount).toBe('5000.00');
    expect(fee.lines.at(-1)).toMatchObject({ kind: 'MONTHLY_MINIMUM', rate: '5000.00', amount: '4150.00' });
    expectLinesAddUp(fee);
  });

  it('cuts a busy month to the monthly cap with a negative line', () => {
    const fee = monthlyFee(schedule({ monthlyCap: '20000.00' }), month(250));
    expect(fee.amount).toBe('20000.00');
    expect(fee.lines.at(-1)).toMatchObject({ kind: 'MONTHLY_CAP', rate: '20000.00', amount: '-500.00' });
    expectLinesAddUp(fee);
  });

  it('leaves a month between minimum and cap untouched', () => {
    const fee = monthlyFee(schedule({ monthlyMinimum: '5000.00', monthlyCap: '30000.00' }), month(250));
    expect(fee.amount).toBe('20500.00');
    expect(fee.lines.map((l) => l.kind)).toEqual(['GRADUATED_TIER', 'GRADUATED_TIER']);
  });

  it('refuses a schedule whose minimum is above its cap', () => {
    expect(() => monthlyFee(schedule({ monthlyMinimum: '9000.00', monthlyCap: '8000.00' }), month(1))).toThrow(/minimum is above the monthly cap/);
  });
});

describe('percent of collections', () => {
  const hospital = schedule({ basis: 'PERCENT_OF_COLLECTIONS', percent: '8.00', monthlyMinimum: '150000.00', monthlyCap: '400000.00', tiers: [] });

  it('bills 8% of 1,234,567.89 (98,765.43) up to the 150,000.00 minimum', () => {
    const fee = monthlyFee(hospital, month(900, 2, '1234567.89'));
    expect(fee.amount).toBe('150000.00');
    expect(fee.lines).toEqual([
      expect.objectContaining({ kind: 'PERCENT_OF_COLLECTIONS', collections: '1234567.89', rate: '8.00', amount: '98765.43' }),
      expect.objectContaining({ kind: 'MONTHLY_MINIMUM', rate: '150000.00', amount: '51234.57' }),
    ]);
    expectLinesAddUp(fee);
  });

  it('bills 8% as is between minimum and cap', () => {
    expect(monthlyFee(hospital, month(0, 2, '2500000.00')).amount).toBe('200000.00');
  });

  it('caps 8% of 6,000,000.00 (480,000.00) at 400,000.00', () => {
    const fee = monthlyFee(hospital, month(0, 2, '6000000.00'));
    expect(fee.amount).toBe('400000.00');
    expect(fee.lines.at(-1)).toMatchObject({ kind: 'MONTHLY_CAP', amount: '-80000.00' });
    expectLinesAddUp(fee);
  });

  it('ignores treatment counts: the fee follows the money collected', () => {
    expect(monthlyFee(hospital, month(5000, 2, '3000000.00')).amount).toBe(monthlyFee(hospital, month(0, 2, '3000000.00')).amount);
  });

  it('needs the month’s collections to price the fee', () => {
    expect(() => monthlyFee(hospital, month(10, 2, null))).toThrow(FeeRuleError);
    expect(() => monthlyFee(hospital, month(10, 2, '-5.00'))).toThrow(/collections must not be negative/);
    expect(() => monthlyFee(hospital, month(10, 2, '1,000.00'))).toThrow(/decimal number/);
  });
});

describe('flat fee per site', () => {
  it('adds the flat monthly fee for each active site on top of per-treatment tiers', () => {
    const fee = monthlyFee(schedule({ flatPerSiteMonthly: '1500.00' }), month(250, 2));
    expect(fee.amount).toBe('23500.00');
    expect(fee.lines.at(-1)).toMatchObject({ kind: 'FLAT_PER_SITE', sites: 2, rate: '1500.00', amount: '3000.00' });
    expectLinesAddUp(fee);
  });

  it('bills a flat-per-site schedule on its sites alone', () => {
    const fee = monthlyFee(schedule({ basis: 'FLAT_PER_SITE', flatPerSiteMonthly: '12500.00', tiers: [] }), month(321, 3));
    expect(fee.amount).toBe('37500.00');
    expect(fee.lines.map((l) => l.kind)).toEqual(['FLAT_PER_SITE']);
  });

  it('counts the flat fee toward the monthly minimum before topping up', () => {
    const fee = monthlyFee(schedule({ flatPerSiteMonthly: '1500.00', monthlyMinimum: '5000.00' }), month(10, 2));
    // 10 × 85 + 2 × 1,500 = 3,850 → raised by 1,150 to 5,000
    expect(fee.lines.at(-1)).toMatchObject({ kind: 'MONTHLY_MINIMUM', amount: '1150.00' });
    expect(fee.amount).toBe('5000.00');
  });

  it('refuses a flat-per-site schedule without its fee', () => {
    expect(() => monthlyFee(schedule({ basis: 'FLAT_PER_SITE', tiers: [] }), month(0, 1))).toThrow(/fee per site/);
  });
});

describe('a month with zero treatments', () => {
  it('costs nothing, with no lines, when the schedule has no minimum or flat fee', () => {
    expect(monthlyFee(schedule({}), month(0))).toEqual({ amount: '0.00', lines: [] });
    expect(monthlyFee(schedule({ basis: 'PER_TREATMENT_VOLUME' }), month(0))).toEqual({ amount: '0.00', lines: [] });
  });

  it('still owes the flat site fees and the monthly minimum', () => {
    const fee = monthlyFee(schedule({ flatPerSiteMonthly: '1500.00', monthlyMinimum: '5000.00' }), month(0, 2));
    expect(fee.amount).toBe('5000.00');
    expect(fee.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['FLAT_PER_SITE', '3000.00'],
      ['MONTHLY_MINIMUM', '2000.00'],
    ]);
  });
});

describe('inputs and tier tables that cannot be priced', () => {
  it('refuses negative or fractional counts', () => {
    expect(() => monthlyFee(schedule({}), month(-1))).toThrow(/treatments must be a whole number/);
    expect(() => monthlyFee(schedule({}), month(2.5))).toThrow(FeeRuleError);
    expect(() => monthlyFee(schedule({}), month(1, -2))).toThrow(/activeSites/);
  });

  it('refuses tiers that do not start at treatment 1', () => {
    expect(() => orderedTiers([{ fromTreatments: 2, toTreatments: null, feePerTreatment: '10.00' }])).toThrow(/start at treatment 1/);
  });

  it('refuses tiers with a gap or an overlap', () => {
    const gap = [TIERS[0]!, { fromTreatments: 250, toTreatments: null, feePerTreatment: '70.00' }];
    const overlap = [TIERS[0]!, { fromTreatments: 150, toTreatments: null, feePerTreatment: '70.00' }];
    expect(() => orderedTiers(gap)).toThrow(/no gap or overlap/);
    expect(() => orderedTiers(overlap)).toThrow(/no gap or overlap/);
  });

  it('refuses an open-ended tier that is not the last', () => {
    expect(() =>
      orderedTiers([
        { fromTreatments: 1, toTreatments: null, feePerTreatment: '85.00' },
        { fromTreatments: 201, toTreatments: null, feePerTreatment: '70.00' },
      ]),
    ).toThrow(/Only the last tier may be open-ended/);
  });

  it('refuses to price treatments beyond a bounded last tier rather than guess a rate', () => {
    const bounded = TIERS.slice(0, 2);
    expect(() => monthlyFee(schedule({ tiers: bounded }), month(501))).toThrow(/no tier for treatment 501/);
    expect(() => monthlyFee(schedule({ basis: 'PER_TREATMENT_VOLUME', tiers: bounded }), month(501))).toThrow(/no tier for treatment 501/);
    expect(monthlyFee(schedule({ tiers: bounded }), month(500)).amount).toBe('38000.00');
  });

  it('refuses a tiered schedule with no tiers once there is a treatment to price', () => {
    expect(() => monthlyFee(schedule({ tiers: [] }), month(1))).toThrow(/no tier for treatment 1/);
  });
});
