import { MaxText, PageArgs } from '@infusion/subgraph-kit';
import { ArgsType, Field, ID } from 'type-graphql';

@ArgsType()
export class PatientFilter extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only this client’s patients.' })
  clientId?: string | null;

  @MaxText('search')
  @Field(() => String, { nullable: true, description: 'Part of the first name, family name or MRN (case-insensitive).' })
  search?: string | null;
}
