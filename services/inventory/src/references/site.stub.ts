import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** An infusion site, owned by the facilities subgraph; inventory adds its stock levels. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Site {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}
