import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { sha256 } from '../credentials';
import { THROTTLE, type AttemptHistory } from './sign-in.rules';

/**
 * Storage of recent sign-in attempts (identity.sign_in_attempt) for the throttle rules in
 * sign-in.rules.ts. The account is the typed email's SHA-256, known account or not, so the
 * throttle treats unknown emails exactly like known ones and typed emails are never stored.
 */
export const accountKey = (normalizedEmail: string): string => sha256(normalizedEmail);

/**
 * Reads the history the rules need, in one statement, and takes a transaction lock on the
 * account-and-address pair. `busy` means another attempt of the same pair is in flight: it is
 * refused like a throttled one, so parallel requests cannot guess past the wait (and a real
 * user elsewhere, another pair, is never kept waiting by them).
 */
export async function readAttemptHistory(em: EntityManager, account: string, address: string): Promise<AttemptHistory & { busy: boolean }> {
  const [row] = await em.execute<
    { now: Date; locked: boolean; address_failures: number; pair_failures: number; pair_last_failure: Date | null; familiar: boolean; unfamiliar_failures: number }[]
  >(
    `with familiar as (
       select distinct remote_address from identity.sign_in_attempt
        where account_key = ? and succeeded and attempted_at > now() - make_interval(days => ?)
     ), pair as (
       select attempted_at, succeeded from identity.sign_in_attempt
        where account_key = ? and remote_address = ? and attempted_at > now() - make_interval(secs => ?)
     ), pair_failures as (
       select attempted_at from pair
        where not succeeded and attempted_at > coalesce((select max(attempted_at) from pair where succeeded), '-infinity'::timestamptz)
     )
     select now() as now,
            pg_try_advisory_xact_lock(hashtextextended(?, 0)) as locked,
            (select count(*)::int from identity.sign_in_attempt
              where remote_address = ? and not succeeded and attempted_at > now() - make_interval(secs => ?)) as address_failures,
            (select count(*)::int from pair_failures) as pair_failures,
            (select max(attempted_at) from pair_failures) as pair_last_failure,
            exists (select 1 from familiar where remote_address = ?) as familiar,
            (select count(*)::int from identity.sign_in_attempt
              where account_key = ? and not succeeded and attempted_at > now() - make_interval(secs => ?)
                and remote_address not in (select remote_address from familiar)) as unfamiliar_failures`,
    [
      account,
      THROTTLE.FAMILIAR_DAYS,
      account,
      address,
      THROTTLE.PAIR_WINDOW_SECONDS,
      `sign-in:${account}:${address}`,
      address,
      THROTTLE.ADDRESS_WINDOW_SECONDS,
      address,
      account,
      THROTTLE.UNFAMILIAR_WINDOW_SECONDS,
    ],
  );
  return {
    now: new Date(row!.now),
    busy: !row!.locked,
    addressFailures: row!.address_failures,
    pairFailures: row!.pair_failures,
    pairLastFailure: row!.pair_last_failure ? new Date(row!.pair_last_failure) : null,
    familiar: row!.familiar,
    unfamiliarFailures: row!.unfamiliar_failures,
  };
}

/** Records one attempt and forgets attempts older than any rule looks back. */
export async function recordAttempt(em: EntityManager, account: string, address: string, succeeded: boolean): Promise<void> {
  await em.execute('insert into identity.sign_in_attempt (id, account_key, remote_address, succeeded) values (?, ?, ?, ?)', [
    randomUUID(),
    account,
    address,
    succeeded,
  ]);
  await em.execute('delete from identity.sign_in_attempt where attempted_at < now() - make_interval(days => ?)', [THROTTLE.KEEP_DAYS]);
}
