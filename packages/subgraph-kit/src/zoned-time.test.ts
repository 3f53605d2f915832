import { describe, expect, it } from 'vitest';
import { isIanaTimeZone, isoWeekday, localDateIn, zonedInstant } from './zoned-time';

describe('zonedInstant: local wall-clock time to UTC', () => {
  it('keeps 08:00 local at 08:00 across the spring-forward day in Chicago (CST before, CDT after)', () => {
    expect(zonedInstant('2026-03-07', 8 * 60, 'America/Chicago').toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(zonedInstant('2026-03-08', 8 * 60, 'America/Chicago').toISOString()).toBe('2026-03-08T13:00:00.000Z');
    // Local midnight of the change day is still CST; 23:00 is CDT.
    expect(zonedInstant('2026-03-08', 0, 'America/Chicago').toISOString()).toBe('2026-03-08T06:00:00.000Z');
    expect(zonedInstant('2026-03-08', 23 * 60, 'America/Chicago').toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('reads a time in the spring-forward gap with the offset before the change (02:30 → 03:30 CDT)', () => {
    expect(zonedInstant('2026-03-08', 2 * 60 + 30, 'America/Chicago').toISOString()).toBe('2026-03-08T08:30:00.000Z');
  });

  it('keeps 17:30 local at 17:30 on the fall-back day and takes the earlier of the repeated hour', () => {
    expect(zonedInstant('2026-11-01', 17 * 60 + 30, 'America/New_York').toISOString()).toBe('2026-11-01T22:30:00.000Z');
    expect(zonedInstant('2026-10-31', 17 * 60 + 30, 'America/New_York').toISOString()).toBe('2026-10-31T21:30:00.000Z');
    // 01:30 happens twice in New York that night: EDT (05:30Z) first, then EST (06:30Z).
    expect(zonedInstant('2026-11-01', 90, 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('leaves zones without daylight saving alone (Phoenix) and handles the end of the day (24:00)', () => {
    expect(zonedInstant('2026-03-08', 8 * 60, 'America/Phoenix').toISOString()).toBe('2026-03-08T15:00:00.000Z');
    expect(zonedInstant('2026-07-08', 8 * 60, 'America/Phoenix').toISOString()).toBe('2026-07-08T15:00:00.000Z');
    expect(zonedInstant('2026-03-07', 24 * 60, 'America/Chicago').toISOString()).toBe('2026-03-08T06:00:00.000Z');
  });

  it('gives local dates and ISO weekdays', () => {
    expect(localDateIn(new Date('2026-03-09T04:30:00Z'), 'America/Chicago')).toBe('2026-03-08');
    expect(isoWeekday('2026-03-08')).toBe(7);
    expect(isoWeekday('2026-03-09')).toBe(1);
  });
});

describe('isIanaTimeZone', () => {
  it('accepts canonical IANA names', () => {
    for (const zone of ['America/Chicago', 'America/New_York', 'America/Phoenix', 'Pacific/Honolulu', 'UTC', 'America/Indiana/Indianapolis']) expect(isIanaTimeZone(zone), zone).toBe(true);
  });
  it('refuses unknown names, aliases, offsets and junk', () => {
    for (const zone of ['America/Springfield', 'US/Central', 'Chicago', '+01:00', 'CST', '', 'America/Chicago ', '../../etc/passwd', 'a'.repeat(300)]) expect(isIanaTimeZone(zone), zone).toBe(false);
  });
});
