import { describe, expect, it } from 'vitest';
import { dayRangeProblem, hoursBetween, parseClock, readInterval, type Interval } from './hours.rules';

const weekdays = (interval: Interval, days = [1, 2, 3, 4, 5]) => ({ get: (d: number) => (days.includes(d) ? interval : undefined) });
const eightToFiveThirty = { opensAtMinutes: 8 * 60, closesAtMinutes: 17 * 60 + 30 };

describe('opening hours per day', () => {
  it('opens 08:00–17:30 local on the spring-forward Monday and its Friday before, an hour earlier in UTC after the change', () => {
    // 2026-03-08 is the Sunday the US springs forward; the site is open all seven days.
    const days = hoursBetween({ from: '2026-03-07', to: '2026-03-09' }, { timeZone: 'America/Chicago', closedOn: null }, weekdays(eightToFiveThirty, [1, 2, 3, 4, 5, 6, 7]), []);
    expect(days.map((d) => [d.date, d.opensAt, d.closesAt, d.opensAtUtc?.toISOString(), d.closesAtUtc?.toISOString()])).toEqual([
      ['2026-03-07', '08:00', '17:30', '2026-03-07T14:00:00.000Z', '2026-03-07T23:30:00.000Z'],
      ['2026-03-08', '08:00', '17:30', '2026-03-08T13:00:00.000Z', '2026-03-08T22:30:00.000Z'],
      ['2026-03-09', '08:00', '17:30', '2026-03-09T13:00:00.000Z', '2026-03-09T22:30:00.000Z'],
    ]);
  });

  it('gives the fall-back Sunday an hour later in UTC than the Saturday before', () => {
    const days = hoursBetween({ from: '2026-10-31', to: '2026-11-01' }, { timeZone: 'America/New_York', closedOn: null }, weekdays(eightToFiveThirty, [6, 7]), []);
    expect(days.map((d) => d.opensAtUtc?.toISOString())).toEqual(['2026-10-31T12:00:00.000Z', '2026-11-01T13:00:00.000Z']);
  });

  it('lets a dated exception close a weekday (a holiday) or shorten it, and keeps weekends closed', () => {
    const days = hoursBetween(
      { from: '2026-12-24', to: '2026-12-27' },
      { timeZone: 'America/Chicago', closedOn: null },
      weekdays(eightToFiveThirty),
      [
        { date: '2026-12-24', closed: false, opensAtMinutes: 8 * 60, closesAtMinutes: 12 * 60, note: 'Christmas Eve' },
        { date: '2026-12-25', closed: true, opensAtMinutes: null, closesAtMinutes: null, note: 'Christmas Day' },
      ],
    );
    expect(days.map((d) => [d.date, d.closed, d.opensAt, d.closesAt, d.note])).toEqual([
      ['2026-12-24', false, '08:00', '12:00', 'Christmas Eve'],
      ['2026-12-25', true, null, null, 'Christmas Day'],
      ['2026-12-26', true, null, null, null],
      ['2026-12-27', true, null, null, null],
    ]);
  });

  it('closes every day from the date a site closed', () => {
    const days = hoursBetween({ from: '2026-06-01', to: '2026-06-03' }, { timeZone: 'America/Chicago', closedOn: '2026-06-02' }, weekdays(eightToFiveThirty), []);
    expect(days.map((d) => d.closed)).toEqual([false, true, true]);
  });

  it('reads HH:MM clocks strictly', () => {
    expect(parseClock('08:00')).toBe(480);
    expect(parseClock('24:00')).toBe(1440);
    for (const t of ['8:00', '24:01', '12:60', '0800', '08:00 ']) expect(parseClock(t), t).toBeUndefined();
    expect(readInterval('17:00', '08:00', { opensAt: 'opensAt', closesAt: 'closesAt' })).toEqual({ field: 'closesAt', message: expect.stringMatching(/after the opening/) });
  });

  it('bounds the range to 366 days, inclusive', () => {
    expect(dayRangeProblem('2026-01-01', '2026-12-31')).toBeNull();
    expect(dayRangeProblem('2028-01-01', '2028-12-31')).toBeNull();
    expect(dayRangeProblem('2026-01-01', '2027-01-01')).toBeNull();
    expect(dayRangeProblem('2026-01-01', '2027-01-02')?.argument).toBe('to');
    expect(dayRangeProblem('2026-01-02', '2026-01-01')?.argument).toBe('to');
  });
});
