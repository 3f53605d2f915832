import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, exactZonedInstant, localDaysToUtc } from '@infusion/subgraph-kit';
import { parseClockTime, periodToUtc } from './local-time.rules';

const CHICAGO = 'America/Chicago';
const hours = (r: ReturnType<typeof periodToUtc>) => ('startsAt' in r ? (r.endsAt.getTime() - r.startsAt.getTime()) / 3_600_000 : null);

describe('wall-clock times at a site', () => {
  it('reads 24-hour "HH:MM" times and refuses anything else', () => {
    expect(parseClockTime('07:30')).toBe(450);
    expect(parseClockTime('23:59')).toBe(1439);
    for (const bad of ['7:30', '24:00', '12:60', '0730', '', '07:30:00']) expect(parseClockTime(bad)).toBeNull();
  });

  it('turns an ordinary local time into UTC with the zone’s offset that day', () => {
    expect(exactZonedInstant('2026-01-15', 8 * 60, CHICAGO)?.toISOString()).toBe('2026-01-15T14:00:00.000Z');
    expect(exactZonedInstant('2026-07-15', 8 * 60, CHICAGO)?.toISOString()).toBe('2026-07-15T13:00:00.000Z');
  });

  it('refuses 02:30 on the spring-forward day: that time does not exist', () => {
    expect(exactZonedInstant('2026-03-08', 150, CHICAGO)).toBeNull();
    const shift = periodToUtc({ date: '2026-03-08', startTime: '02:30', endTime: '10:00' }, CHICAGO);
    expect(shift).toMatchObject({ argument: 'startTime' });
    expect(periodToUtc({ date: '2026-03-07', startTime: '22:00', endTime: '02:15' }, CHICAGO)).toMatchObject({ argument: 'endTime' });
  });

  it('makes a midnight-to-06:00 shift five real hours on the spring-forward night', () => {
    const shift = periodToUtc({ date: '2026-03-08', startTime: '00:00', endTime: '06:00' }, CHICAGO);
    expect(shift).toEqual({ startsAt: new Date('2026-03-08T06:00:00Z'), endsAt: new Date('2026-03-08T11:00:00Z') });
    expect(hours(shift)).toBe(5);
  });

  it('reads the repeated 01:30 on the fall-back day as its first occurrence (daylight time)', () => {
    expect(exactZonedInstant('2026-11-01', 90, CHICAGO)?.toISOString()).toBe('2026-11-01T06:30:00.000Z');
  });

  it('makes a midnight-to-06:00 shift seven real hours on the fall-back night', () => {
    const shift = periodToUtc({ date: '2026-11-01', startTime: '00:00', endTime: '06:00' }, CHICAGO);
    expect(shift).toEqual({ startsAt: new Date('2026-11-01T05:00:00Z'), endsAt: new Date('2026-11-01T12:00:00Z') });
    expect(hours(shift)).toBe(7);
  });

  it('runs a shift whose end is at or before its start into the next day', () => {
    const night = periodToUtc({ date: '2026-01-15', startTime: '19:00', endTime: '07:00' }, CHICAGO);
    expect(night).toEqual({ startsAt: new Date('2026-01-16T01:00:00Z'), endsAt: new Date('2026-01-16T13:00:00Z') });
  });

  it('leaves zones without daylight saving alone (Phoenix has 02:30 every day)', () => {
    expect(exactZonedInstant('2026-03-08', 150, 'America/Phoenix')?.toISOString()).toBe('2026-03-08T09:30:00.000Z');
  });

  it('spans local days in UTC, 23 hours on the spring-forward day', () => {
    const { from, to } = localDaysToUtc('2026-03-08', 1, CHICAGO);
    expect((to.getTime() - from.getTime()) / 3_600_000).toBe(23);
  });

  it('knows real IANA zones only', () => {
    expect(canonicalTimeZone('America/New_York')).toBe('America/New_York');
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeUndefined();
  });
});

describe('roster dates', () => {
  it('refuses dates outside 2000–2099 naming the date, before any zone arithmetic', () => {
    expect(periodToUtc({ date: '0001-01-01', startTime: '08:00', endTime: '16:00' }, CHICAGO)).toMatchObject({ argument: 'date' });
    expect(periodToUtc({ date: '9999-12-31', startTime: '08:00', endTime: '16:00' }, CHICAGO)).toMatchObject({ argument: 'date' });
  });

  it('starts a local day at the first minute that exists when a zone skips midnight', () => {
    // Santiago springs forward at 00:00: 2026-09-06 begins at 01:00 local.
    const { from } = localDaysToUtc('2026-09-06', 1, 'America/Santiago');
    expect(from.toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });
});
