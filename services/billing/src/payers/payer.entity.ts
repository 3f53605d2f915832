import { Entity, Property } from '@mikro-orm/core';
import { BaseEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, ObjectType } from 'type-graphql';

export const PAYER_KINDS = ['MEDICARE', 'MEDICAID', 'COMMERCIAL'] as const;
export type PayerKind = (typeof PAYER_KINDS)[number];
export const PayerKindEnum = graphqlEnum(PAYER_KINDS, 'PayerKind', 'Medicare (pays 80% of the allowed amount), Medicaid, or a commercial health plan.');

/** A payer is shared by every client (one catalogue for the operator), so it carries no client column. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A health plan or government programme that pays infusion claims.' })
@Entity({ tableName: 'payer' })
export class Payer extends BaseEntity {
  @Field({ description: 'Payer name, e.g. Medicare Part B.' })
  @Property()
  name!: string;

  @Field(() => PayerKindEnum, { description: 'Medicare, Medicaid or commercial.' })
  @Property({ type: 'string' })
  kind!: PayerKind;

  @Field({ description: 'Short code identifying the payer on claims and remittances, unique.' })
  @Property()
  payerCode!: string;
}
