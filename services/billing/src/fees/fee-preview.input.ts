import { InRange, MaxText } from '@infusion/subgraph-kit';
import { ArgsType, Field, Int } from 'type-graphql';

/**
 * A month's activity to price. The bounds are far beyond any client (a busy center gives a few
 * thousand treatments a month) and keep the arithmetic and the answer's Int fields in range.
 */
@ArgsType()
export class FeePreviewArgs {
  @InRange(0, 1_000_000)
  @Field(() => Int, { description: 'Treatments in the month.' })
  treatments!: number;

  @InRange(0, 10_000)
  @Field(() => Int, { description: 'Sites of the client active in the month.' })
  activeSites!: number;

  // A decimal with two places; the fee rules refuse any other shape, the length bounds the work.
  @MaxText('code')
  @Field(() => String, { nullable: true, description: 'Collections in the month as a decimal string, e.g. "1234567.89"; needed for percent-of-collections schedules.' })
  collections?: string | null;

  @InRange(0, 100_000)
  @Field(() => Int, { nullable: true, description: 'Chairs in service in the month (FLAT_PER_CHAIR); none when left out.' })
  chairs?: number | null;
}
