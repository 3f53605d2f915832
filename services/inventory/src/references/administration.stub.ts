import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A recorded drug administration, owned by the scheduling subgraph; it causes dispense movements. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Administration {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}
