import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * An infusion site, owned by the facilities subgraph. Billing only points at it (the site of care
 * a prior authorization approves) and adds no fields, so the gateway never routes Site to billing.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Site {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}
