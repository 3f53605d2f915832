import { addDays, weekday, zonedTime } from '@infusion/demo-data';
import { THERAPY_REGIMENS, type RegimenKey } from '@infusion/domain-codes';
import { describe, expect, it } from 'vitest';
import { planOf } from '../orders/order.rules';
import { datesByCloseness, dueDoses, placeSeries, type Bookings, type SiteDay } from './series.rules';

const FIRST_DOSE = '2027-01-04'; // a Monday
const HOLIDAY = '2027-02-15'; // Presidents' Day, closed

/** A site open 08:00–17:30 in its zone on weekdays, closed weekends and on `closed` dates. */
function calendar(from: string, days: number, timeZone = 'America/Chicago', closed: string[] = [HOLIDAY]): Map<string, SiteDay> {
  const map = new Map<string, SiteDay>();
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    const shut = [0, 6].includes(weekday(date)) || closed.includes(date);
    map.set(date, { date, closed: shut, opensAtUtc: shut ? null : zonedTime(date, 8 * 60, timeZone), closesAtUtc: shut ? null : zonedTime(date, 17 * 60 + 30, timeZone) });
  }
  return map;
}

const empty = (): Bookings => ({ chairs: new Map(), nurses: new Map(), patient: [] });
const options = { chairIds: ['chair-1', 'chair-2'], nurseIds: ['nurse-1', 'nurse-2'], chairsPerNurse: 3, preferredMinutesAfterOpening: 60 };

/** Due days after the first dose, and the generated series over two years of that calendar. */
function series(key: RegimenKey) {
  const plan = planOf(THERAPY_REGIMENS[key]);
  const doses = dueDoses(plan, { doseNumber: 1, on: FIRST_DOSE });
  const days = calendar(addDays(FIRST_DOSE, -60), 3 * 365);
  const result = placeSeries(doses, days, empty(), options);
  const dueDays = doses.map((d) => (Date.parse(d.dueOn) - Date.parse(FIRST_DOSE)) / 86_400_000);
  return { plan, doses, days, result, dueDays };
}

/** Every placed dose is inside its window, on an open day, within opening hours. */
function expectInsideWindowsAndHours({ doses, days, result }: ReturnType<typeof series>) {
  expect(result.unplaced).toEqual([]);
  expect(result.placed).toHaveLength(doses.length);
  result.placed.forEach((p, i) => {
    const due = doses[i]!;
    expect(p.date >= due.earliest && p.date <= due.latest, `dose ${p.doseNumber} on ${p.date}`).toBe(true);
    const day = days.get(p.date)!;
    expect(day.closed).toBe(false);
    expect(p.startsAt.getTime()).toBeGreaterThanOrEqual(day.opensAtUtc!.getTime());
    expect(p.endsAt.getTime()).toBeLessThanOrEqual(day.closesAtUtc!.getTime());
    expect((p.endsAt.getTime() - p.startsAt.getTime()) / 60_000).toBe(due.chairMinutes);
  });
}

describe('series per regimen (DOMAIN "Therapies and chair time")', () => {
  it('infliximab: weeks 0, 2, 6, then every 8 weeks; 15 + 120 + 30 minutes in the chair', () => {
    for (const key of ['infliximabRA', 'infliximabCrohn'] as const) {
      const s = series(key);
      expect(s.dueDays).toEqual([0, 14, 42, 98, 154, 210, 266, 322, 378]);
      expect(s.doses.every((d) => d.chairMinutes === 165)).toBe(true);
      expectInsideWindowsAndHours(s);
    }
  });

  it('ocrelizumab: 300 mg twice two weeks apart, then every 6 months from the first dose; 30 + 210 + 60 minutes', () => {
    const s = series('ocrelizumabMS');
    expect(s.dueDays).toEqual([0, 14, 182, 364]);
    expect(s.doses.map((d) => d.induction)).toEqual([true, true, false, false]);
    expect(s.doses[0]!.chairMinutes).toBe(300);
    expectInsideWindowsAndHours(s);
  });

  it('natalizumab: every 4 weeks, an hour of infusion and an hour of observation', () => {
    const s = series('natalizumabMS');
    expect(s.dueDays).toEqual(Array.from({ length: 13 }, (_, i) => i * 28));
    expect(s.doses[0]!.chairMinutes).toBe(120);
    expectInsideWindowsAndHours(s);
  });

  it('vedolizumab: weeks 0, 2, 6, then every 8 weeks; two hours of observation after doses 1–2, one hour later', () => {
    const s = series('vedolizumabUC');
    expect(s.dueDays.slice(0, 5)).toEqual([0, 14, 42, 98, 154]);
    expect(s.doses.map((d) => d.chairMinutes).slice(0, 4)).toEqual([150, 150, 90, 90]);
    expectInsideWindowsAndHours(s);
  });

  it('IVIG: every 4 weeks, the first infusion an hour longer while the rate is titrated', () => {
    const s = series('ivigCIDP');
    expect(s.dueDays).toEqual([0, 28, 56, 84, 112, 140]);
    expect(s.doses.map((d) => d.chairMinutes)).toEqual([330, 270, 270, 270, 270, 270]);
    expectInsideWindowsAndHours(s);
  });

  it('zoledronic acid: once a year', () => {
    const s = series('zoledronicOsteo');
    expect(s.dueDays).toEqual([0, 364, 728]);
    expectInsideWindowsAndHours(s);
  });

  it('iron sucrose: 200 mg five times over 14 days, and no maintenance', () => {
    const s = series('ironSucroseIDA');
    expect(s.dueDays).toEqual([0, 3, 7, 10, 14]);
    expect(() => dueDoses({ ...s.plan, dosesPlanned: 6 }, { doseNumber: 1, on: FIRST_DOSE })).toThrow(/induction-only/);
    expectInsideWindowsAndHours(s);
  });

  it('denosumab: every 6 months, minutes in the chair', () => {
    const s = series('denosumabOsteo');
    expect(s.dueDays).toEqual([0, 182, 364, 546]);
    expect(s.doses[0]!.chairMinutes).toBe(20);
    expectInsideWindowsAndHours(s);
  });

  it('rituximab: every 3 weeks, the first infusion slower', () => {
    const s = series('rituximabNHL');
    expect(s.dueDays).toEqual(Array.from({ length: 8 }, (_, i) => i * 21));
    expect(s.doses.map((d) => d.chairMinutes).slice(0, 2)).toEqual([330, 270]);
    expectInsideWindowsAndHours(s);
  });
});

describe('placing doses', () => {
  it('tries the due date, then a day later, a day earlier, two days later…', () => {
    expect(datesByCloseness({ doseNumber: 4, dueOn: '2027-04-07', earliest: '2027-04-05', latest: '2027-04-09', induction: false, chairMinutes: 60 })).toEqual([
      '2027-04-07', '2027-04-08', '2027-04-06', '2027-04-09', '2027-04-05',
    ]);
  });

  it('moves a dose due on a closed day (a holiday, a weekend) to the nearest open day of its window', () => {
    const plan = planOf(THERAPY_REGIMENS.natalizumabMS);
    // Due 2027-02-15 (a holiday) and 2027-03-15 (an open Monday); then one due on a Saturday.
    const doses = dueDoses(plan, { doseNumber: 1, on: '2027-01-18' }).slice(1, 3);
    const { placed } = placeSeries(doses, calendar('2027-01-01', 120), empty(), options);
    expect(doses.map((d) => d.dueOn)).toEqual(['2027-02-15', '2027-03-15']);
    expect(placed.map((p) => [p.date, p.shiftDays])).toEqual([['2027-02-16', 1], ['2027-03-15', 0]]);
    const weekend = dueDoses(plan, { doseNumber: 1, on: '2027-01-16' }).slice(0, 1);
    expect(placeSeries(weekend, calendar('2027-01-01', 30), empty(), options).placed[0]!.date).toBe('2027-01-15');
  });

  it('keeps the patient’s chair and nurse while they are free, and takes another chair when not', () => {
    const plan = planOf(THERAPY_REGIMENS.vedolizumabUC);
    const doses = dueDoses(plan, { doseNumber: 1, on: FIRST_DOSE }).slice(0, 3);
    const bookings = empty();
    // Chair 1 taken all day on the second dose's date.
    const second = doses[1]!.dueOn;
    bookings.chairs.set('chair-1', [{ startsAt: zonedTime(second, 0, 'America/Chicago'), endsAt: zonedTime(second, 24 * 60 - 1, 'America/Chicago') }]);
    const { placed } = placeSeries(doses, calendar('2027-01-01', 90, 'America/Chicago', []), bookings, options);
    expect(placed.map((p) => [p.date, p.chairId, p.nurseId])).toEqual([
      [doses[0]!.dueOn, 'chair-1', 'nurse-1'],
      [second, 'chair-2', 'nurse-1'],
      [doses[2]!.dueOn, 'chair-1', 'nurse-1'],
    ]);
  });

  it('reports a dose whose whole window is closed instead of moving it outside the window', () => {
    const plan = { ...planOf(THERAPY_REGIMENS.natalizumabMS), maintenanceWindowDays: 0 };
    const doses = dueDoses(plan, { doseNumber: 1, on: HOLIDAY }).slice(0, 1);
    const result = placeSeries(doses, calendar('2027-01-01', 90), empty(), options);
    expect(result.placed).toEqual([]);
    expect(result.unplaced.map((d) => d.dueOn)).toEqual([HOLIDAY]);
  });

  it('keeps local times right across the change to daylight saving time', () => {
    const plan = planOf(THERAPY_REGIMENS.ironSucroseIDA);
    // 2027-03-14 clocks go forward in New York: doses before and after start at 09:00 local.
    const doses = dueDoses(plan, { doseNumber: 1, on: '2027-03-08' });
    const { placed } = placeSeries(doses, calendar('2027-03-01', 30, 'America/New_York'), empty(), options);
    const local = placed.map((p) => new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit' }).format(p.startsAt));
    expect(placed.map((p) => p.date)).toEqual(['2027-03-08', '2027-03-11', '2027-03-15', '2027-03-18', '2027-03-22']);
    expect(new Set(local)).toEqual(new Set(['09:00']));
  });

  it('restarts the rest of a series from a missed dose, keeping the plan’s spacing', () => {
    const plan = planOf(THERAPY_REGIMENS.infliximabCrohn);
    // Dose 3 (week 6) was missed; it is given on 2027-02-22 instead of 2027-02-15.
    const rest = dueDoses(plan, { doseNumber: 3, on: '2027-02-22' });
    expect(rest.map((d) => [d.doseNumber, d.dueOn])).toEqual([
      [3, '2027-02-22'], [4, '2027-04-19'], [5, '2027-06-14'], [6, '2027-08-09'], [7, '2027-10-04'], [8, '2027-11-29'], [9, '2028-01-24'],
    ]);
  });
});
