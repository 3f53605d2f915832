import { describe, expect, it } from 'vitest';
import { earliestOverlappingStart, shiftOverlaps } from './shift.rules';

const at = (time: string) => new Date(`2026-11-24T${time}:00Z`);
const dayShift = { startsAt: at('13:30'), endsAt: at('23:30') };

describe('which shifts a window shows', () => {
  it('shows a shift that lies wholly inside the window', () => {
    expect(shiftOverlaps(dayShift, at('00:00'), new Date('2026-11-25T00:00:00Z'))).toBe(true);
  });

  it('shows a shift already under way when the window opens', () => {
    expect(shiftOverlaps(dayShift, at('15:00'), at('16:00'))).toBe(true);
  });

  it('shows a shift that starts before the window closes', () => {
    expect(shiftOverlaps(dayShift, at('12:00'), at('14:00'))).toBe(true);
  });

  it('does not show a shift that ended exactly when the window opens', () => {
    expect(shiftOverlaps(dayShift, at('23:30'), new Date('2026-11-25T02:00:00Z'))).toBe(false);
  });

  it('does not show a shift that starts exactly when the window closes', () => {
    expect(shiftOverlaps(dayShift, at('10:00'), at('13:30'))).toBe(false);
  });
});

describe('how far back a window looks', () => {
  it('finds a 24-hour shift that began a full day before the window opens', () => {
    const longest = { startsAt: new Date('2026-11-23T08:00:00Z'), endsAt: new Date('2026-11-24T08:00:00Z') };
    const from = new Date('2026-11-24T07:59:00Z');
    expect(shiftOverlaps(longest, from, at('12:00'))).toBe(true);
    expect(longest.startsAt.getTime()).toBeGreaterThanOrEqual(earliestOverlappingStart(from).getTime());
  });
});
