import { Migration } from '@mikro-orm/migrations';
import { siteRowLevelSecuritySql } from '@infusion/subgraph-kit';

/**
 * Site limits for every row that belongs to a site. An order is for a patient, so it belongs to the
 * patient's home site; an administration happened at its appointment's site. Both get that site as
 * a column (kept equal by the foreign keys, which follow a change of the patient's or the
 * appointment's site), so the tenant filter and row-level security hide them from a caller limited
 * to other sites, whichever way they are reached (`_entities` included).
 */
export class Migration20261127000001SiteOfOrdersAndAdministrations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table scheduling.patient add constraint patient_client_id_site_key unique (client_id, id, site_id)`);
    this.addSql(`alter table scheduling.therapy_order add column site_id uuid`);
    this.addSql(`update scheduling.therapy_order o set site_id = p.site_id from scheduling.patient p where p.client_id = o.client_id and p.id = o.patient_id`);
    this.addSql(`alter table scheduling.therapy_order alter column site_id set not null`);
    this.addSql(`
      alter table scheduling.therapy_order add constraint therapy_order_patient_site_fkey
        foreign key (client_id, patient_id, site_id) references scheduling.patient (client_id, id, site_id) on update cascade`);
    this.addSql(`create index therapy_order_site_idx on scheduling.therapy_order (site_id)`);
    this.addSql(siteRowLevelSecuritySql('scheduling.therapy_order', 'site_id'));

    this.addSql(`alter table scheduling.appointment add constraint appointment_client_id_site_key unique (client_id, id, site_id)`);
    this.addSql(`alter table scheduling.administration add column site_id uuid`);
    this.addSql(`update scheduling.administration ad set site_id = a.site_id from scheduling.appointment a where a.client_id = ad.client_id and a.id = ad.appointment_id`);
    this.addSql(`alter table scheduling.administration alter column site_id set not null`);
    this.addSql(`
      alter table scheduling.administration add constraint administration_appointment_site_fkey
        foreign key (client_id, appointment_id, site_id) references scheduling.appointment (client_id, id, site_id) on update cascade`);
    this.addSql(`create index administration_site_idx on scheduling.administration (site_id)`);
    this.addSql(siteRowLevelSecuritySql('scheduling.administration', 'site_id'));
  }
}
