import { Migration } from '@mikro-orm/migrations';
import { rowLevelSecuritySql } from '@infusion/subgraph-kit';

/** Isolation layer two: the database itself hides other clients' (and other sites') stock. The catalogue is shared. */
export class Migration20261124000002RowLevelSecurity extends Migration {
  override async up(): Promise<void> {
    const statements = [
      ...rowLevelSecuritySql('inventory.lot', { client: 'client_id', site: 'site_id' }),
      ...rowLevelSecuritySql('inventory.stock_movement', { client: 'client_id', site: 'site_id' }),
      ...rowLevelSecuritySql('inventory.par_level', { client: 'client_id', site: 'site_id' }),
    ];
    for (const sql of statements) this.addSql(sql);
  }
}
