import { Migration } from '@mikro-orm/migrations';
import { rowLevelSecuritySql } from '@infusion/subgraph-kit';

/** Isolation layer two: the database itself hides other clients' (and other sites') rows. */
export class Migration20261124000002RowLevelSecurity extends Migration {
  override async up(): Promise<void> {
    const statements = [
      ...rowLevelSecuritySql('scheduling.patient', { client: 'client_id', site: 'site_id' }),
      ...rowLevelSecuritySql('scheduling.therapy_order', { client: 'client_id' }),
      ...rowLevelSecuritySql('scheduling.appointment', { client: 'client_id', site: 'site_id' }),
      ...rowLevelSecuritySql('scheduling.administration', { client: 'client_id' }),
    ];
    for (const sql of statements) this.addSql(sql);
  }
}
