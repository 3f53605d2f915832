import { Entity, Property } from '@mikro-orm/core';
import { ACQUISITION_METHODS, type AcquisitionMethod } from '@infusion/domain-codes';
import { LocalDate, TenantEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

export const AcquisitionMethodEnum = graphqlEnum(ACQUISITION_METHODS, 'AcquisitionMethod', 'How the drug was acquired: BUY_AND_BILL (the practice owns and bills it), WHITE_BAGGED (shipped by the payer’s specialty pharmacy for one patient, not billed by the site), BROWN_BAGGED (shipped to the patient), FREE_DRUG_PROGRAM.');

/**
 * One manufacturer lot of a product held at a site. Quantities are packages (vials, bags, kits);
 * `quantityOnHand` is kept equal to the sum of the lot's stock movements.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A manufacturer lot of a product held at a site, counted in packages.' })
@Entity({ tableName: 'lot' })
export class Lot extends TenantEntity<'patientId'> {
  @Field(() => ID, { description: 'Site that holds the lot.' })
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => ID, { description: 'Catalogue product of the lot.' })
  @Property({ type: 'uuid' })
  productId!: string;

  @Field({ description: 'Manufacturer lot number, unique per client and product.' })
  @Property()
  lotNumber!: string;

  @Field(() => LocalDate, { description: 'Expiry date printed on the package; usable through that day.' })
  @Property({ type: 'date' })
  expiresOn!: string;

  @Field(() => LocalDate, { description: 'Date the lot was received at the site.' })
  @Property({ type: 'date' })
  receivedOn!: string;

  @Field(() => Int, { description: 'Packages received.' })
  @Property()
  quantityReceived!: number;

  @Field(() => Int, { description: 'Packages on the shelf now (received plus all movements), never negative.' })
  @Property()
  quantityOnHand!: number;

  @Field(() => AcquisitionMethodEnum, { description: 'How the drug was acquired; decides whether the site bills it.' })
  @Property({ type: 'string' })
  acquisition!: AcquisitionMethod;

  @Field(() => ID, { nullable: true, description: 'The one patient a white-bagged lot was shipped for; never dispensed to another.' })
  @Property({ type: 'uuid', nullable: true })
  patientId: string | null = null;

  /** Exposed as `Money` by the resolver. */
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  unitCost!: string;
}
