import { THERAPY_REGIMENS } from '@infusion/domain-codes';
import { describe, expect, it } from 'vitest';
import { planOf } from '../orders/order.rules';
import { daysOverdue, nextDose, noShowRate, utilisationByDay } from './reports.rules';

const infliximab = { ...planOf(THERAPY_REGIMENS.infliximabCrohn), startsOn: '2026-09-07' };

describe('overdue doses', () => {
  it('expects the first dose on the order’s start date, then each dose the plan’s spacing after the last one given', () => {
    expect(nextDose(infliximab, [])).toEqual({ doseNumber: 1, dueOn: '2026-09-07', latest: '2026-09-10' });
    expect(nextDose(infliximab, [{ status: 'COMPLETED', date: '2026-09-08' }])).toEqual({ doseNumber: 2, dueOn: '2026-09-22', latest: '2026-09-25' });
  });

  it('does not count a missed or cancelled visit as a dose given', () => {
    const visits = [{ status: 'COMPLETED', date: '2026-09-07' }, { status: 'NO_SHOW', date: '2026-09-21' }] as const;
    const dose = nextDose(infliximab, visits)!;
    expect(dose.doseNumber).toBe(2);
    expect(daysOverdue(dose, '2026-10-01')).toBe(7);
    expect(daysOverdue(dose, '2026-09-24')).toBeLessThanOrEqual(0);
  });

  it('sees a series booked ahead as on time, and a finished one as done', () => {
    expect(nextDose(infliximab, [{ status: 'COMPLETED', date: '2026-09-07' }, { status: 'SCHEDULED', date: '2026-09-21' }])!.dueOn).toBe('2026-10-19');
    expect(nextDose({ ...infliximab, dosesPlanned: 1 }, [{ status: 'COMPLETED', date: '2026-09-07' }])).toBeNull();
  });
});

describe('no-show rate', () => {
  it('counts no-shows among visits that were due, not cancelled or moved ones', () => {
    expect(noShowRate(['COMPLETED', 'COMPLETED', 'NO_SHOW', 'CANCELLED', 'RESCHEDULED', 'COMPLETED'])).toEqual({ visits: 4, noShows: 1, rate: 0.25 });
    expect(noShowRate([]).rate).toBeNull();
  });
});

describe('utilisation', () => {
  const t = (time: string) => new Date(`2026-12-01T${time}:00Z`);
  const day = { date: '2026-12-01', closed: false, opensAtUtc: t('14:00'), closesAtUtc: t('23:00') };

  it('divides booked chair-minutes by open chair-minutes, and finds the peak of chairs in use', () => {
    const visits = [
      { startsAt: t('14:00'), endsAt: t('16:00'), status: 'COMPLETED' as const },
      { startsAt: t('15:00'), endsAt: t('18:00'), status: 'SCHEDULED' as const },
      { startsAt: t('15:30'), endsAt: t('16:30'), status: 'CANCELLED' as const },
    ];
    // 2 chairs × 9 h = 1,080 open chair-minutes; 120 + 180 booked.
    expect(utilisationByDay([day], 2, visits)).toEqual([{ date: '2026-12-01', openChairMinutes: 1080, bookedChairMinutes: 300, utilisation: 0.278, peakChairsInUse: 2 }]);
  });

  it('reports a closed day as closed, not as an empty one', () => {
    expect(utilisationByDay([{ date: '2026-12-25', closed: true, opensAtUtc: null, closesAtUtc: null }], 4, [])[0]!.utilisation).toBeNull();
  });
});
