/** Repeated failed sign-ins first slow down, then lock the account for a while. */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;

/** Delay before answering the n-th consecutive failure: 0.2 s, 0.4 s, 0.8 s … at most 3 s. */
export function failureDelayMs(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return 0;
  return Math.min(3000, 200 * 2 ** (consecutiveFailures - 1));
}

export function lockedUntilAfter(consecutiveFailures: number, now: Date): Date | null {
  return consecutiveFailures >= LOCK_AFTER_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
}
