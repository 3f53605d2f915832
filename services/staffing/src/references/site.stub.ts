import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** An infusion site, owned by the facilities subgraph; staffing adds its roster (`staff`) and `shifts`. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Site {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}
