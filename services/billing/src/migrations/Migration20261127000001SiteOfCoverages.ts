import { Migration } from '@mikro-orm/migrations';
import { siteRowLevelSecuritySql } from '@infusion/subgraph-kit';

/**
 * Site limits for coverages. A coverage is the insurance of a patient, who belongs to a home site
 * (scheduling owns the patient); without that site here, `Patient.coverages` answered a caller
 * limited to one site with the coverages of patients at every site of the client. The site is
 * copied onto each coverage, so the tenant filter and row-level security apply to it.
 *
 * Existing rows take their patient's site from scheduling's table, read once here if it exists
 * (on a new database both are empty and the seed writes the site).
 */
export class Migration20261127000001SiteOfCoverages extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table billing.coverage add column site_id uuid`);
    this.addSql(`
      do $$
      begin
        if to_regclass('scheduling.patient') is not null then
          update billing.coverage c set site_id = p.site_id
            from scheduling.patient p where p.client_id = c.client_id and p.id = c.patient_id;
        end if;
      end $$`);
    this.addSql(`alter table billing.coverage alter column site_id set not null`);
    this.addSql(`create index coverage_site_idx on billing.coverage (site_id)`);
    this.addSql(siteRowLevelSecuritySql('billing.coverage', 'site_id'));
  }
}
