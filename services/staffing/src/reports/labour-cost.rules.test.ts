import { describe, expect, it } from 'vitest';
import { labourCost } from './labour-cost.rules';

describe('labour cost', () => {
  it('prices worked minutes at each person’s hourly cost, per role, in exact cents', () => {
    const cost = labourCost([
      { role: 'RN', minutes: 600, hourlyCostCents: 4800 },
      { role: 'RN', minutes: 450, hourlyCostCents: 7250 },
      { role: 'PHYSICIAN', minutes: 600, hourlyCostCents: 18000 },
    ]);
    expect(cost.lines).toEqual([
      { role: 'PHYSICIAN', minutes: 600, shifts: 1, cents: 180000 },
      { role: 'RN', minutes: 1050, shifts: 2, cents: 48000 + 54375 },
    ]);
    expect(cost.cents).toBe(180000 + 102375);
    expect(cost.minutes).toBe(1650);
  });

  it('rounds a fraction of a cent half up, once per role', () => {
    // 7 minutes at $0.10/h = 1.1666… cents → 1 cent; 9 minutes → 1.5 → 2 cents.
    expect(labourCost([{ role: 'RN', minutes: 7, hourlyCostCents: 10 }]).cents).toBe(1);
    expect(labourCost([{ role: 'RN', minutes: 9, hourlyCostCents: 10 }]).cents).toBe(2);
  });
});
