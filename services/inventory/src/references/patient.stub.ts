import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A patient, owned by the scheduling subgraph; a white-bagged lot names the one it is for. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Patient {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}
