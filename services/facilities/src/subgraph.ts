import { subgraphEvents } from '@infusion/events';
import { loadReference, type SubgraphDefinition } from '@infusion/subgraph-kit';
import { AttentionResolver } from './attention/attention.resolver';
import { Certification } from './certifications/certification.entity';
import { CertificationResolver } from './certifications/certification.resolver';
import { Client } from './clients/client.entity';
import { ClientResolver } from './clients/client.resolver';
import { Equipment } from './equipment/equipment.entity';
import { EquipmentResolver } from './equipment/equipment.resolver';
import { MaintenanceRecord } from './equipment/maintenance-record.entity';
import { HoursException } from './hours/hours-exception.entity';
import { SiteHoursResolver } from './hours/hours.resolver';
import { WeeklyHours } from './hours/weekly-hours.entity';
import { Migration20261124000001Initial } from './migrations/Migration20261124000001Initial';
import { Migration20261124000002RowLevelSecurity } from './migrations/Migration20261124000002RowLevelSecurity';
import { Migration20261128000010ChairRetirement } from './migrations/Migration20261128000010ChairRetirement';
import { Migration20261129000001SiteOperations } from './migrations/Migration20261129000001SiteOperations';
import { RemsEnrolment } from './rems/rems-enrolment.entity';
import { RemsResolver } from './rems/rems.resolver';
import { Chair } from './sites/chair.entity';
import { Site } from './sites/site.entity';
import { ChairResolver, SiteResolver } from './sites/site.resolver';

/** Facilities: clients, their sites, hours, chairs, equipment, certifications and REMS enrolments. */
export const facilities: SubgraphDefinition = {
  name: 'facilities',
  database: {
    schema: 'facilities',
    entities: [Client, Site, Chair, Equipment, MaintenanceRecord, Certification, WeeklyHours, HoursException, RemsEnrolment],
    migrations: [
      { name: 'Migration20261124000001Initial', class: Migration20261124000001Initial },
      { name: 'Migration20261124000002RowLevelSecurity', class: Migration20261124000002RowLevelSecurity },
      { name: 'Migration20261128000010ChairRetirement', class: Migration20261128000010ChairRetirement },
      { name: 'Migration20261129000001SiteOperations', class: Migration20261129000001SiteOperations },
    ],
    tenantRoots: { Client: { client: 'id' }, Site: { client: 'clientId', site: 'id' } },
  },
  access: { read: 'facilities:read', write: 'facilities:write' },
  // Publishes ChairRetired (chair.service.ts) and SiteHoursChanged (hours.service.ts); consumes nothing yet.
  events: subgraphEvents({ subgraph: 'facilities' }),
  schema: {
    resolvers: [ClientResolver, SiteResolver, SiteHoursResolver, ChairResolver, EquipmentResolver, CertificationResolver, RemsResolver, AttentionResolver],
    orphanedTypes: [Equipment, Certification, RemsEnrolment],
    references: {
      Client: loadReference(Client),
      Site: loadReference(Site),
      Chair: loadReference(Chair),
      Equipment: loadReference(Equipment),
      Certification: loadReference(Certification),
      RemsEnrolment: loadReference(RemsEnrolment),
    },
  },
};
