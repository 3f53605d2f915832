import { describe, expect, it } from 'vitest';
import { boardAxis, dayQueryWindow, draggedStart, fraction, hourTicks, localParts, localTime, onLocalDate, parseTime, zonedInstant } from './time';

describe('day board clock (the site time zone, never the browser)', () => {
  it('turns a local date and time into the UTC instant in the site zone, on both sides of a DST change', () => {
    expect(new Date(zonedInstant('2026-07-14', 8 * 60, 'America/Chicago')).toISOString()).toBe('2026-07-14T13:00:00.000Z');
    expect(new Date(zonedInstant('2026-12-14', 8 * 60, 'America/Chicago')).toISOString()).toBe('2026-12-14T14:00:00.000Z');
    // The Sunday clocks go back (2026-11-01 in the US): 08:00 is already CST.
    expect(new Date(zonedInstant('2026-11-01', 8 * 60, 'America/Chicago')).toISOString()).toBe('2026-11-01T14:00:00.000Z');
    expect(new Date(zonedInstant('2026-07-14', 9 * 60 + 30, 'Asia/Kathmandu')).toISOString()).toBe('2026-07-14T03:45:00.000Z');
  });

  it('reads instants on the site clock, whatever the browser zone', () => {
    const t = Date.parse('2026-07-14T13:15:00Z');
    expect(localTime(t, 'America/Chicago')).toBe('08:15');
    expect(localTime(t, 'America/Los_Angeles')).toBe('06:15');
    expect(localParts(Date.parse('2026-07-15T03:00:00Z'), 'America/Los_Angeles')).toEqual({ date: '2026-07-14', minutes: 20 * 60 });
    expect(parseTime('9:05')).toBe(545);
    expect(parseTime('24:00')).toBeNull();
    expect(parseTime('nine')).toBeNull();
  });

  it('queries a UTC window that holds the local day in every zone, and keeps only that day', () => {
    const { from, to } = dayQueryWindow('2026-07-14');
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Chicago', 'Asia/Tokyo']) {
      expect(Date.parse(from)).toBeLessThanOrEqual(zonedInstant('2026-07-14', 0, zone));
      expect(Date.parse(to)).toBeGreaterThanOrEqual(zonedInstant('2026-07-14', 24 * 60 - 1, zone));
    }
    expect(onLocalDate(Date.parse('2026-07-15T03:00:00Z'), '2026-07-14', 'America/Chicago')).toBe(true);
    expect(onLocalDate(Date.parse('2026-07-15T06:00:00Z'), '2026-07-14', 'America/Chicago')).toBe(false);
  });

  it('lays the axis over the opening hours, widened to visits outside them, with local hour ticks', () => {
    const hours = { opensAtUtc: '2026-07-14T13:00:00Z', closesAtUtc: '2026-07-14T22:30:00Z' };
    const axis = boardAxis(hours, [])!;
    expect(fraction(axis, Date.parse('2026-07-14T17:45:00Z'))).toBe(0.5);
    expect(hourTicks(axis, 'America/Chicago').map((t) => t.label)).toEqual(['08:00', '09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00']);
    const late = boardAxis(hours, [{ startsAt: Date.parse('2026-07-14T22:00:00Z'), endsAt: Date.parse('2026-07-14T23:10:00Z') }])!;
    expect(new Date(late.end).toISOString()).toBe('2026-07-15T00:00:00.000Z');
    expect(boardAxis({ opensAtUtc: null, closesAtUtc: null }, [])).toBeNull();
  });

  it('snaps a drag to quarter hours', () => {
    const axis = { start: Date.parse('2026-07-14T13:00:00Z'), end: Date.parse('2026-07-14T23:00:00Z') }; // 600 minutes
    const start = Date.parse('2026-07-14T13:00:00Z');
    // 1000 px for 600 min: 100 px = 60 min; 40 px = 24 min, nearest quarter 30; 10 px = 6 min, nearest 0.
    expect(new Date(draggedStart(start, 100, 1000, axis)).toISOString()).toBe('2026-07-14T14:00:00.000Z');
    expect(new Date(draggedStart(start, 40, 1000, axis)).toISOString()).toBe('2026-07-14T13:30:00.000Z');
    expect(new Date(draggedStart(start, 10, 1000, axis)).toISOString()).toBe('2026-07-14T13:00:00.000Z');
    expect(new Date(draggedStart(start, -30, 1000, axis)).toISOString()).toBe('2026-07-14T12:45:00.000Z');
  });
});
