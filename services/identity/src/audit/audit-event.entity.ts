import { ArrayType, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * One entry of the audit trail (audit.audit_event). Every subgraph appends to it in the same
 * transaction as the change it records (packages/subgraph-kit/src/audit.ts); this subgraph only
 * reads it. Read-only here, append-only in the database.
 */
@ObjectType({ description: 'Who did what to which records, when and from where.' })
@Entity({ schema: 'audit', tableName: 'audit_event', readonly: true })
export class AuditEvent {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field({ description: 'When it happened (UTC).' })
  @Property({ type: 'datetime' })
  occurredAt!: Date;

  @Field({ description: 'Subgraph that recorded it.' })
  @Property()
  service!: string;

  @Field(() => String, { nullable: true, description: 'Request id shared by every subgraph call of one operation.' })
  @Property({ type: 'string', nullable: true })
  requestId!: string | null;

  @Field({ description: 'OPS_USER, API_KEY or ANONYMOUS.' })
  @Property()
  actorKind!: string;

  @Field(() => String, { nullable: true, description: 'Id of the ops user or API key.' })
  @Property({ type: 'string', nullable: true })
  actorId!: string | null;

  @Field(() => String, { nullable: true, description: 'Email of the ops user or name of the API key.' })
  @Property({ type: 'string', nullable: true })
  actorName!: string | null;

  @Field(() => ID, { nullable: true, description: 'Client whose data it concerns.' })
  @Property({ type: 'uuid', nullable: true })
  clientId!: string | null;

  @Field({ description: 'MUTATION or READ (reads of patient data).' })
  @Property()
  action!: string;

  @Field({ description: 'The GraphQL field, e.g. bookAppointment or Query.patient.' })
  @Property()
  operation!: string;

  @Field(() => String, { nullable: true, description: 'Type of the records, e.g. Appointment.' })
  @Property({ type: 'string', nullable: true })
  entityType!: string | null;

  @Field(() => [String], { description: 'Ids of the records.' })
  @Property({ type: ArrayType })
  entityIds!: string[];

  @Field(() => String, { nullable: true, description: 'Caller’s network address.' })
  @Property({ type: 'string', nullable: true })
  remoteAddress!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was refused, for recorded refusals (failed sign-ins: UNKNOWN_ACCOUNT, WRONG_PASSWORD, INACTIVE_ACCOUNT, THROTTLED_…); null for what happened.' })
  @Property({ type: 'string', nullable: true })
  reason!: string | null;
}

