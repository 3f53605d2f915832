import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A patient, owned by the scheduling subgraph; billing adds coverages and prior authorizations. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Patient {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}
