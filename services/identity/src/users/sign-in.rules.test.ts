import { describe, expect, it } from 'vitest';
import { pairWaitSeconds, THROTTLE, throttledBy, type AttemptHistory } from './sign-in.rules';

const now = new Date('2026-11-24T10:00:00Z');
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000);
const quiet: AttemptHistory = { now, addressFailures: 0, pairFailures: 0, pairLastFailure: null, familiar: false, unfamiliarFailures: 0 };

describe('failed sign-ins from one address on one account', () => {
  it('are free at first, then each must wait twice as long as the one before, up to fifteen minutes', () => {
    expect(pairWaitSeconds(THROTTLE.FREE_FAILURES - 1)).toBe(0);
    expect(pairWaitSeconds(THROTTLE.FREE_FAILURES)).toBe(5);
    expect(pairWaitSeconds(THROTTLE.FREE_FAILURES + 1)).toBe(10);
    expect(pairWaitSeconds(THROTTLE.FREE_FAILURES + 3)).toBe(40);
    expect(pairWaitSeconds(1000)).toBe(15 * 60);
  });

  it('refuse the next attempt until the wait is over, then allow it', () => {
    const history = { ...quiet, pairFailures: THROTTLE.FREE_FAILURES + 1, pairLastFailure: secondsAgo(9) };
    expect(throttledBy(history)).toBe('ACCOUNT_AND_ADDRESS');
    expect(throttledBy({ ...history, pairLastFailure: secondsAgo(11) })).toBeUndefined();
  });
});

describe('failed sign-ins from one address on any accounts', () => {
  it('make the address wait once there are too many', () => {
    expect(throttledBy({ ...quiet, addressFailures: THROTTLE.ADDRESS_FAILURES - 1 })).toBeUndefined();
    expect(throttledBy({ ...quiet, addressFailures: THROTTLE.ADDRESS_FAILURES })).toBe('ADDRESS');
  });
});

describe('failed sign-ins on one account spread over many addresses', () => {
  it('make unfamiliar addresses wait, but not one the user has signed in from before', () => {
    const spread = { ...quiet, unfamiliarFailures: THROTTLE.UNFAMILIAR_FAILURES };
    expect(throttledBy(spread)).toBe('UNFAMILIAR_ADDRESSES');
    expect(throttledBy({ ...spread, familiar: true })).toBeUndefined();
    expect(throttledBy({ ...spread, unfamiliarFailures: THROTTLE.UNFAMILIAR_FAILURES - 1 })).toBeUndefined();
  });
});
