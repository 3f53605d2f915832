import { ConnectionType, PageArgs, RequiresScopes, badInput, paginate, type RequestContext } from '@infusion/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Args, ArgsType, Ctx, Field, ID, Query, Resolver } from 'type-graphql';
import { AuditEvent } from './audit-event.entity';

const AuditEventConnection = ConnectionType(AuditEvent, 'AuditEvent');

@ArgsType()
class AuditFilter extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only events about this client.' })
  clientId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only events by this ops user or API key id.' })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'MUTATION or READ.' })
  action?: string | null;

  @Field(() => String, { nullable: true, description: 'Only events about this type, e.g. Appointment.' })
  entityType?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only events that name this record.' })
  entityId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Events at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Events before this time.' })
  to?: Date | null;
}

@Resolver(() => AuditEvent)
export class AuditEventResolver {
  @RequiresScopes('audit:read')
  @Query(() => AuditEventConnection, { description: 'The audit trail, oldest first within the filter.' })
  auditEvents(@Args() filter: AuditFilter, @Ctx() { em }: RequestContext) {
    if (filter.action && !['MUTATION', 'READ'].includes(filter.action)) throw badInput('action must be MUTATION or READ', { argument: 'action' });
    const where: FilterQuery<AuditEvent>[] = [];
    if (filter.clientId) where.push({ clientId: filter.clientId });
    if (filter.actorId) where.push({ actorId: filter.actorId });
    if (filter.action) where.push({ action: filter.action });
    if (filter.entityType) where.push({ entityType: filter.entityType });
    if (filter.entityId) where.push({ entityIds: { $contains: [filter.entityId] } });
    if (filter.from) where.push({ occurredAt: { $gte: filter.from } });
    if (filter.to) where.push({ occurredAt: { $lt: filter.to } });
    return paginate(em, AuditEvent, where.length ? { $and: where } : {}, filter, 'occurredAt');
  }
}
