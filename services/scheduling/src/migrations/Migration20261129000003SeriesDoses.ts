import { Migration } from '@mikro-orm/migrations';

/** Which dose of its order a visit gives, for visits a series placed (booked one by one: unknown). */
export class Migration20261129000003SeriesDoses extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table scheduling.appointment add column dose_number integer check (dose_number between 1 and 200)`);
  }
}
