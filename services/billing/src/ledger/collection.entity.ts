import { Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { FEES_READ } from '../contracts/management-contract.entity';

export const COLLECTION_SOURCES = ['MANUAL', 'CSV_IMPORT', 'REMITTANCE'] as const;
export type CollectionSource = (typeof COLLECTION_SOURCES)[number];
export const CollectionSourceEnum = graphqlEnum(COLLECTION_SOURCES, 'CollectionSource', 'How a collection reached the ledger: posted by hand, imported from a CSV file, or from a payer’s remittance.');

/** Money a client's site received, in billing's collections ledger (what percentage fees are taken of). */
@Directive('@key(fields: "id")')
@Directive(FEES_READ)
@ObjectType({ description: 'A payment a client’s site received, as counted toward percentage-of-collections fees.' })
@Entity({ tableName: 'collection' })
export class Collection extends TenantEntity<'reference' | 'importId'> {
  @Field(() => ID, { description: 'The site that received it.' })
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => LocalDate, { description: 'The day it was received.' })
  @Property({ type: 'date' })
  receivedOn!: string;

  @Property({ type: 'decimal', precision: 14, scale: 2 })
  amount!: string;

  @Field(() => CollectionSourceEnum, { description: 'How it reached the ledger.' })
  @Property({ type: 'string' })
  source!: CollectionSource;

  @Field(() => String, { nullable: true, description: 'The payer’s or bank’s reference, e.g. a check or EFT trace number.' })
  @Property({ type: 'text', nullable: true })
  reference: string | null = null;

  @Field(() => ID, { nullable: true, description: 'The CSV import it came from; null otherwise.' })
  @Property({ type: 'uuid', nullable: true })
  importId: string | null = null;
}
