import { Entity, Property } from '@mikro-orm/core';
import { CLIENT_KINDS, type ClientKind } from '@infusion/domain-codes';
import { BaseEntity } from '@infusion/subgraph-kit';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';

export const ClientKindEnum = Object.fromEntries(CLIENT_KINDS.map((k) => [k, k])) as { [K in ClientKind]: K };
registerEnumType(ClientKindEnum, { name: 'ClientKind', description: 'What kind of organisation the client is.' });

/** A client of the management company: a physician practice, NP-led clinic or hospital. The tenant root. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A client organisation whose infusion centers the operator runs.' })
@Entity({ tableName: 'client' })
export class Client extends BaseEntity {
  @Field({ description: 'Legal or trading name.' })
  @Property()
  name!: string;

  @Field(() => ClientKindEnum, { description: 'Physician practice, nurse-practitioner-led clinic or hospital.' })
  @Property({ type: 'string' })
  kind!: ClientKind;

  @Field({ description: 'Main clinical specialty, e.g. Oncology.' })
  @Property()
  specialty!: string;

  @Field({ description: 'Two-letter US state of the client’s headquarters.' })
  @Property({ length: 2 })
  state!: string;

  @Field(() => String, { nullable: true, description: 'Federal tax id (EIN).' })
  @Property({ type: 'string', nullable: true })
  taxId: string | null = null;
}
