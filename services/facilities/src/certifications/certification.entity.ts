import { Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity } from '@infusion/subgraph-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A certification a site holds, e.g. a USP 797 compounding area or an accreditation. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A certification or accreditation held by a site.' })
@Entity({ tableName: 'certification' })
export class Certification extends TenantEntity {
  @Field(() => ID, { description: 'Site that holds it.' })
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field({ description: 'Kind, e.g. USP_797_SEGREGATED_COMPOUNDING_AREA.' })
  @Property()
  kind!: string;

  @Field({ description: 'Who issued it.' })
  @Property()
  issuer!: string;

  @Field(() => LocalDate, { description: 'Date issued.' })
  @Property({ type: 'date' })
  issuedOn!: string;

  @Field(() => LocalDate, { description: 'Date it expires.' })
  @Property({ type: 'date' })
  expiresOn!: string;
}
