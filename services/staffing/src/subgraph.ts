import { loadReference, stubReference, type SubgraphDefinition } from '@infusion/subgraph-kit';
import { Migration20261124000001Initial } from './migrations/Migration20261124000001Initial';
import { Site } from './references/site.stub';
import { SiteStaffingResolver } from './references/site.resolver';
import { Shift } from './shifts/shift.entity';
import { ShiftResolver } from './shifts/shift.resolver';
import { Competency } from './staff/competency.entity';
import { License } from './staff/license.entity';
import { StaffMember } from './staff/staff-member.entity';
import { StaffMemberResolver } from './staff/staff-member.resolver';

/** Staffing: staff members with their licences and competencies, and shifts at sites. */
export const staffing: SubgraphDefinition = {
  name: 'staffing',
  database: {
    schema: 'staffing',
    // StaffMember first: seeding is skipped when the first entity's table has rows.
    entities: [StaffMember, License, Competency, Shift],
    migrations: [{ name: 'Migration20261124000001Initial', class: Migration20261124000001Initial }],
  },
  access: { read: 'staffing:read', write: 'staffing:write' },
  schema: {
    resolvers: [StaffMemberResolver, ShiftResolver, SiteStaffingResolver],
    references: {
      StaffMember: loadReference(StaffMember),
      License: loadReference(License),
      Competency: loadReference(Competency),
      Shift: loadReference(Shift),
      Site: stubReference(Site),
    },
  },
};
