import { describe, expect, it } from 'vitest';
import { hourlyCoverage, type CoverageFacts } from './coverage.rules';

const t = (time: string) => new Date(`2026-11-30T${time}:00Z`);
const base: CoverageFacts = { from: t('14:00'), to: t('17:00'), chairsPerNurse: 3, supervision: 'DIRECT', nurseShifts: [], bookings: [], cover: [] };

describe('coverage per hour', () => {
  it('counts nurses and booked chairs per hour against the chairs-per-nurse target', () => {
    const hours = hourlyCoverage({
      ...base,
      nurseShifts: [{ staffMemberId: 'a', startsAt: t('14:00'), endsAt: t('17:00') }],
      bookings: ['c1', 'c2', 'c3', 'c4'].map((chairId, i) => ({ chairId, startsAt: t(i < 3 ? '14:00' : '15:30'), endsAt: t('16:00') })),
      cover: [{ startsAt: t('13:00'), endsAt: t('18:00') }],
    });
    expect(hours.map((h) => [h.nursesOnShift, h.chairsBooked, h.nurseCapacity, h.understaffed])).toEqual([
      [1, 3, 3, false],
      [1, 4, 3, true],
      [1, 0, 3, false],
    ]);
    expect(hours.every((h) => h.supervisionMet)).toBe(true);
  });

  it('finds the hour a DIRECT-supervision site has nurses on shift and no provider', () => {
    const hours = hourlyCoverage({
      ...base,
      nurseShifts: [{ staffMemberId: 'a', startsAt: t('14:00'), endsAt: t('17:00') }],
      cover: [{ startsAt: t('14:00'), endsAt: t('15:30') }],
    });
    expect(hours.map((h) => h.supervisionMet)).toEqual([true, false, false]);
  });

  it('requires no supervision at a GENERAL-supervision site', () => {
    const hours = hourlyCoverage({ ...base, supervision: 'GENERAL', nurseShifts: [{ staffMemberId: 'a', startsAt: t('14:00'), endsAt: t('17:00') }] });
    expect(hours.every((h) => !h.supervisionRequired && h.supervisionMet)).toBe(true);
  });
});
