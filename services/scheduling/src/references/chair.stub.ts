import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A treatment chair, owned by the facilities subgraph; scheduling knows only its key and adds the chair’s bookings (`appointments`). */
@Directive('@key(fields: "id")')
@ObjectType()
export class Chair {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}
