import { DecimalType, Entity, Property } from '@mikro-orm/core';
import { NDC_UNITS, STORAGE_CONDITIONS, type NdcUnit, type StorageCondition } from '@infusion/domain-codes';
import { BaseEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';

export const PRODUCT_KINDS = ['DRUG', 'SUPPLY'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];
export const ProductKindEnum = graphqlEnum(PRODUCT_KINDS, 'ProductKind', 'A drug (billed by HCPCS code) or a supply.');

export const DOSE_UNITS = ['MG', 'ML', 'EACH'] as const;
export type DoseUnit = (typeof DOSE_UNITS)[number];
export const DoseUnitEnum = graphqlEnum(DOSE_UNITS, 'DoseUnit', 'Unit in which doses, package amounts and HCPCS unit sizes are expressed.');

export const NdcUnitEnum = graphqlEnum(NDC_UNITS, 'NdcUnit', 'Unit of the NDC quantity on a claim (qualifier N4): UN units, ML millilitres, GR grams, F2 international units; never MG.');

export const CONTAINER_KINDS = ['SINGLE_DOSE', 'MULTI_DOSE', 'NOT_APPLICABLE'] as const;
export type ContainerKind = (typeof CONTAINER_KINDS)[number];
export const ContainerKindEnum = graphqlEnum(CONTAINER_KINDS, 'ContainerKind', 'Single-dose containers report waste with JW or JZ on claims; multi-dose containers never do.');

export const StorageConditionEnum = graphqlEnum(STORAGE_CONDITIONS, 'StorageCondition', 'Storage: REFRIGERATED 2–8 °C, FROZEN below −15 °C, CONTROLLED_ROOM 20–25 °C.');

/**
 * A drug or supply of the operator's catalogue, shared by every client (not tenant data).
 * Stock is counted in packages (vials, bags, kits) of `packageAmount` each.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A drug or supply in the catalogue, identified by its NDC-11, with the facts billing needs.' })
@Entity({ tableName: 'product' })
export class Product extends BaseEntity<'hcpcsCode' | 'hcpcsUnitAmount' | 'requiredCompetency' | 'maxUnitsPerDay'> {
  @Field({ description: 'National Drug Code, 11 digits in 5-4-2 format, e.g. 57894-0030-01.' })
  @Property({ unique: true })
  ndc!: string;

  @Field({ description: 'Trade name and package, e.g. "Remicade 100 mg vial".' })
  @Property()
  name!: string;

  @Field({ description: 'Generic (non-proprietary) name, e.g. infliximab.' })
  @Property()
  genericName!: string;

  @Field(() => ProductKindEnum, { description: 'Drug or supply.' })
  @Property({ type: 'string' })
  kind!: ProductKind;

  @Field(() => String, { nullable: true, description: 'HCPCS Level II code the product is billed under, e.g. J1745; null when not billed.' })
  @Property({ type: 'string', nullable: true })
  hcpcsCode: string | null = null;

  @Field(() => Float, { nullable: true, description: 'Amount of drug one HCPCS billing unit stands for, in `doseUnit` (J1745: 10 mg).' })
  @Property({ type: new DecimalType('number'), columnType: 'numeric(12,3)', nullable: true })
  hcpcsUnitAmount: number | null = null;

  @Field(() => DoseUnitEnum, { description: 'Unit of doses, package amount and HCPCS unit size.' })
  @Property({ type: 'string' })
  doseUnit!: DoseUnit;

  @Field(() => Float, { description: 'Amount in one package (vial, bag, syringe, kit), in `doseUnit`.' })
  @Property({ type: new DecimalType('number'), columnType: 'numeric(12,3)' })
  packageAmount!: number;

  @Field(() => NdcUnitEnum, { description: 'Unit of the NDC quantity reported on claims.' })
  @Property({ type: 'string' })
  ndcUnit!: NdcUnit;

  @Field(() => ContainerKindEnum, { description: 'Single-dose, multi-dose, or not a drug container.' })
  @Property({ type: 'string' })
  container!: ContainerKind;

  @Field(() => StorageConditionEnum, { description: 'How the product must be stored.' })
  @Property({ type: 'string' })
  storage!: StorageCondition;

  @Field(() => String, { nullable: true, description: 'Competency a nurse must hold to give it, e.g. BIOTHERAPY or TOUCH_REMS.' })
  @Property({ type: 'string', nullable: true })
  requiredCompetency: string | null = null;

  @Field(() => Int, { nullable: true, description: 'Medically unlikely edit: most HCPCS units payers accept per day, when known.' })
  @Property({ type: 'integer', nullable: true })
  maxUnitsPerDay: number | null = null;
}
