import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A client organisation, owned by the facilities subgraph. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Client {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}
