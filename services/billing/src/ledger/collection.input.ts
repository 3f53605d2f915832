import { LocalDate, MaxText } from '@infusion/subgraph-kit';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A payment a site received.' })
export class PostCollectionInput {
  @Field(() => ID, { description: 'The site that received it (the client is the site’s).' })
  siteId!: string;

  @Field(() => LocalDate, { description: 'The day it was received; not in the future.' })
  receivedOn!: string;

  @MaxText('code')
  @Field({ description: 'Amount received as a decimal string, e.g. "1250.00"; above zero.' })
  amount!: string;

  @MaxText('name')
  @Field(() => String, { nullable: true, description: 'The payer’s or bank’s reference.' })
  reference?: string | null;
}
