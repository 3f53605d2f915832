import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A client organisation, owned by the facilities subgraph; billing adds its management contracts. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Client {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}
