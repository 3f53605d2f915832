import type { DoseBasis, IndicationFamily, LineKind } from '@infusion/domain-codes';
import { InRange, LocalDate, MaxItems, MaxText } from '@infusion/subgraph-kit';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { DoseBasisEnum, IndicationFamilyEnum, LineKindEnum } from './order.entity';

@InputType({ description: 'A provider outside the client who referred the patient.' })
export class ReferringProviderInput {
  @MaxText('name')
  @Field({ description: 'Provider’s name as on the referral.' })
  name!: string;

  @MaxText('code')
  @Field({ description: 'National Provider Identifier: 10 digits, the last a Luhn check digit.' })
  npi!: string;
}

/**
 * A referral turned into an order. `regimen` names a standard therapy plan whose schedule, dose and
 * chair time are the defaults; every field given overrides its default.
 */
@InputType({ description: 'A therapy order (referral) for a patient; unspecified plan fields come from the named regimen.' })
export class CreateOrderInput {
  @Field(() => ID, { description: 'Patient the order is for; the order belongs to the patient’s client and home site.' })
  patientId!: string;

  @Field(() => ID, { description: 'Drug ordered (a Product of the inventory subgraph).' })
  productId!: string;

  @Field(() => ID, { nullable: true, description: 'Prescribing provider on the client’s staff (physician, NP or PA).' })
  prescriberId?: string | null;

  @Field(() => ReferringProviderInput, { nullable: true, description: 'External referring provider, when the prescriber is not on staff.' })
  referringProvider?: ReferringProviderInput | null;

  @MaxText('code')
  @Field({ description: 'Standard therapy plan, e.g. "infliximabCrohn" (see `therapyRegimens`).' })
  regimen!: string;

  @MaxText('code')
  @Field({ description: 'ICD-10-CM diagnosis code, e.g. "K50.90".' })
  diagnosisCode!: string;

  @MaxText('name')
  @Field({ description: 'Indication in words, e.g. "Crohn’s disease".' })
  indication!: string;

  @Field(() => IndicationFamilyEnum, { nullable: true, description: 'Oncology or not; the regimen’s when omitted.' })
  indicationFamily?: IndicationFamily | null;

  @Field(() => LineKindEnum, { nullable: true, description: 'Administration family of the drug line; the regimen’s when omitted.' })
  lineKind?: LineKind | null;

  @Field(() => DoseBasisEnum, { nullable: true, description: 'Fixed or per kilogram; the regimen’s when omitted.' })
  doseBasis?: DoseBasis | null;

  @InRange(0.001, 500_000)
  @Field(() => Float, { nullable: true, description: 'Dose in mg (or mg/kg when weight-based); the regimen’s when omitted.' })
  dose?: number | null;

  @InRange(0.001, 500_000)
  @Field(() => Float, { nullable: true, description: 'A different fixed dose for the induction doses, in mg.' })
  inductionDose?: number | null;

  @MaxItems(20)
  @Field(() => [Int], { nullable: true, description: 'Induction doses as days after the first (e.g. [0, 14, 42]); [] for none.' })
  inductionDays?: number[] | null;

  @InRange(0, 3660)
  @Field(() => Int, { nullable: true, description: 'Days after the first dose when maintenance starts.' })
  firstMaintenanceDay?: number | null;

  @InRange(1, 104)
  @Field(() => Int, { nullable: true, description: 'Weeks between maintenance doses.' })
  maintenanceIntervalWeeks?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'True for an induction-only course (no maintenance), overriding the regimen.' })
  noMaintenance?: boolean | null;

  @InRange(0, 60)
  @Field(() => Int, { nullable: true, description: 'Days before or after its due date an induction dose may be given.' })
  inductionWindowDays?: number | null;

  @InRange(0, 60)
  @Field(() => Int, { nullable: true, description: 'Days before or after its due date a maintenance dose may be given.' })
  maintenanceWindowDays?: number | null;

  @InRange(1, 200)
  @Field(() => Int, { nullable: true, description: 'Number of doses the order covers.' })
  dosesPlanned?: number | null;

  @InRange(0, 240)
  @Field(() => Int, { nullable: true, description: 'Premedication minutes.' })
  premedMinutes?: number | null;

  @InRange(1, 720)
  @Field(() => Int, { nullable: true, description: 'Infusion minutes.' })
  infusionMinutes?: number | null;

  @InRange(0, 480)
  @Field(() => Int, { nullable: true, description: 'Observation minutes.' })
  observationMinutes?: number | null;

  @Field(() => LocalDate, { description: 'Date the first dose is due.' })
  startsOn!: string;
}
