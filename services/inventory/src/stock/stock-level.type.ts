import { Field, Int, ObjectType } from 'type-graphql';
import { ParLevel } from './par-level.entity';

/** Stock of one product at one site on one day; computed from lots and par levels, never stored. */
@ObjectType({ description: 'Stock of one product at a site, against its par level.' })
export class StockLevel {
  /** Resolved to `product` by the resolver (batched). */
  productId!: string;

  @Field(() => Int, { description: 'Packages on hand in lots not yet expired.' })
  quantityOnHand!: number;

  @Field(() => Int, { description: 'Packages still on hand in expired lots (to be pulled, never given).' })
  quantityExpired!: number;

  @Field(() => ParLevel, { nullable: true, description: 'The site’s par level for the product (minimum and target), if it keeps one.' })
  parLevel!: ParLevel | null;

  @Field({ description: 'True when packages on hand are below the par minimum.' })
  belowPar!: boolean;

  @Field(() => Int, { description: 'Packages to order to get back to the par target; 0 when not below par.' })
  reorderQuantity!: number;
}
