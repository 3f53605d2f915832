import { describe, expect, it } from 'vitest';
import { mergePeriods, uncoveredPeriods } from './supervision.rules';

const p = (from: string, to: string) => ({ startsAt: new Date(`2026-11-30T${from}:00Z`), endsAt: new Date(`2026-11-30T${to}:00Z`) });

describe('supervision gaps', () => {
  it('finds no gap when a provider covers every nursing hour', () => {
    expect(uncoveredPeriods([p('13:00', '23:00'), p('14:00', '22:00')], [p('12:30', '23:30')])).toEqual([]);
  });

  it('reports the afternoon after the provider leaves', () => {
    expect(uncoveredPeriods([p('13:00', '23:00')], [p('13:00', '18:00')])).toEqual([p('18:00', '23:00')]);
  });

  it('reports a lunch hour between two providers, and joins back-to-back cover', () => {
    const cover = [p('13:00', '16:00'), p('17:00', '20:00'), p('20:00', '23:00')];
    expect(uncoveredPeriods([p('13:00', '23:00')], cover)).toEqual([p('16:00', '17:00')]);
  });

  it('reports a whole shift with no cover at all', () => {
    expect(uncoveredPeriods([p('13:00', '17:00')], [])).toEqual([p('13:00', '17:00')]);
  });

  it('merges overlapping nurse shifts into one period to cover', () => {
    expect(mergePeriods([p('15:00', '20:00'), p('13:00', '16:00')])).toEqual([p('13:00', '20:00')]);
  });
});
