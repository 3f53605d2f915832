import { Migration } from '@mikro-orm/migrations';

/**
 * No double booking, decided by the database: besides the chair, a patient is never in two
 * overlapping visits (a second exclusion constraint). Visits gain CONFIRMED and IN_CHAIR, and a
 * rescheduled visit keeps its row (RESCHEDULED, which frees its chair and patient) with a link from
 * the visit that replaced it, so the history of moves stays readable. The nurse's limit of
 * concurrent chairs cannot be an exclusion constraint ("at most N overlap" is not "none overlap"):
 * see `nurse-capacity.ts`.
 */
export class Migration20261129000002NoDoubleBooking extends Migration {
  override async up(): Promise<void> {
    const released = `('CANCELLED', 'NO_SHOW', 'RESCHEDULED')`;
    this.addSql(`alter table scheduling.appointment drop constraint appointment_status_check`);
    this.addSql(`
      alter table scheduling.appointment add constraint appointment_status_check
        check (status in ('SCHEDULED', 'CONFIRMED', 'CHECKED_IN', 'IN_CHAIR', 'COMPLETED', 'CANCELLED', 'NO_SHOW', 'RESCHEDULED'))`);
    this.addSql(`alter table scheduling.appointment drop constraint appointment_chair_no_overlap`);
    this.addSql(`
      alter table scheduling.appointment add constraint appointment_chair_no_overlap exclude using gist (
        client_id with =, chair_id with =, tstzrange(starts_at, ends_at) with &&
      ) where (status not in ${released})`);
    this.addSql(`
      alter table scheduling.appointment add constraint appointment_patient_no_overlap exclude using gist (
        client_id with =, patient_id with =, tstzrange(starts_at, ends_at) with &&
      ) where (status not in ${released})`);
    this.addSql(`
      alter table scheduling.appointment
        add column rescheduled_from_id uuid,
        add column reschedule_reason text,
        add constraint appointment_rescheduled_from_fkey foreign key (client_id, rescheduled_from_id) references scheduling.appointment (client_id, id),
        add constraint appointment_rescheduled_once unique (client_id, rescheduled_from_id),
        add constraint appointment_reschedule_reason check ((rescheduled_from_id is null) = (reschedule_reason is null))`);
  }
}
