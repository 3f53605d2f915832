import { DecimalType, Entity, Property } from '@mikro-orm/core';
import { DOSE_BASES, INDICATION_FAMILIES, LINE_KINDS, type DoseBasis, type IndicationFamily, type LineKind } from '@infusion/domain-codes';
import { LocalDate, TenantEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';

export const DOSE_UNITS = ['MG', 'ML', 'EACH'] as const;
export type DoseUnit = (typeof DOSE_UNITS)[number];
// Same enum (name, values, description) as the inventory subgraph's, so the two merge in composition.
export const DoseUnitEnum = graphqlEnum(DOSE_UNITS, 'DoseUnit', 'Unit in which doses, package amounts and HCPCS unit sizes are expressed.');

export const DoseBasisEnum = graphqlEnum(DOSE_BASES, 'DoseBasis', 'How a dose is ordered: FIXED amount, or PER_KG of the patient’s latest weight.');
export const IndicationFamilyEnum = graphqlEnum(
  INDICATION_FAMILIES,
  'IndicationFamily',
  'Whether the order treats cancer (ONCOLOGY: chemotherapy administration codes) or not (NON_ONCOLOGY).',
);
export const LineKindEnum = graphqlEnum(
  LINE_KINDS,
  'LineKind',
  'Administration family claim coding needs: THERAPEUTIC infusion, HYDRATION, CHEMOTHERAPY (or highly complex biologic), or PUSH.',
);

/**
 * A therapy order: the prescriber's definition of a series of doses. Appointments book the doses
 * into chairs; the order's chair time is what each appointment should reserve.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A therapy order (referral): drug, dose, interval and number of doses for one patient.' })
@Entity({ tableName: 'therapy_order' })
export class Order extends TenantEntity<
  | 'prescriberId' | 'referringProviderName' | 'referringProviderNpi' | 'doseBasis' | 'dosePerKg' | 'weightKgUsed' | 'inductionDoseAmount'
  | 'indicationFamily' | 'lineKind' | 'inductionDays' | 'firstMaintenanceDay' | 'intervalWeeks' | 'inductionWindowDays' | 'maintenanceWindowDays'
  | 'premedMinutes' | 'observationMinutes' | 'extendedFirstDoses' | 'firstDoseExtraMinutes' | 'remsProgram'
> {
  @Field(() => ID, { description: 'Patient the order is for.' })
  @Property({ type: 'uuid' })
  patientId!: string;

  /** The patient's home site (kept equal by a foreign key): site limits apply to orders through it. */
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => ID, { description: 'Drug ordered (a Product of the inventory subgraph).' })
  @Property({ type: 'uuid' })
  productId!: string;

  @Field(() => ID, { nullable: true, description: 'Prescribing provider when one of the client’s own (a StaffMember of the staffing subgraph); null for an external referral.' })
  @Property({ type: 'uuid', nullable: true })
  prescriberId: string | null = null;

  /** An external referring provider (not on the client's staff): name and NPI, both or neither. */
  @Property({ type: 'text', nullable: true })
  referringProviderName: string | null = null;

  @Property({ type: 'text', nullable: true })
  referringProviderNpi: string | null = null;

  @Field({ description: 'Regimen the series follows, e.g. "infliximabRA".' })
  @Property()
  regimen!: string;

  @Field(() => Float, { description: 'Amount given at each (maintenance) dose, in `doseUnit`; for a weight-based order, computed from the latest weight when ordered.' })
  @Property({ type: new DecimalType('number') })
  doseAmount!: number;

  @Field(() => DoseBasisEnum, { description: 'Fixed dose, or per kilogram of body weight.' })
  @Property({ type: 'string' })
  doseBasis: DoseBasis = 'FIXED';

  @Field(() => Float, { nullable: true, description: 'Ordered amount per kilogram (weight-based orders), in `doseUnit`/kg.' })
  @Property({ type: new DecimalType('number'), nullable: true })
  dosePerKg: number | null = null;

  @Field(() => Float, { nullable: true, description: 'The weight (kg) a weight-based dose was computed from: the patient’s latest when ordered.' })
  @Property({ type: new DecimalType('number'), nullable: true })
  weightKgUsed: number | null = null;

  @Field(() => Float, { nullable: true, description: 'A different amount for the induction doses (ocrelizumab 300 mg, then 600 mg), in `doseUnit`.' })
  @Property({ type: new DecimalType('number'), nullable: true })
  inductionDoseAmount: number | null = null;

  @Field(() => IndicationFamilyEnum, { description: 'Oncology or not; decides the administration code family.' })
  @Property({ type: 'string' })
  indicationFamily: IndicationFamily = 'NON_ONCOLOGY';

  @Field(() => LineKindEnum, { description: 'Administration family of the drug line, for claim coding.' })
  @Property({ type: 'string' })
  lineKind: LineKind = 'THERAPEUTIC';

  @Field(() => [Int], { description: 'Induction doses, as days after the first dose (e.g. 0, 14, 42); empty when the series is maintenance only.' })
  @Property({ type: 'integer[]' })
  inductionDays: number[] = [];

  @Field(() => Int, { nullable: true, description: 'Days after the first dose when the first maintenance dose is due; null for an induction-only course.' })
  @Property({ type: 'integer', nullable: true })
  firstMaintenanceDay: number | null = null;

  @Field(() => Int, { description: 'Days before or after its due date an induction dose may be given.' })
  @Property()
  inductionWindowDays: number = 3;

  @Field(() => Int, { description: 'Days before or after its due date a maintenance dose may be given.' })
  @Property()
  maintenanceWindowDays: number = 7;

  @Field(() => Int, { description: 'Premedication minutes before the infusion.' })
  @Property()
  premedMinutes: number = 0;

  @Field(() => Int, { description: 'Infusion (or injection) minutes.' })
  @Property()
  infusionMinutes!: number;

  @Field(() => Int, { description: 'Observation minutes after the infusion.' })
  @Property()
  observationMinutes: number = 0;

  @Field(() => Int, { description: 'How many first doses hold the chair longer (slower rate, longer observation).' })
  @Property()
  extendedFirstDoses: number = 0;

  @Field(() => Int, { description: 'Extra chair minutes for each of those first doses.' })
  @Property()
  firstDoseExtraMinutes: number = 0;

  @Field(() => String, { nullable: true, description: 'Risk programme the site and prescriber must be enrolled in (e.g. TOUCH for natalizumab).' })
  @Property({ type: 'text', nullable: true })
  remsProgram: string | null = null;

  @Field(() => DoseUnitEnum, { description: 'Unit of `doseAmount`.' })
  @Property({ type: 'string' })
  doseUnit!: DoseUnit;

  @Field(() => Int, { nullable: true, description: 'Weeks between maintenance doses; null for an induction-only course.' })
  @Property({ type: 'integer', nullable: true })
  intervalWeeks: number | null = null;

  @Field(() => Int, { description: 'Number of doses the order covers.' })
  @Property()
  dosesPlanned!: number;

  @Field({ description: 'ICD-10-CM diagnosis code, e.g. "M05.79"; printed on claims.' })
  @Property()
  diagnosisCode!: string;

  @Field({ description: 'Indication in words, e.g. "Rheumatoid arthritis"; decides the administration code family.' })
  @Property()
  indication!: string;

  @Field(() => Int, { description: 'Chair time one (later) dose needs, in minutes: premedication + infusion + observation.' })
  @Property()
  chairMinutes!: number;

  @Field(() => LocalDate, { description: 'Date the series starts.' })
  @Property({ type: 'date' })
  startsOn!: string;
}
