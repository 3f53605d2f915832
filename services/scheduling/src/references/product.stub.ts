import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A drug or supply in the catalogue, owned by the inventory subgraph; scheduling knows only its key. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Product {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}
