import { describe, expect, it } from 'vitest';
import { checkTimeWindow, intervalsOverlap, MAX_WINDOW_DAYS } from './ranges';

const at = (iso: string) => new Date(iso);
/** The BAD_USER_INPUT a window gets, as `argument: message`, or 'ok'. */
function verdict(from: Date, to: Date, options?: Parameters<typeof checkTimeWindow>[1]): string {
  try {
    checkTimeWindow({ from, to }, options);
    return 'ok';
  } catch (error) {
    const { extensions, message } = error as { extensions: { code: string; argument: string }; message: string };
    expect(extensions.code).toBe('BAD_USER_INPUT');
    return `${extensions.argument}: ${message}`;
  }
}

describe('a time window given as arguments', () => {
  it('accepts a one-day window and a window of exactly the maximum', () => {
    expect(verdict(at('2026-12-01T05:00:00Z'), at('2026-12-02T05:00:00Z'))).toBe('ok');
    expect(verdict(at('2026-01-01T00:00:00Z'), new Date(Date.UTC(2026, 0, 1 + MAX_WINDOW_DAYS)))).toBe('ok');
  });

  it('refuses an empty window or one that ends before it starts, naming `to`', () => {
    expect(verdict(at('2026-12-01T10:00:00Z'), at('2026-12-01T09:00:00Z'))).toBe('to: `to` must be after `from`');
    expect(verdict(at('2026-12-01T10:00:00Z'), at('2026-12-01T10:00:00Z'))).toMatch(/^to: /);
  });

  it('refuses a window longer than the maximum, by default a year and a day', () => {
    expect(verdict(at('2026-01-01T00:00:00Z'), at('2027-01-03T00:00:00Z'))).toMatch(/^to: .*at most 366 days/);
    expect(verdict(at('2026-01-01T00:00:00Z'), at('2026-01-09T00:00:00Z'), { maxDays: 7 })).toMatch(/at most 7 days/);
  });

  it('names the argument that is not a valid time, with the caller’s field names', () => {
    expect(verdict(new Date('nope'), at('2026-12-01T10:00:00Z'))).toMatch(/^from: .*valid time/);
    expect(verdict(at('2026-12-01T10:00:00Z'), new Date('nope'), { fields: ['startsAt', 'endsAt'] })).toMatch(/^endsAt: `endsAt` must be a valid time/);
  });
});

describe('overlapping intervals', () => {
  const visit = { startsAt: at('2026-12-01T09:00:00Z'), endsAt: at('2026-12-01T11:00:00Z') };
  it('share an instant, or not when one ends as the other starts', () => {
    expect(intervalsOverlap(visit, { startsAt: at('2026-12-01T10:59:00Z'), endsAt: at('2026-12-01T12:00:00Z') })).toBe(true);
    expect(intervalsOverlap(visit, { startsAt: at('2026-12-01T11:00:00Z'), endsAt: at('2026-12-01T12:00:00Z') })).toBe(false);
    expect(intervalsOverlap({ startsAt: at('2026-12-01T08:00:00Z'), endsAt: at('2026-12-01T13:00:00Z') }, visit)).toBe(true);
  });
});
