import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** An infusion site, owned by the facilities subgraph; scheduling knows only its key and adds its day board (`appointments`). */
@Directive('@key(fields: "id")')
@ObjectType()
export class Site {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}
