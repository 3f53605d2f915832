import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DELIVERY_STATES, type DeliveryState } from '../database';
import type { EventCause } from '../event';

export const DeliveryStateEnum = Object.fromEntries(DELIVERY_STATES.map((s) => [s, s])) as { [S in DeliveryState]: S };
registerEnumType(DeliveryStateEnum, {
  name: 'EventDeliveryState',
  description:
    'PENDING: queued. RETRYING: failed, tried again after a backoff. WAITING: held behind an earlier event of the same aggregate. DEAD: kept failing; replay it once the cause is fixed. HANDLED: done.',
});

/**
 * One event on its way to one consuming subgraph (`events.delivery`), as ops see it. Mounted by
 * the subgraph that hosts the ops view of events; the queue's tables are shared, so one place
 * answers for every consumer.
 */
@ObjectType({ description: 'One event on its way to one consuming subgraph: what it says, and how its delivery is going.' })
@Entity({ schema: 'events', tableName: 'delivery', readonly: true })
export class EventDelivery {
  @Field(() => ID, { description: 'This delivery (one event to one consumer); replay takes it.' })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => ID, { description: 'The client the event belongs to.' })
  @Property({ type: 'uuid' })
  clientId!: string;

  @Field(() => ID, { description: 'The event, the same for every consumer’s copy.' })
  @Property({ type: 'uuid' })
  eventId!: string;

  @Field({ description: 'The event, e.g. ChairRetired.' })
  @Property()
  eventName!: string;

  @Field(() => Int, { description: 'Version of the event’s payload.' })
  @Property()
  eventVersion!: number;

  @Field({ description: 'The subgraph it is delivered to.' })
  @Property()
  consumer!: string;

  @Field({ description: 'Type of the entity the event is about, e.g. Chair.' })
  @Property()
  aggregateType!: string;

  @Field({ description: 'Id of the entity the event is about; its events are handled in order.' })
  @Property()
  aggregateId!: string;

  @Property({ type: 'json' })
  payload!: unknown;

  @Property({ type: 'json' })
  causedBy!: EventCause;

  @Field(() => String, { name: 'payload', description: 'The event’s payload, as JSON.' })
  get payloadJson(): string {
    return JSON.stringify(this.payload);
  }

  @Field(() => String, { description: 'Who caused the event: OPS_USER or API_KEY.' })
  get causedByKind(): string {
    return this.causedBy.kind;
  }

  @Field(() => String, { description: 'Id of the ops user or API key that caused the event.' })
  get causedById(): string {
    return this.causedBy.id;
  }

  @Field(() => String, { description: 'The request that made the change (as in the audit trail).' })
  get requestId(): string {
    return this.causedBy.requestId;
  }

  @Field({ description: 'When the change was made (UTC).' })
  @Property({ type: 'datetime' })
  publishedAt!: Date;

  @Field(() => DeliveryStateEnum, { description: 'Where the delivery stands.' })
  @Property({ type: 'string' })
  state!: DeliveryState;

  @Field(() => Int, { description: 'Delivery attempts so far.' })
  @Property()
  attempts!: number;

  @Field(() => Int, { description: 'Attempts before the delivery is dead-lettered.' })
  @Property()
  maxAttempts!: number;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed (error kind and message; for database errors only the SQLSTATE and constraint).' })
  @Property({ type: 'text', nullable: true })
  lastError!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was last attempted (UTC).' })
  @Property({ type: 'datetime', nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The earlier delivery of the same aggregate this one waits for.' })
  @Property({ type: 'uuid', nullable: true })
  blockedBy!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was handled (UTC).' })
  @Property({ type: 'datetime', nullable: true })
  handledAt!: Date | null;
}
