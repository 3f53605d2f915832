import { LocalDate, Money, graphqlEnum } from '@infusion/subgraph-kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { TherapyClassEnum } from '../contracts/fee-tier.entity';
import { FEE_LINE_KINDS, type FeeLineKind, type TherapyClass } from './fee.rules';

export const FeeLineKindEnum = graphqlEnum(FEE_LINE_KINDS, 'FeeLineKind', 'What a fee line prices: a graduated or volume tier, a percentage of collections (or the raise to its floor), sites or chairs at a flat fee, a share of the fixed annual fee, the raise to the minimum / cut to the cap, or an ADJUSTMENT for late activity of an already invoiced period.');

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

  @Field(() => Int, { nullable: true, description: 'Sites (FLAT_PER_SITE) or chairs (FLAT_PER_CHAIR) priced on this line.' })
  sites!: number | null;

  @Field(() => TherapyClassEnum, { nullable: true, description: 'The therapy class a class-specific tier line counted; null otherwise.' })
  therapyClass!: TherapyClass | null;

  @Field(() => ID, { nullable: true, description: 'The site a per-site tier line counted; null otherwise.' })
  siteId!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'First day the line prices (a month, or the part of it one schedule version was in force); null for a month preview.' })
  from!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Last day the line prices; null for a month preview.' })
  to!: string | null;

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
