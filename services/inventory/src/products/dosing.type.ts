import { graphqlEnum } from '@infusion/subgraph-kit';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { Dosing as DosingResult, WasteModifier } from './dosing.rules';

export const WasteModifierEnum = graphqlEnum(
  ['JW', 'JZ'],
  'WasteModifier',
  'HCPCS modifier on a single-dose drug line: JW (discarded amount billed on its own line) or JZ (no billable waste).',
);

/** The billing arithmetic of one dose; computed, never stored. */
@ObjectType({ description: 'Vials to open, HCPCS billing units and waste for one dose of a product.' })
export class Dosing {
  @Field(() => Int, { description: 'Packages (vials, bags, syringes) to open: the smallest count that covers the dose.' })
  vialsOpened!: number;

  @Field(() => Int, { nullable: true, description: 'HCPCS units billed for the amount given (rounded up); null when the product has no HCPCS code.' })
  billingUnits!: number | null;

  @Field(() => Float, { description: 'Amount opened but discarded, in the product’s dose unit; 0 for multi-dose containers.' })
  wasteAmount!: number;

  @Field(() => Int, { nullable: true, description: 'HCPCS units billed with JW for the discarded amount; 0 when under one billing unit; null without a HCPCS code.' })
  wasteUnits!: number | null;

  @Field(() => WasteModifierEnum, { nullable: true, description: 'JW or JZ for single-dose containers; null for multi-dose containers and supplies.' })
  modifier!: WasteModifier | null;

  @Field({ description: 'True when the units billed (given plus discarded) exceed the product’s medically unlikely edit for one day.' })
  exceedsMaxUnitsPerDay!: boolean;

  static of(result: DosingResult): Dosing {
    return Object.assign(new Dosing(), result);
  }
}
