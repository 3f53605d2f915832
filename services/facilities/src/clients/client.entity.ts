import { Entity, Property } from '@mikro-orm/core';
import { CLIENT_KINDS, type ClientKind } from '@infusion/domain-codes';
import { BaseEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { CLIENT_STATUSES, type ClientStatus } from './client.rules';

export const ClientKindEnum = graphqlEnum(CLIENT_KINDS, 'ClientKind', 'What kind of organisation the client is.');
export const ClientStatusEnum = graphqlEnum(
  CLIENT_STATUSES,
  'ClientStatus',
  'Where a client stands with the operator: ONBOARDING → ACTIVE → OFFBOARDING → ENDED (offboarding may return to ACTIVE; ENDED is final).',
);

/** A client of the management company: a physician practice, NP-led clinic or hospital. The tenant root. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A client organisation whose infusion centers the operator runs.' })
@Entity({ tableName: 'client' })
export class Client extends BaseEntity<'taxId' | 'npi' | 'status' | 'version'> {
  @Field({ description: 'Trading name, unique among clients.' })
  @Property()
  name!: string;

  @Field({ description: 'Legal name as registered (on contracts and claims).' })
  @Property()
  legalName!: string;

  @Field(() => ClientKindEnum, { description: 'Physician practice, nurse-practitioner-led clinic or hospital.' })
  @Property({ type: 'string' })
  kind!: ClientKind;

  @Field({ description: 'Main clinical specialty, e.g. Oncology.' })
  @Property()
  specialty!: string;

  @Field({ description: 'Two-letter US state of the client’s headquarters.' })
  @Property({ length: 2 })
  state!: string;

  @Field(() => String, { nullable: true, description: 'Federal tax id (EIN), NN-NNNNNNN.' })
  @Property({ type: 'string', nullable: true })
  taxId: string | null = null;

  @Field(() => String, { nullable: true, description: 'Organisation NPI (type 2), ten digits with a valid check digit.' })
  @Property({ type: 'string', nullable: true })
  npi: string | null = null;

  @Field(() => ClientStatusEnum, { description: 'Where the client stands with the operator.' })
  @Property({ type: 'string' })
  status: ClientStatus = 'ONBOARDING';

  // Optimistic lock: a change made from a stale copy fails instead of silently overwriting.
  @Field(() => Int, { description: 'Revision of the record; increases with every change.' })
  @Property({ version: true })
  version!: number;
}
