import { Entity, Property } from '@mikro-orm/core';
import { TenantEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

export const STOCK_MOVEMENT_KINDS = ['RECEIPT', 'DISPENSE', 'WASTE', 'ADJUSTMENT', 'TRANSFER'] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];
export const StockMovementKindEnum = graphqlEnum(STOCK_MOVEMENT_KINDS, 'StockMovementKind', 'Why stock changed: RECEIPT (in), DISPENSE (opened for an administration), WASTE (discarded unopened, e.g. expired or broken), ADJUSTMENT (count correction), TRANSFER (to or from another site).');

/** One entry of a lot's stock ledger: the lot's on-hand quantity is the sum of its movements. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A change to the stock of a lot, in packages: positive in, negative out.' })
@Entity({ tableName: 'stock_movement' })
export class StockMovement extends TenantEntity<'administrationId' | 'note'> {
  /** Copied from the lot (the foreign key keeps them equal) so site-limited access covers the ledger too. */
  @Field(() => ID, { description: 'Site of the lot.' })
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => ID, { description: 'Lot whose stock changed.' })
  @Property({ type: 'uuid' })
  lotId!: string;

  @Field(() => StockMovementKindEnum, { description: 'Why the stock changed.' })
  @Property({ type: 'string' })
  kind!: StockMovementKind;

  @Field(() => Int, { description: 'Packages: positive in, negative out; never zero.' })
  @Property()
  quantity!: number;

  @Field({ description: 'When the stock changed (UTC).' })
  @Property({ type: 'datetime' })
  occurredAt!: Date;

  @Field(() => ID, {
    nullable: true,
    description: 'The administration (scheduling) that caused a dispense; one movement per administration, lot and kind, so replaying it changes nothing.',
  })
  @Property({ type: 'uuid', nullable: true })
  administrationId: string | null = null;

  @Field(() => String, { nullable: true, description: 'Free-text reason, e.g. for an adjustment.' })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;
}
