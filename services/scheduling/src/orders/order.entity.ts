import { DecimalType, Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity } from '@infusion/subgraph-kit';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export const DOSE_UNITS = ['MG', 'ML', 'EACH'] as const;
export type DoseUnit = (typeof DOSE_UNITS)[number];
export const DoseUnitEnum = { MG: 'MG', ML: 'ML', EACH: 'EACH' } as const satisfies { [K in DoseUnit]: K };
// Same enum (name, values, description) as the inventory subgraph's, so the two merge in composition.
registerEnumType(DoseUnitEnum, { name: 'DoseUnit', description: 'Unit in which doses, package amounts and HCPCS unit sizes are expressed.' });

/**
 * A therapy order: the prescriber's definition of a series of doses. Appointments book the doses
 * into chairs; the order's chair time is what each appointment should reserve.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A therapy order (referral): drug, dose, interval and number of doses for one patient.' })
@Entity({ tableName: 'therapy_order' })
export class Order extends TenantEntity {
  @Field(() => ID, { description: 'Patient the order is for.' })
  @Property({ type: 'uuid' })
  patientId!: string;

  /** The patient's home site (kept equal by a foreign key): site limits apply to orders through it. */
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => ID, { description: 'Drug ordered (a Product of the inventory subgraph).' })
  @Property({ type: 'uuid' })
  productId!: string;

  @Field(() => ID, { description: 'Prescribing provider (a StaffMember of the staffing subgraph).' })
  @Property({ type: 'uuid' })
  prescriberId!: string;

  @Field({ description: 'Regimen the series follows, e.g. "infliximabRA".' })
  @Property()
  regimen!: string;

  @Field(() => Float, { description: 'Amount given at each dose, in `doseUnit`.' })
  @Property({ type: new DecimalType('number') })
  doseAmount!: number;

  @Field(() => DoseUnitEnum, { description: 'Unit of `doseAmount`.' })
  @Property({ type: 'string' })
  doseUnit!: DoseUnit;

  @Field(() => Int, { description: 'Weeks between maintenance doses.' })
  @Property()
  intervalWeeks!: number;

  @Field(() => Int, { description: 'Number of doses the order covers.' })
  @Property()
  dosesPlanned!: number;

  @Field({ description: 'ICD-10-CM diagnosis code, e.g. "M05.79"; printed on claims.' })
  @Property()
  diagnosisCode!: string;

  @Field({ description: 'Indication in words, e.g. "Rheumatoid arthritis"; decides the administration code family.' })
  @Property()
  indication!: string;

  @Field(() => Int, { description: 'Chair time one dose needs, in minutes: premedication + infusion + observation.' })
  @Property()
  chairMinutes!: number;

  @Field(() => LocalDate, { description: 'Date the series starts.' })
  @Property({ type: 'date' })
  startsOn!: string;
}
