import { describe, expect, it } from 'vitest';
import { openSlots, packing, rankSlots, type SlotSearch } from './availability.rules';

const t = (date: string, time: string) => new Date(`${date}T${time}:00Z`);
const day = (date: string) => ({ date, closed: false, opensAtUtc: t(date, '08:00'), closesAtUtc: t(date, '12:00') });
const visit = (date: string, from: string, to: string) => ({ startsAt: t(date, from), endsAt: t(date, to) });

function search(over: Partial<SlotSearch> = {}): SlotSearch {
  return {
    sites: [
      {
        id: 's1',
        chairsPerNurse: 2,
        chairIds: ['c1', 'c2'],
        days: [day('2027-03-01'), { date: '2027-03-02', closed: true, opensAtUtc: null, closesAtUtc: null }, day('2027-03-03')],
        nurseWindows: new Map([
          ['n1', [visit('2027-03-01', '07:30', '12:30'), visit('2027-03-03', '07:30', '12:30')]],
          ['n2', [visit('2027-03-03', '07:30', '12:30')]],
        ]),
      },
    ],
    held: { chairs: new Map([['c1', [visit('2027-03-01', '08:00', '10:00')]]]), nurses: new Map(), patient: [] },
    chairMinutes: 60,
    notBefore: t('2027-01-01', '00:00'),
    lastNurseId: null,
    nurseId: null,
    stepMinutes: 60,
    accepts: () => true,
    ...over,
  };
}

const keys = (slots: { chairId: string; startsAt: Date }[]) => slots.map((s) => `${s.chairId}@${s.startsAt.toISOString().slice(5, 16)}`);

describe('open slots', () => {
  it('offers only open days, free chairs and qualified nurses on shift, never a busy chair or a closed day', () => {
    const slots = openSlots(search());
    expect(keys(slots.filter((s) => s.date === '2027-03-01')).sort()).toEqual(['c1@03-01T10:00', 'c1@03-01T11:00', 'c2@03-01T08:00', 'c2@03-01T09:00', 'c2@03-01T10:00', 'c2@03-01T11:00']);
    expect(slots.some((s) => s.date === '2027-03-02')).toBe(false);
  });

  it('keeps a nurse under the chairs-per-nurse limit and the patient out of two chairs at once', () => {
    const busyNurse = search({ held: { chairs: new Map(), nurses: new Map([['n1', [visit('2027-03-01', '08:00', '09:00'), visit('2027-03-01', '08:00', '09:00')]]]), patient: [visit('2027-03-01', '10:00', '11:00')] } });
    const monday = openSlots(busyNurse).filter((s) => s.date === '2027-03-01');
    expect(monday.some((s) => s.startsAt.getTime() === t('2027-03-01', '08:00').getTime())).toBe(false);
    expect(monday.some((s) => s.startsAt.getTime() === t('2027-03-01', '10:00').getTime())).toBe(false);
  });

  it('asks the booking rules about every slot it offers', () => {
    const slots = openSlots(search({ accepts: (s) => s.startsAt.getUTCHours() < 9 }));
    expect(new Set(slots.map((s) => s.startsAt.getUTCHours()))).toEqual(new Set([8]));
  });

  it('prefers the patient’s last nurse, and offers only the nurse asked for', () => {
    expect(openSlots(search({ lastNurseId: 'n2' })).filter((s) => s.date === '2027-03-03').every((s) => s.nurseId === 'n2' && s.reasons[0] === 'SAME_NURSE')).toBe(true);
    expect(openSlots(search({ nurseId: 'n2' })).every((s) => s.nurseId === 'n2')).toBe(true);
  });
});

describe('ranking', () => {
  it('measures what a slot leaves of the chair’s free stretch', () => {
    const opens = t('2027-03-01', '08:00').getTime();
    const closes = t('2027-03-01', '12:00').getTime();
    const booked = [visit('2027-03-01', '08:00', '10:00')];
    expect(packing(booked, visit('2027-03-01', '10:00', '11:00'), opens, closes, 60)).toEqual({ reasons: ['AFTER_A_VISIT', 'NO_UNUSABLE_GAP'], unusableMinutes: 0 });
    expect(packing(booked, visit('2027-03-01', '10:30', '11:30'), opens, closes, 60)).toEqual({ reasons: [], unusableMinutes: 60 });
    expect(packing([], visit('2027-03-01', '11:00', '12:00'), opens, closes, 60)).toEqual({ reasons: ['AT_CLOSING', 'NO_UNUSABLE_GAP'], unusableMinutes: 0 });
  });

  it('ranks the earliest day first, then the same nurse, then the tightest packing, then the earlier start', () => {
    const slots = openSlots(search({ stepMinutes: 30, lastNurseId: 'n1' }));
    const ranked = rankSlots(slots, 3);
    expect(ranked.every((s) => s.date === '2027-03-01')).toBe(true);
    // Chair 2 at opening, chair 1 right after its 08:00–10:00 visit, then at closing: none leaves a stretch too short to use.
    expect(keys(ranked)).toEqual(['c2@03-01T08:00', 'c1@03-01T10:00', 'c1@03-01T11:00']);
    expect(ranked[0]!.reasons).toEqual(['SAME_NURSE', 'AT_OPENING', 'NO_UNUSABLE_GAP']);
    expect(rankSlots(slots, 1)).toHaveLength(1);
  });
});
