import { Money } from '@infusion/subgraph-kit';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FEE_LINE_KINDS, type FeeLineKind } from './fee.rules';

export const FeeLineKindEnum = Object.fromEntries(FEE_LINE_KINDS.map((k) => [k, k])) as { [K in FeeLineKind]: K };
registerEnumType(FeeLineKindEnum, {
  name: 'FeeLineKind',
  description: 'What a fee line prices: a graduated or volume tier, a percentage of collections, sites at a flat fee, or the raise to the minimum / cut to the cap.',
});

@ObjectType({ description: 'One line of a monthly management fee, so the amount can be audited down to what it counted.' })
export class FeeLine {
  @Field(() => FeeLineKindEnum, { description: 'What the line prices.' })
  kind!: FeeLineKind;

  @Field({ description: 'Plain-language explanation, e.g. "Treatments 1–200 at 85.00 each (tier 1–200)".' })
  description!: string;

  @Field(() => Int, { nullable: true, description: 'First treatment of the tier priced (tier lines only).' })
  fromTreatments!: number | null;

  @Field(() => Int, { nullable: true, description: 'Last treatment of the tier priced; null for an open-ended tier or a non-tier line.' })
  toTreatments!: number | null;

  @Field(() => Int, { nullable: true, description: 'Treatments priced on this line (tier lines only).' })
  treatments!: number | null;

  @Field(() => Int, { nullable: true, description: 'Active sites priced on this line (FLAT_PER_SITE only).' })
  sites!: number | null;

  @Field(() => Money, { nullable: true, description: 'Collections the percentage is taken of (PERCENT_OF_COLLECTIONS only).' })
  collections!: Money | null;

  @Field({
    description:
      'Rate as a decimal string: per treatment or per site, a percentage for PERCENT_OF_COLLECTIONS, the floor or ceiling for MONTHLY_MINIMUM / MONTHLY_CAP.',
  })
  rate!: string;

  @Field(() => Money, { description: 'Amount of the line; negative for a cut to the monthly cap.' })
  amount!: Money;
}

@ObjectType({ description: 'The monthly management fee a schedule gives for a month’s activity, with its lines.' })
export class FeePreview {
  @Field(() => Money, { description: 'Fee for the month: the sum of the lines.' })
  amount!: Money;

  @Field(() => [FeeLine], { description: 'The lines the amount is built from, in order of application.' })
  lines!: FeeLine[];
}
