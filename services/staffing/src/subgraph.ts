import { subgraphEvents } from '@infusion/events';
import { loadReference, stubReference, type SubgraphDefinition } from '@infusion/subgraph-kit';
import { Migration20261124000001Initial } from './migrations/Migration20261124000001Initial';
import { Migration20261127000020StaffingOperations } from './migrations/Migration20261127000020StaffingOperations';
import { Site } from './references/site.stub';
import { SiteStaffingResolver } from './references/site.resolver';
import { StaffingReportsResolver } from './reports/reports.resolver';
import { Shift } from './shifts/shift.entity';
import { ShiftResolver } from './shifts/shift.resolver';
import { Competency } from './staff/competency.entity';
import { License } from './staff/license.entity';
import { StaffMember } from './staff/staff-member.entity';
import { StaffMemberResolver } from './staff/staff-member.resolver';
import { SupervisionCoverage } from './supervision/supervision-coverage.entity';
import { SupervisionCoverageResolver } from './supervision/supervision-coverage.resolver';
import { TimeOff } from './time-off/time-off.entity';
import { TimeOffResolver } from './time-off/time-off.resolver';

/**
 * Staffing: staff members with their licences and competencies, shifts at sites, time off and
 * supervising providers' cover; rosters, qualified staff, coverage, labour cost and attention.
 */
export const staffing: SubgraphDefinition = {
  name: 'staffing',
  database: {
    schema: 'staffing',
    // StaffMember first: seeding is skipped when the first entity's table has rows.
    entities: [StaffMember, License, Competency, Shift, TimeOff, SupervisionCoverage],
    migrations: [
      { name: 'Migration20261124000001Initial', class: Migration20261124000001Initial },
      { name: 'Migration20261127000020StaffingOperations', class: Migration20261127000020StaffingOperations },
    ],
  },
  access: { read: 'staffing:read', write: 'staffing:write' },
  // Publishes ShiftChanged; consumes nothing yet.
  events: subgraphEvents({ subgraph: 'staffing' }),
  schema: {
    resolvers: [StaffMemberResolver, ShiftResolver, TimeOffResolver, SupervisionCoverageResolver, SiteStaffingResolver, StaffingReportsResolver],
    references: {
      StaffMember: loadReference(StaffMember),
      License: loadReference(License),
      Competency: loadReference(Competency),
      Shift: loadReference(Shift),
      TimeOff: loadReference(TimeOff),
      SupervisionCoverage: loadReference(SupervisionCoverage),
      Site: stubReference(Site),
    },
  },
};
