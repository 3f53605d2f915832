import { Migration } from '@mikro-orm/migrations';
import { rowLevelSecuritySql } from '@infusion/subgraph-kit';

/** Isolation layer two: the database itself hides other clients' (and other sites') rows. */
export class Migration20261124000002RowLevelSecurity extends Migration {
  override async up(): Promise<void> {
    const statements = [
      ...rowLevelSecuritySql('facilities.client', { client: 'id' }),
      ...rowLevelSecuritySql('facilities.site', { client: 'client_id', site: 'id' }),
      ...rowLevelSecuritySql('facilities.chair', { client: 'client_id', site: 'site_id' }),
      ...rowLevelSecuritySql('facilities.equipment', { client: 'client_id', site: 'site_id' }),
      ...rowLevelSecuritySql('facilities.certification', { client: 'client_id', site: 'site_id' }),
    ];
    for (const sql of statements) this.addSql(sql);
  }
}
