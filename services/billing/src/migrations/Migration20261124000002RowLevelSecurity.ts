import { Migration } from '@mikro-orm/migrations';
import { rowLevelSecuritySql } from '@infusion/subgraph-kit';

/**
 * Isolation layer two: the database itself hides other clients' rows (and, for prior
 * authorizations, other sites' rows from a caller limited to sites). Payers are shared by all
 * clients and stay visible.
 */
export class Migration20261124000002RowLevelSecurity extends Migration {
  override async up(): Promise<void> {
    const statements = [
      ...rowLevelSecuritySql('billing.coverage', { client: 'client_id' }),
      ...rowLevelSecuritySql('billing.prior_authorization', { client: 'client_id', site: 'site_id' }),
      ...rowLevelSecuritySql('billing.management_contract', { client: 'client_id' }),
      ...rowLevelSecuritySql('billing.fee_schedule', { client: 'client_id' }),
      ...rowLevelSecuritySql('billing.fee_tier', { client: 'client_id' }),
    ];
    for (const sql of statements) this.addSql(sql);
  }
}
