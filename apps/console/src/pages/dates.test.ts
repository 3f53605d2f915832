import { describe, expect, it } from 'vitest';
import { addDays, dateInZone, siteToday } from './dates';

describe('a site’s today in its own time zone', () => {
  it('is the site’s calendar date, not the browser’s or UTC’s', () => {
    const now = new Date('2026-11-27T03:30:00Z');
    expect(dateInZone('America/Chicago', now)).toBe('2026-11-26');
    expect(dateInZone('Asia/Tokyo', now)).toBe('2026-11-27');
    expect(siteToday('America/Chicago', now)).toEqual({ date: '2026-11-26', from: '2026-11-26T06:00:00.000Z', to: '2026-11-27T06:00:00.000Z' });
    expect(siteToday('Asia/Tokyo', now)).toEqual({ date: '2026-11-27', from: '2026-11-26T15:00:00.000Z', to: '2026-11-27T15:00:00.000Z' });
  });

  it('is 23 or 25 hours long when the clocks change', () => {
    const spring = siteToday('America/New_York', new Date('2026-03-08T12:00:00Z'));
    expect(spring).toEqual({ date: '2026-03-08', from: '2026-03-08T05:00:00.000Z', to: '2026-03-09T04:00:00.000Z' });
    const autumn = siteToday('America/New_York', new Date('2026-11-01T12:00:00Z'));
    expect(autumn).toEqual({ date: '2026-11-01', from: '2026-11-01T04:00:00.000Z', to: '2026-11-02T05:00:00.000Z' });
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
