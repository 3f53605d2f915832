import { DecimalType, Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity } from '@infusion/subgraph-kit';
import { Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';

export const SEXES = ['F', 'M', 'X', 'U'] as const;
export type Sex = (typeof SEXES)[number];
export const SexEnum = { F: 'F', M: 'M', X: 'X', U: 'U' } as const satisfies { [K in Sex]: K };
registerEnumType(SexEnum, {
  name: 'Sex',
  description: 'Administrative sex as registered: F female, M male, X non-binary, U unknown.',
});

/** A patient of a client practice; the record infusion orders and appointments hang off. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A patient registered with a client practice for infusion therapy.' })
@Entity({ tableName: 'patient' })
export class Patient extends TenantEntity {
  @Field(() => ID, { description: 'Home site: the infusion center that normally treats the patient.' })
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field({ description: 'Medical record number, unique within the client.' })
  @Property()
  mrn!: string;

  @Field({ description: 'Given name.' })
  @Property()
  firstName!: string;

  @Field({ description: 'Family name.' })
  @Property()
  lastName!: string;

  @Field(() => LocalDate, { description: 'Date of birth.' })
  @Property({ type: 'date' })
  dateOfBirth!: string;

  @Field(() => SexEnum, { description: 'Administrative sex.' })
  @Property({ type: 'string' })
  sex!: Sex;

  // Weight drives weight-based doses (infliximab mg/kg, IVIG g/kg); exact in SQL, a number here.
  @Field(() => Float, { description: 'Body weight in kilograms, used for weight-based doses.' })
  @Property({ type: new DecimalType('number') })
  weightKg!: number;
}
