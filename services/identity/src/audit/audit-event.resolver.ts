import { ConnectionType, MaxText, PageArgs, RequiresScopes, badInput, operand, paginate, whereEquals, type RequestContext } from '@infusion/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Args, ArgsType, Ctx, Field, ID, Query, Resolver } from 'type-graphql';
import { AuditEvent } from './audit-event.entity';

const AuditEventConnection = ConnectionType(AuditEvent, 'AuditEvent');

@ArgsType()
class AuditFilter extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only events about this client.' })
  clientId?: string | null;

  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'Only events by this ops user or API key id.' })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'MUTATION or READ.' })
  action?: string | null;

  @MaxText('code')
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
    const { clientId, actorId, action, entityType } = filter;
    const where: FilterQuery<AuditEvent>[] = [whereEquals<AuditEvent>({ clientId, actorId, action, entityType })];
    if (filter.entityId) where.push({ entityIds: { $contains: [operand(filter.entityId, 'entityId')] } });
    if (filter.from) where.push({ occurredAt: { $gte: operand(filter.from, 'from') } });
    if (filter.to) where.push({ occurredAt: { $lt: operand(filter.to, 'to') } });
    return paginate(em, AuditEvent, { $and: where }, filter, 'occurredAt');
  }
}
