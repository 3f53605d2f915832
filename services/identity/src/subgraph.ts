import { EventDelivery, EventDeliveryResolver, subgraphEvents } from '@infusion/events';
import { loadReference, type SubgraphDefinition } from '@infusion/subgraph-kit';
import { ApiKey } from './api-keys/api-key.entity';
import { ApiKeyResolver } from './api-keys/api-key.resolver';
import { AuditEvent } from './audit/audit-event.entity';
import { AuditEventResolver } from './audit/audit-event.resolver';
import { authenticateRoute } from './authenticate.route';
import { Migration20261124000001Initial } from './migrations/Migration20261124000001Initial';
import { Migration20261126000001GrantsAndSignInThrottle } from './migrations/Migration20261126000001GrantsAndSignInThrottle';
import { Client } from './references/client.stub';
import { OpsUser } from './users/ops-user.entity';
import { OpsUserResolver } from './users/ops-user.resolver';
import { Session } from './users/session.entity';

/** Identity: ops users and their sessions, client API keys, and reading the audit trail. */
export const identity: SubgraphDefinition = {
  name: 'identity',
  database: {
    schema: 'identity',
    entities: [OpsUser, Session, ApiKey, AuditEvent, EventDelivery],
    migrations: [
      { name: 'Migration20261124000001Initial', class: Migration20261124000001Initial },
      { name: 'Migration20261126000001GrantsAndSignInThrottle', class: Migration20261126000001GrantsAndSignInThrottle },
    ],
  },
  access: { read: 'identity:admin', write: 'identity:admin' },
  // Admins' view of events between subgraphs (failedEvents, replayFailedEvent): the queue is one
  // set of tables, so one subgraph answers for every consumer. Payloads may carry patient data.
  auditedReads: [EventDelivery],
  events: subgraphEvents({ subgraph: 'identity' }),
  schema: {
    resolvers: [OpsUserResolver, ApiKeyResolver, AuditEventResolver, EventDeliveryResolver],
    orphanedTypes: [Client],
    references: { OpsUser: loadReference(OpsUser), ApiKey: loadReference(ApiKey) },
  },
  routes: authenticateRoute,
};
