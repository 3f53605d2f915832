/**
 * Sign-in throttling that never hands an attacker a lockout.
 *
 * Attempts are counted per address, per account-and-address pair, and per account from
 * addresses the account has not signed in from. A throttled attempt is refused with the same
 * answer, after the same work, as a wrong password, even when the password is right: someone
 * without the password cannot tell throttling from failure, and nothing depends on whether the
 * email belongs to an account (the "account" is the typed email, known or not).
 *
 *  1. Per address, all accounts: more than ADDRESS_FAILURES failures in ADDRESS_WINDOW and the
 *     address waits (credential stuffing from one place).
 *  2. Per account and address: after FREE_FAILURES failures each further attempt must wait
 *     FIRST_WAIT, doubling with every attempt up to MAX_WAIT. Attempts made while waiting count
 *     too, so hammering only lengthens the wait. A success from that address starts it over.
 *     Only the guessing address waits: the real user elsewhere is not affected.
 *  3. Per account, from unfamiliar addresses: more than UNFAMILIAR_FAILURES failures in
 *     UNFAMILIAR_WINDOW from addresses without a successful sign-in in the last FAMILIAR_DAYS,
 *     and further unfamiliar addresses wait (guessing spread over many addresses). An address the
 *     user has signed in from before keeps working; this is the one case where an attacker can
 *     delay a real user, and only one arriving from a new address, for at most an hour.
 *
 * Parallel attempts of one account-and-address pair are refused while one is being decided (a
 * transaction lock), so a burst cannot guess past rule 2. Counts are read from committed attempts,
 * so a burst can still overshoot rules 1 and 3 (and rule 2, in the moment between one attempt's
 * rollback and its record's commit) by the few attempts in flight at once.
 */
export const THROTTLE = {
  ADDRESS_FAILURES: 30,
  ADDRESS_WINDOW_SECONDS: 15 * 60,
  FREE_FAILURES: 3,
  FIRST_WAIT_SECONDS: 5,
  MAX_WAIT_SECONDS: 15 * 60,
  /** Older failures of a pair are forgotten. */
  PAIR_WINDOW_SECONDS: 24 * 3600,
  UNFAMILIAR_FAILURES: 20,
  UNFAMILIAR_WINDOW_SECONDS: 3600,
  FAMILIAR_DAYS: 90,
  /** Attempts are kept this long (the longest window above), then deleted. */
  KEEP_DAYS: 90,
} as const;

/** Recent attempts relevant to one sign-in, read before it is decided. */
export interface AttemptHistory {
  now: Date;
  /** Failed attempts from this address, on any account, within ADDRESS_WINDOW. */
  addressFailures: number;
  /** Failed attempts on this account from this address since its last success there (PAIR_WINDOW at most). */
  pairFailures: number;
  pairLastFailure: Date | null;
  /** Whether the account has signed in successfully from this address within FAMILIAR_DAYS. */
  familiar: boolean;
  /** Failed attempts on this account from unfamiliar addresses within UNFAMILIAR_WINDOW. */
  unfamiliarFailures: number;
}

/** How long after its last failure a pair must wait, given its failures so far. */
export function pairWaitSeconds(pairFailures: number): number {
  if (pairFailures < THROTTLE.FREE_FAILURES) return 0;
  const doublings = pairFailures - THROTTLE.FREE_FAILURES;
  return Math.min(THROTTLE.MAX_WAIT_SECONDS, THROTTLE.FIRST_WAIT_SECONDS * 2 ** Math.min(doublings, 30));
}

export type ThrottleReason = 'ADDRESS' | 'ACCOUNT_AND_ADDRESS' | 'UNFAMILIAR_ADDRESSES';

/** Which rule refuses this attempt, if any. */
export function throttledBy(history: AttemptHistory): ThrottleReason | undefined {
  if (history.addressFailures >= THROTTLE.ADDRESS_FAILURES) return 'ADDRESS';
  const wait = pairWaitSeconds(history.pairFailures);
  if (wait > 0 && history.pairLastFailure && history.now.getTime() < history.pairLastFailure.getTime() + wait * 1000) {
    return 'ACCOUNT_AND_ADDRESS';
  }
  if (!history.familiar && history.unfamiliarFailures >= THROTTLE.UNFAMILIAR_FAILURES) return 'UNFAMILIAR_ADDRESSES';
  return undefined;
}

/**
 * Why a sign-in failed, for the audit trail only; the caller always gets the same answer.
 * THROTTLED attempts name the rule in the audit (e.g. THROTTLED_ADDRESS).
 */
export type SignInFailure = 'UNKNOWN_ACCOUNT' | 'WRONG_PASSWORD' | 'INACTIVE_ACCOUNT' | `THROTTLED_${ThrottleReason}`;
