import { Migration } from '@mikro-orm/migrations';

/**
 * Day optimisation. A visit records the window of start times the patient accepted (set when the
 * visit is confirmed, or when the optimiser first moves it); null means "not recorded yet", read
 * as the booked start ± the default tolerance. And the overlap constraints become DEFERRABLE
 * (still checked at the end of each statement unless a transaction defers them): moving a whole
 * day at once passes through states where two moved visits briefly share a chair (A takes B's
 * place before B leaves), which only the final state should be judged on. The constraints are
 * re-created from their own current definitions, so whatever they say today stays said.
 */
export class Migration20261130000020AcceptedWindow extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table scheduling.appointment
        add column accepted_from timestamptz,
        add column accepted_until timestamptz,
        add constraint appointment_accepted_window check ((accepted_from is null) = (accepted_until is null) and accepted_from <= accepted_until)`);
    this.addSql(`
      do $$
      declare c record;
      begin
        for c in select conname, pg_get_constraintdef(oid) as definition from pg_constraint
                 where conrelid = 'scheduling.appointment'::regclass and contype = 'x' and not condeferrable loop
          execute format('alter table scheduling.appointment drop constraint %I', c.conname);
          execute format('alter table scheduling.appointment add constraint %I %s deferrable initially immediate', c.conname, c.definition);
        end loop;
      end $$`);
  }
}
