import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A lot of a drug drawn from at an administration, owned by the inventory subgraph; scheduling knows only its key. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Lot {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}
