import { Migration } from '@mikro-orm/migrations';
import { rowLevelSecuritySql } from '@infusion/subgraph-kit';

/**
 * Scheduling's own record of retired chairs, fed by facilities' ChairRetired events (it never
 * reads facilities' tables). One row per chair: a chair is retired once.
 */
export class Migration20261128000010RetiredChairs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table scheduling.retired_chair (
        client_id uuid not null,
        chair_id uuid not null,
        site_id uuid not null,
        reason text not null,
        retired_at timestamptz not null,
        event_id uuid not null,
        primary key (client_id, chair_id)
      )`);
    this.addSql(`create unique index retired_chair_chair_idx on scheduling.retired_chair (chair_id)`);
    for (const sql of rowLevelSecuritySql('scheduling.retired_chair', { client: 'client_id', site: 'site_id' })) this.addSql(sql);
  }
}
