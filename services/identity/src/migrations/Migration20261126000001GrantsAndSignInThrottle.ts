import { Migration } from '@mikro-orm/migrations';

/** Clients named in `app.client_ids` (the transaction's tenant setting), as a uuid array. */
const CALLER_CLIENTS = "string_to_array(nullif(current_setting('app.client_ids', true), ''), ',')::uuid[]";

/**
 * Security hardening (issue 8):
 * - Ops users get row-level security by the grant rule: a caller limited to some clients sees
 *   (and may write) only users limited to a subset of them; an unrestricted user only with the
 *   all-clients setting. Limits are never an empty list, for users or keys.
 * - Sign-in no longer locks accounts: the failure counter and lock columns go; a table of recent
 *   attempts (by account and address) drives the throttle instead (users/sign-in.throttle.ts).
 */
export class Migration20261126000001GrantsAndSignInThrottle extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table identity.ops_user add constraint ops_user_client_ids_not_empty check (client_ids is null or cardinality(client_ids) > 0)`);
    this.addSql(`alter table identity.api_key add constraint api_key_site_ids_not_empty check (site_ids is null or cardinality(site_ids) > 0)`);

    const visible = `(current_setting('app.all_clients', true) = 'on' or (client_ids is not null and client_ids <@ ${CALLER_CLIENTS}))`;
    this.addSql(`alter table identity.ops_user enable row level security`);
    this.addSql(`create policy identity_ops_user_grant on identity.ops_user using ${visible} with check ${visible}`);

    this.addSql(`alter table identity.ops_user drop column failed_sign_ins, drop column locked_until`);
    this.addSql(`
      create table identity.sign_in_attempt (
        id uuid primary key,
        attempted_at timestamptz not null default now(),
        account_key text not null,
        remote_address text not null,
        succeeded boolean not null default false
      )`);
    this.addSql(`comment on table identity.sign_in_attempt is 'Recent sign-in attempts for throttling; account_key is the SHA-256 of the normalised email (typed emails are never stored)'`);
    this.addSql(`create index sign_in_attempt_account_idx on identity.sign_in_attempt (account_key, attempted_at desc)`);
    this.addSql(`create index sign_in_attempt_address_idx on identity.sign_in_attempt (remote_address, attempted_at desc)`);
    this.addSql(`create index sign_in_attempt_time_idx on identity.sign_in_attempt (attempted_at)`);
  }
}
