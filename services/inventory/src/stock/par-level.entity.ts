import { Entity, Property } from '@mikro-orm/core';
import { TenantEntity } from '@infusion/subgraph-kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** How much of a product a site keeps: reorder when on-hand stock falls below the minimum, up to the target. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'The par level of a product at a site: the reorder point and the stock to order up to, in packages.' })
@Entity({ tableName: 'par_level' })
export class ParLevel extends TenantEntity {
  @Field(() => ID, { description: 'Site the par level applies to.' })
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => ID, { description: 'Catalogue product the par level applies to.' })
  @Property({ type: 'uuid' })
  productId!: string;

  @Field(() => Int, { description: 'Reorder point: stock below this many packages is below par.' })
  @Property()
  minimum!: number;

  @Field(() => Int, { description: 'Packages to order up to when restocking; at least the minimum.' })
  @Property()
  target!: number;
}
