import { describe, expect, it } from 'vitest';
import { toHundredths } from './decimal';
import { monthlyFee, partFee, therapyClassOf, type FeeScheduleTerms, type FeeTierTerms } from './fee.rules';
import { periodFee, type DailyTreatments, type PeriodFee, type PeriodPricing } from './period.rules';

/*
 * Golden figures for every fee component at its boundaries, priced over real calendar periods.
 * Each expected amount is worked out by hand in the test's comment.
 */

const TIERS: FeeTierTerms[] = [
  { fromTreatments: 1, toTreatments: 200, feePerTreatment: '85.00' },
  { fromTreatments: 201, toTreatments: null, feePerTreatment: '70.00' },
];

const terms = (t: Partial<FeeScheduleTerms>): FeeScheduleTerms => ({
  basis: 'PER_TREATMENT_GRADUATED',
  percent: null,
  monthlyMinimum: null,
  monthlyCap: null,
  flatPerSiteMonthly: null,
  tiers: TIERS,
  ...t,
});

const SITE_A = '00000000-0000-4000-8000-00000000000a';
const SITE_B = '00000000-0000-4000-8000-00000000000b';

/** April 2026 (30 days), one site covered all month, one version from long before. */
const april = (t: Partial<FeeScheduleTerms>, over: Partial<PeriodPricing> = {}): PeriodPricing => ({
  period: { from: '2026-04-01', to: '2026-04-30' },
  contract: { effectiveFrom: '2025-01-01', effectiveTo: null },
  versions: [{ id: 'v1', effectiveFrom: '2025-01-01', terms: terms(t) }],
  sites: [{ siteId: SITE_A, coveredFrom: '2025-01-01', coveredTo: null, chairs: 8 }],
  treatments: [],
  collections: [],
  ...over,
});

const on = (serviceDate: string, treatments: number, siteId = SITE_A, therapyClass: DailyTreatments['therapyClass'] = 'NON_ONCOLOGY'): DailyTreatments => ({
  serviceDate,
  siteId,
  therapyClass,
  treatments,
});

function expectLinesAddUp(fee: PeriodFee): void {
  expect(fee.lines.reduce((sum, line) => sum + toHundredths(line.amount), 0n)).toBe(toHundredths(fee.amount));
}

describe('graduated versus volume tiers at the tier edge', () => {
  it('prices treatment 200 in the first tier and 201 in the second (graduated)', () => {
    expect(periodFee(april({}, { treatments: [on('2026-04-10', 200)] })).amount).toBe('17000.00');
    // 200 × 85 + 1 × 70
    expect(periodFee(april({}, { treatments: [on('2026-04-10', 201)] })).amount).toBe('17070.00');
  });

  it('drops every treatment of the month to the second rate at 201 (volume)', () => {
    expect(periodFee(april({ basis: 'PER_TREATMENT_VOLUME' }, { treatments: [on('2026-04-10', 200)] })).amount).toBe('17000.00');
    // 201 × 70 = 14,070: one more treatment costs the client 2,930 less
    expect(periodFee(april({ basis: 'PER_TREATMENT_VOLUME' }, { treatments: [on('2026-04-10', 201)] })).amount).toBe('14070.00');
  });

  it('counts the month across days and sites of the contract, not per day', () => {
    const fee = periodFee(
      april({}, { sites: [...april({}).sites, { siteId: SITE_B, coveredFrom: '2025-01-01', coveredTo: null, chairs: 4 }], treatments: [on('2026-04-01', 150), on('2026-04-30', 60, SITE_B)] }),
    );
    // 210 treatments: 200 × 85 + 10 × 70
    expect(fee.amount).toBe('17700.00');
    expect(fee.treatments).toBe(210);
  });

  it('leaves out treatments at a site the contract does not cover, or before it covers it', () => {
    const fee = periodFee(
      april({}, {
        sites: [{ siteId: SITE_A, coveredFrom: '2026-04-11', coveredTo: null, chairs: 8 }],
        treatments: [on('2026-04-10', 5), on('2026-04-11', 3), on('2026-04-11', 7, SITE_B)],
      }),
    );
    expect(fee.treatments).toBe(3);
    expect(fee.amount).toBe('255.00');
  });
});

describe('tiers per therapy class and per site', () => {
  const classTiers: FeeTierTerms[] = [
    ...TIERS,
    { fromTreatments: 1, toTreatments: 10, feePerTreatment: '150.00', therapyClass: 'ONCOLOGY' },
    { fromTreatments: 11, toTreatments: null, feePerTreatment: '120.00', therapyClass: 'ONCOLOGY' },
  ];

  it('prices oncology on its own table and every other class on the general one', () => {
    const fee = periodFee(april({ tiers: classTiers }, { treatments: [on('2026-04-02', 12, SITE_A, 'ONCOLOGY'), on('2026-04-02', 5, SITE_A, 'HYDRATION')] }));
    // general: 5 × 85 = 425; oncology: 10 × 150 + 2 × 120 = 1,740
    expect(fee.amount).toBe('2165.00');
    expect(fee.lines.map((l) => [l.therapyClass, l.treatments, l.rate])).toEqual([
      [null, 5, '85.00'],
      ['ONCOLOGY', 10, '150.00'],
      ['ONCOLOGY', 2, '120.00'],
    ]);
  });

  it('counts tiers per site when the schedule says so', () => {
    const two = { sites: [...april({}).sites, { siteId: SITE_B, coveredFrom: '2025-01-01', coveredTo: null, chairs: 4 }] };
    const treatments = [on('2026-04-02', 150), on('2026-04-02', 150, SITE_B)];
    // per site: 150 × 85 twice = 25,500; together: 200 × 85 + 100 × 70 = 24,000
    expect(periodFee(april({ tiersPerSite: true }, { ...two, treatments })).amount).toBe('25500.00');
    expect(periodFee(april({}, { ...two, treatments })).amount).toBe('24000.00');
  });

  it('maps an administration to its fee class: hydration first, then the indication family', () => {
    expect(therapyClassOf('HYDRATION', 'ONCOLOGY')).toBe('HYDRATION');
    expect(therapyClassOf('CHEMOTHERAPY', 'ONCOLOGY')).toBe('ONCOLOGY');
    expect(therapyClassOf('PUSH', 'ONCOLOGY')).toBe('ONCOLOGY');
    expect(therapyClassOf('THERAPEUTIC', 'NON_ONCOLOGY')).toBe('NON_ONCOLOGY');
    expect(therapyClassOf('CHEMOTHERAPY', 'NON_ONCOLOGY')).toBe('NON_ONCOLOGY');
  });
});

describe('tiered percentage of collections against a floor', () => {
  const hybrid = terms({
    basis: 'PERCENT_OF_COLLECTIONS',
    tiers: [],
    percentTiers: [
      { upToCollections: '100000.00', percent: '10.00' },
      { upToCollections: null, percent: '6.00' },
    ],
    collectionsFloor: '12000.00',
  });
  const collected = (amount: string) => april({}, { versions: [{ id: 'v1', effectiveFrom: '2025-01-01', terms: hybrid }], collections: [{ serviceDate: '2026-04-15', siteId: SITE_A, amount }] });

  it('raises 10% of exactly 100,000.00 (10,000.00) to the 12,000.00 floor', () => {
    const fee = periodFee(collected('100000.00'));
    expect(fee.amount).toBe('12000.00');
    expect(fee.lines.map((l) => [l.kind, l.collections, l.rate, l.amount])).toEqual([
      ['PERCENT_OF_COLLECTIONS', '100000.00', '10.00', '10000.00'],
      ['COLLECTIONS_FLOOR', null, '12000.00', '2000.00'],
    ]);
  });

  it('takes 6% only of the collections above the first band', () => {
    // 10% × 100,000 + 6% × 50,000 = 13,000 > floor
    const fee = periodFee(collected('150000.00'));
    expect(fee.amount).toBe('13000.00');
    expect(fee.lines.map((l) => l.kind)).toEqual(['PERCENT_OF_COLLECTIONS', 'PERCENT_OF_COLLECTIONS']);
    expectLinesAddUp(fee);
  });

  it('meets the floor exactly without a floor line', () => {
    // 10,000 + 6% × 33,333.33 = 10,000 + 2,000.00 (1,999.9998 rounded)
    expect(periodFee(collected('133333.33')).lines.map((l) => l.kind)).toEqual(['PERCENT_OF_COLLECTIONS', 'PERCENT_OF_COLLECTIONS']);
    expect(periodFee(collected('133333.33')).amount).toBe('12000.00');
  });

  it('prorates the floor for a contract that starts mid-month', () => {
    const fee = periodFee({ ...collected('0.00'), contract: { effectiveFrom: '2026-04-16', effectiveTo: null } });
    // 12,000 × 15/30
    expect(fee.amount).toBe('6000.00');
  });

  it('refuses two bands ending at one amount, or bands that do not end open', () => {
    const bad = (percentTiers: FeeScheduleTerms['percentTiers']) => () => partFee(terms({ ...hybrid, percentTiers }), { cells: [], collections: '1.00', siteDays: 0, chairDays: 0, days: 30, daysInMonth: 30 });
    expect(bad([{ upToCollections: '100.00', percent: '5.00' }, { upToCollections: '100.00', percent: '4.00' }, { upToCollections: null, percent: '1.00' }])).toThrow(/must rise/);
    expect(bad([{ upToCollections: '100.00', percent: '5.00' }])).toThrow(/open-ended/);
  });
});

describe('flat fees per site and per chair, prorated by days', () => {
  it('bills whole months of a site and its chairs at the full rate', () => {
    const fee = periodFee(april({ basis: 'FIXED_COMPONENTS', tiers: [], flatPerSiteMonthly: '1500.00', flatPerChairMonthly: '200.00' }));
    // 1 × 1,500 + 8 × 200
    expect(fee.amount).toBe('3100.00');
    expect(fee.lines.map((l) => [l.kind, l.sites, l.amount])).toEqual([
      ['FLAT_PER_SITE', 1, '1500.00'],
      ['FLAT_PER_CHAIR', 8, '1600.00'],
    ]);
  });

  it('prorates a site that opens on the 11th of a 31-day month: 21/31 of 1,000.00 = 677.42', () => {
    const fee = periodFee({
      ...april({ basis: 'FLAT_PER_SITE', tiers: [], flatPerSiteMonthly: '1000.00' }),
      period: { from: '2026-05-01', to: '2026-05-31' },
      sites: [{ siteId: SITE_A, coveredFrom: '2026-05-11', coveredTo: null, chairs: 0 }],
    });
    expect(fee.amount).toBe('677.42');
    expect(fee.lines[0]!.description).toMatch(/21 site-days of a 31-day month/);
  });

  it('prorates at both period edges: first day only and last day only', () => {
    const flat = { basis: 'FLAT_PER_SITE' as const, tiers: [], flatPerSiteMonthly: '3000.00' };
    expect(periodFee({ ...april(flat), contract: { effectiveFrom: '2025-01-01', effectiveTo: '2026-04-01' } }).amount).toBe('100.00');
    expect(periodFee({ ...april(flat), contract: { effectiveFrom: '2026-04-30', effectiveTo: null } }).amount).toBe('100.00');
    expect(periodFee({ ...april(flat), contract: { effectiveFrom: '2026-04-01', effectiveTo: '2026-04-30' } }).amount).toBe('3000.00');
    // a contract that ended before the period bills nothing
    expect(periodFee({ ...april(flat), contract: { effectiveFrom: '2025-01-01', effectiveTo: '2026-03-31' } })).toMatchObject({ amount: '0.00', lines: [] });
  });
});

describe('monthly minimum and cap over a partial month', () => {
  it('prorates the minimum for a contract starting on the 16th of April: 5,000 × 15/30 = 2,500.00', () => {
    const fee = periodFee({ ...april({ monthlyMinimum: '5000.00' }, { treatments: [on('2026-04-20', 10)] }), contract: { effectiveFrom: '2026-04-16', effectiveTo: null } });
    expect(fee.amount).toBe('2500.00');
    expect(fee.lines.at(-1)).toMatchObject({ kind: 'MONTHLY_MINIMUM', rate: '2500.00', amount: '1650.00' });
  });

  it('prorates the cap the same way', () => {
    const fee = periodFee({ ...april({ monthlyCap: '9000.00' }, { treatments: [on('2026-04-20', 100)] }), contract: { effectiveFrom: '2026-04-16', effectiveTo: null } });
    // 100 × 85 = 8,500 > 4,500
    expect(fee.amount).toBe('4500.00');
    expect(fee.lines.at(-1)).toMatchObject({ kind: 'MONTHLY_CAP', amount: '-4000.00' });
  });

  it('applies minimum and cap per month of a quarter, not to the quarter', () => {
    const quarter = periodFee({
      ...april({ monthlyMinimum: '1000.00', monthlyCap: '10000.00' }),
      period: { from: '2026-04-01', to: '2026-06-30' },
      treatments: [on('2026-04-03', 1), on('2026-05-03', 300)],
    });
    // April 85 → 1,000; May 25,000 → 10,000; June 0 → 1,000
    expect(quarter.amount).toBe('12000.00');
    expectLinesAddUp(quarter);
  });
});

describe('a schedule amended mid-month is priced in parts', () => {
  const raised: FeeTierTerms[] = [
    { fromTreatments: 1, toTreatments: 200, feePerTreatment: '90.00' },
    { fromTreatments: 201, toTreatments: null, feePerTreatment: '75.00' },
  ];
  const amended = (basis: FeeScheduleTerms['basis']): PeriodPricing =>
    april({}, {
      versions: [
        { id: 'v1', effectiveFrom: '2025-01-01', terms: terms({ basis }) },
        { id: 'v2', effectiveFrom: '2026-04-16', terms: terms({ basis, tiers: raised, monthlyMinimum: '30000.00' }) },
      ],
      treatments: [on('2026-04-10', 150), on('2026-04-20', 100)],
    });

  it('continues the month’s treatment ordinals into the new version (graduated)', () => {
    const fee = periodFee(amended('PER_TREATMENT_GRADUATED'));
    // v1 (1–15): 150 × 85 = 12,750. v2 (16–30): ordinals 151–250: 50 × 90 + 50 × 75 = 8,250,
    // raised to its minimum 30,000 × 15/30 = 15,000.
    expect(fee.lines.map((l) => [l.versionId, l.from, l.to, l.kind, l.treatments, l.amount])).toEqual([
      ['v1', '2026-04-01', '2026-04-15', 'GRADUATED_TIER', 150, '12750.00'],
      ['v2', '2026-04-16', '2026-04-30', 'GRADUATED_TIER', 50, '4500.00'],
      ['v2', '2026-04-16', '2026-04-30', 'GRADUATED_TIER', 50, '3750.00'],
      ['v2', '2026-04-16', '2026-04-30', 'MONTHLY_MINIMUM', null, '6750.00'],
    ]);
    expect(fee.amount).toBe('27750.00');
  });

  it('reaches the volume tier by the month’s total in both parts', () => {
    const fee = periodFee(amended('PER_TREATMENT_VOLUME'));
    // 250 in the month → tier 201+: v1 150 × 70 = 10,500; v2 100 × 75 = 7,500 → min 15,000
    expect(fee.lines.slice(0, 2).map((l) => [l.versionId, l.treatments, l.rate, l.amount])).toEqual([
      ['v1', 150, '70.00', '10500.00'],
      ['v2', 100, '75.00', '7500.00'],
    ]);
    expect(fee.amount).toBe('25500.00');
  });

  it('leaves the months before the amendment priced as they were', () => {
    const march = periodFee({ ...amended('PER_TREATMENT_GRADUATED'), period: { from: '2026-03-01', to: '2026-03-31' }, treatments: [on('2026-03-10', 250)] });
    expect(march.lines.every((l) => l.versionId === 'v1')).toBe(true);
    expect(march.amount).toBe('20500.00');
  });

  it('refuses two versions taking effect on the same day', () => {
    const twice = april({}, { versions: [{ id: 'a', effectiveFrom: '2026-04-01', terms: terms({}) }, { id: 'b', effectiveFrom: '2026-04-01', terms: terms({}) }] });
    expect(() => periodFee(twice)).toThrow(/Two schedule versions take effect on 2026-04-01/);
  });
});

describe('fixed annual fee billed quarterly', () => {
  const fixed = (over: Partial<PeriodPricing> = {}) =>
    periodFee({ ...april({ basis: 'FIXED_COMPONENTS', tiers: [], fixedAnnualFee: '100000.00' }), period: { from: '2026-01-01', to: '2026-03-31' }, ...over });

  it('bills a quarter of the annual fee for a whole quarter', () => {
    expect(fixed().amount).toBe('25000.00');
    expect(fixed().lines.map((l) => l.kind)).toEqual(['FIXED_ANNUAL', 'FIXED_ANNUAL', 'FIXED_ANNUAL']);
  });

  it('adds up to exactly the quarter when billed month by month', () => {
    const months = [
      ['2026-01-01', '2026-01-31'],
      ['2026-02-01', '2026-02-28'],
      ['2026-03-01', '2026-03-31'],
    ].map(([from, to]) => fixed({ period: { from: from!, to: to! } }).amount);
    // 31/90, 28/90, 31/90 of 25,000 without drifting a cent
    expect(months).toEqual(['8611.11', '7777.78', '8611.11']);
  });

  it('prorates a partial quarter by days: from 15 February, 45 of 90 days = 12,500.00', () => {
    expect(fixed({ contract: { effectiveFrom: '2026-02-15', effectiveTo: null } }).amount).toBe('12500.00');
  });

  it('stays outside the monthly cap', () => {
    const fee = periodFee({
      ...april({ fixedAnnualFee: '40000.00', monthlyCap: '1000.00' }, { treatments: [on('2026-04-02', 100)] }),
    });
    // April: tiers 8,500 capped to 1,000; fixed 10,000 × 30/91 = 3,296.70
    expect(fee.amount).toBe('4296.70');
    expectLinesAddUp(fee);
  });
});

describe('a schedule of fixed components only', () => {
  it('is a fee holiday with no components: nothing, or the minimum', () => {
    expect(periodFee(april({ basis: 'FIXED_COMPONENTS', tiers: [] }, { treatments: [on('2026-04-02', 40)] }))).toMatchObject({ amount: '0.00', lines: [] });
    expect(periodFee(april({ basis: 'FIXED_COMPONENTS', tiers: [], monthlyMinimum: '900.00' })).amount).toBe('900.00');
  });
});

describe('periods and the original monthly entry point', () => {
  it('refuses a period that is not whole months', () => {
    expect(() => periodFee({ ...april({}), period: { from: '2026-04-02', to: '2026-04-30' } })).toThrow(/first day of a month/);
    expect(() => periodFee({ ...april({}), period: { from: '2026-04-01', to: '2026-04-29' } })).toThrow(/last day of a month/);
    expect(() => periodFee({ ...april({}), period: { from: '2026-04-01', to: '2026-02-30' } })).toThrow(/date like/);
  });

  it('prices chairs through monthlyFee too', () => {
    expect(monthlyFee(terms({ basis: 'FIXED_COMPONENTS', tiers: [], flatPerChairMonthly: '250.00' }), { treatments: 0, activeSites: 1, collections: null, chairs: 6 }).amount).toBe('1500.00');
  });
});
