import { subgraphEvents } from '@infusion/events';
import { loadReference, type SubgraphDefinition } from '@infusion/subgraph-kit';
import { Client } from './clients/client.entity';
import { ClientResolver } from './clients/client.resolver';
import { Migration20261124000001Initial } from './migrations/Migration20261124000001Initial';
import { Migration20261124000002RowLevelSecurity } from './migrations/Migration20261124000002RowLevelSecurity';
import { Migration20261128000010ChairRetirement } from './migrations/Migration20261128000010ChairRetirement';
import { Certification } from './sites/certification.entity';
import { Chair } from './sites/chair.entity';
import { Equipment } from './sites/equipment.entity';
import { Site } from './sites/site.entity';
import { ChairResolver, SiteResolver } from './sites/site.resolver';

/** Facilities: clients, their sites, chairs, equipment and certifications. */
export const facilities: SubgraphDefinition = {
  name: 'facilities',
  database: {
    schema: 'facilities',
    entities: [Client, Site, Chair, Equipment, Certification],
    migrations: [
      { name: 'Migration20261124000001Initial', class: Migration20261124000001Initial },
      { name: 'Migration20261124000002RowLevelSecurity', class: Migration20261124000002RowLevelSecurity },
      { name: 'Migration20261128000010ChairRetirement', class: Migration20261128000010ChairRetirement },
    ],
    tenantRoots: { Client: { client: 'id' }, Site: { client: 'clientId', site: 'id' } },
  },
  access: { read: 'facilities:read', write: 'facilities:write' },
  // Publishes ChairRetired (see chair.service.ts); consumes nothing yet.
  events: subgraphEvents({ subgraph: 'facilities' }),
  schema: {
    resolvers: [ClientResolver, SiteResolver, ChairResolver],
    orphanedTypes: [Equipment, Certification],
    references: {
      Client: loadReference(Client),
      Site: loadReference(Site),
      Chair: loadReference(Chair),
      Equipment: loadReference(Equipment),
      Certification: loadReference(Certification),
    },
  },
};
