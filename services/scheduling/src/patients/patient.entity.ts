import { DecimalType, Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';

export const SEXES = ['F', 'M', 'X', 'U'] as const;
export type Sex = (typeof SEXES)[number];
export const SexEnum = graphqlEnum(SEXES, 'Sex', 'Administrative sex as registered: F female, M male, X non-binary, U unknown.');

/** A patient of a client practice; the record infusion orders and appointments hang off. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A patient registered with a client practice for infusion therapy.' })
@Entity({ tableName: 'patient' })
export class Patient extends TenantEntity<'preferredLanguage' | 'guardianName' | 'guardianRelationship' | 'guardianPhone' | 'allergies' | 'preparationNotes' | 'version'> {
  @Field(() => ID, { description: 'Home site: the infusion center the patient prefers and that normally treats them.' })
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
  @Field(() => Float, { description: 'Latest body weight in kilograms, used for weight-based doses (history in `weights`).' })
  @Property({ type: new DecimalType('number') })
  weightKg!: number;

  @Field(() => String, { nullable: true, description: 'Preferred language for the visit (BCP 47 tag, e.g. "es" or "zh-Hant"); null when not asked.' })
  @Property({ type: 'text', nullable: true })
  preferredLanguage: string | null = null;

  /** A minor's guardian: all three or none (a check constraint). */
  @Property({ type: 'text', nullable: true })
  guardianName: string | null = null;

  @Property({ type: 'text', nullable: true })
  guardianRelationship: string | null = null;

  @Property({ type: 'text', nullable: true })
  guardianPhone: string | null = null;

  @Field(() => [String], { description: 'Known allergies as recorded (drugs, latex, adhesives…); empty when none are known.' })
  @Property({ type: 'text[]' })
  allergies: string[] = [];

  @Field(() => String, { nullable: true, description: 'What the chair-side team must prepare or know (port access, premedication at home, mobility).' })
  @Property({ type: 'text', nullable: true })
  preparationNotes: string | null = null;

  // Optimistic lock: an update from a stale copy fails instead of silently overwriting.
  @Field(() => Int, { description: 'Revision of the record; increases with every change.' })
  @Property({ version: true })
  version!: number;
}
