import { DecimalType, Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity } from '@infusion/subgraph-kit';
import { Field, Float, ID, ObjectType } from 'type-graphql';

/** One weighing of a patient: weight-based doses use the latest, and say which one they used. */
@ObjectType({ description: 'A weight measured for a patient on a date.' })
@Entity({ tableName: 'patient_weight' })
export class PatientWeight extends TenantEntity {
  @Field(() => ID, { description: 'Patient weighed.' })
  @Property({ type: 'uuid' })
  patientId!: string;

  /** The patient's home site (kept equal by a foreign key): site limits apply through it. */
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => Float, { description: 'Weight in kilograms.' })
  @Property({ type: new DecimalType('number') })
  weightKg!: number;

  @Field(() => LocalDate, { description: 'Date the patient was weighed.' })
  @Property({ type: 'date' })
  measuredOn!: string;
}
