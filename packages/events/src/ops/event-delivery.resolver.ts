import { ConnectionType, PageArgs, badInput, paginate, type RequestContext } from '@infusion/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { DeliveryState } from '../database';
import { DeliveryStateEnum, EventDelivery } from './event-delivery.entity';
import { FAILED_STATES, replayDelivery } from './replay';

const EventDeliveryConnection = ConnectionType(EventDelivery, 'EventDelivery');

@ArgsType()
class FailedEventsFilter extends PageArgs {
  @Field(() => DeliveryStateEnum, { nullable: true, description: 'Only RETRYING, WAITING or DEAD deliveries (default: all three).' })
  state?: DeliveryState | null;

  @Field(() => String, { nullable: true, description: 'Only deliveries to this subgraph, e.g. scheduling.' })
  consumer?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only events of this client.' })
  clientId?: string | null;
}

/** The ops view of events between subgraphs: what is failing, and replaying it after a fix. */
@Resolver(() => EventDelivery)
export class EventDeliveryResolver {
  @Query(() => EventDeliveryConnection, {
    description: 'Event deliveries that failed, oldest first: retrying, waiting behind an earlier failure of their aggregate, or dead-lettered (replay those once the cause is fixed).',
  })
  failedEvents(@Args() filter: FailedEventsFilter, @Ctx() { em }: RequestContext) {
    if (filter.state && !FAILED_STATES.includes(filter.state)) throw badInput(`state must be one of ${FAILED_STATES.join(', ')}`, { argument: 'state' });
    const where: FilterQuery<EventDelivery> = { state: filter.state ? filter.state : { $in: [...FAILED_STATES] } };
    if (filter.consumer) where.consumer = filter.consumer;
    if (filter.clientId) where.clientId = filter.clientId;
    return paginate(em, EventDelivery, where, filter, 'publishedAt');
  }

  @Mutation(() => EventDelivery, {
    description: 'Delivers a dead-lettered event again, with fresh attempts, once its cause is fixed; later events of its aggregate that were held behind it follow in order. CONFLICT unless it is DEAD.',
  })
  replayFailedEvent(@Arg('id', () => ID, { description: 'The delivery to replay (EventDelivery.id).' }) id: string, @Ctx() ctx: RequestContext): Promise<EventDelivery> {
    return replayDelivery(ctx, id);
  }
}
