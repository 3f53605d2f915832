import { LocalDate, MaxText } from '@infusion/subgraph-kit';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Whole days off for a staff member, in the local time of their home site.' })
export class NewTimeOffInput {
  @Field(() => ID, { description: 'Staff member who is off.' })
  staffMemberId!: string;

  @Field(() => LocalDate, { description: 'First day off.' })
  firstDay!: string;

  @Field(() => LocalDate, { description: 'Last day off (inclusive); at most 366 days after the first.' })
  lastDay!: string;

  @MaxText('freeText')
  @Field(() => String, { nullable: true, description: 'Why (at most 500 characters), e.g. "annual leave".' })
  reason?: string | null;
}
