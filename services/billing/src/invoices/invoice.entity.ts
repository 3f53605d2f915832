import { Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { FEES_READ } from '../contracts/management-contract.entity';

export const INVOICE_STATUSES = ['ISSUED', 'PAID', 'CREDITED'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const InvoiceStatusEnum = graphqlEnum(INVOICE_STATUSES, 'FeeInvoiceStatus', 'ISSUED (numbered, immutable), PAID, or CREDITED (cancelled by a credit note; the period may be invoiced again).');

/** An issued management-fee invoice: its lines are stored as priced and never change. */
@Directive('@key(fields: "id")')
@Directive(FEES_READ)
@ObjectType({ description: 'A management-fee invoice of one contract for one billing period, numbered without gaps per year.' })
@Entity({ tableName: 'fee_invoice' })
export class FeeInvoice extends TenantEntity<'paidAt' | 'creditedAt' | 'creditNoteNumber' | 'creditReason'> {
  @Field(() => ID, { description: 'The contract invoiced.' })
  @Property({ type: 'uuid' })
  contractId!: string;

  @Field(() => LocalDate, { description: 'First day of the billing period.' })
  @Property({ type: 'date' })
  periodFrom!: string;

  @Field(() => LocalDate, { description: 'Last day of the billing period.' })
  @Property({ type: 'date' })
  periodTo!: string;

  @Field(() => InvoiceStatusEnum, { description: 'Where the invoice stands.' })
  @Property({ type: 'string' })
  status!: InvoiceStatus;

  @Field({ description: 'Invoice number, e.g. INV-2026-000042: consecutive per year across the operator, with no gaps.' })
  @Property({ type: 'string' })
  number!: string;

  @Field({ description: 'ISO 4217 currency of the amounts.' })
  @Property({ type: 'string' })
  currency!: string;

  @Property({ type: 'decimal', precision: 14, scale: 2 })
  amount!: string;

  @Field(() => Int, { description: 'Treatments the period counted.' })
  @Property({ type: 'integer' })
  treatments!: number;

  @Property({ type: 'decimal', precision: 16, scale: 2 })
  collections!: string;

  @Field({ description: 'When it was issued (UTC).' })
  @Property({ type: 'datetime' })
  issuedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was marked paid (UTC).' })
  @Property({ type: 'datetime', nullable: true })
  paidAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When it was credited (UTC).' })
  @Property({ type: 'datetime', nullable: true })
  creditedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Number of the credit note that cancelled it, e.g. CN-2026-000003.' })
  @Property({ type: 'string', nullable: true })
  creditNoteNumber: string | null = null;

  @Field(() => String, { nullable: true, description: 'Why it was credited.' })
  @Property({ type: 'text', nullable: true })
  creditReason: string | null = null;
}

/** One stored line of an issued invoice, with what it counted so it can drill down. */
@Directive(FEES_READ)
@ObjectType({ description: 'A line of an issued fee invoice: component, tier, rate and count, and what it counted.' })
@Entity({ tableName: 'fee_invoice_line' })
export class FeeInvoiceLine extends TenantEntity<
  | 'fromTreatments'
  | 'toTreatments'
  | 'therapyClass'
  | 'tierSiteId'
  | 'classes'
  | 'ordinalFirst'
  | 'ordinalLast'
  | 'treatments'
  | 'sites'
  | 'collections'
  | 'scheduleVersionId'
  | 'adjustsInvoiceId'
> {
  @Property({ type: 'uuid' })
  invoiceId!: string;

  @Field(() => Int, { description: 'Position of the line on the invoice, from 1.' })
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'string' })
  kind!: string;

  @Field({ description: 'Plain-language explanation of the line.' })
  @Property({ type: 'text' })
  description!: string;

  @Field(() => LocalDate, { description: 'First day the line prices.' })
  @Property({ type: 'date', fieldName: 'line_from' })
  lineFrom!: string;

  @Field(() => LocalDate, { description: 'Last day the line prices.' })
  @Property({ type: 'date', fieldName: 'line_to' })
  lineTo!: string;

  @Property({ type: 'date' })
  countedFrom!: string;

  @Field(() => ID, { nullable: true, description: 'The fee schedule version that priced the line; null for an adjustment.' })
  @Property({ type: 'uuid', nullable: true })
  scheduleVersionId: string | null = null;

  @Field(() => ID, { nullable: true, description: 'The earlier invoice an ADJUSTMENT line corrects (late activity for its period); null otherwise.' })
  @Property({ type: 'uuid', nullable: true })
  adjustsInvoiceId: string | null = null;

  @Field(() => Int, { nullable: true, description: 'First treatment of the tier (tier lines).' })
  @Property({ type: 'integer', nullable: true })
  fromTreatments: number | null = null;

  @Field(() => Int, { nullable: true, description: 'Last treatment of the tier; null when open-ended or not a tier line.' })
  @Property({ type: 'integer', nullable: true })
  toTreatments: number | null = null;

  @Property({ type: 'string', nullable: true })
  therapyClass: string | null = null;

  // Not `siteId`: a line belongs to the whole client's invoice, so site limits must not hide it.
  @Field(() => ID, { nullable: true, description: 'The site a per-site tier line counted; null otherwise.' })
  @Property({ type: 'uuid', nullable: true })
  tierSiteId: string | null = null;

  @Property({ type: 'text[]', nullable: true })
  classes: string[] | null = null;

  @Property({ type: 'integer', nullable: true })
  ordinalFirst: number | null = null;

  @Property({ type: 'integer', nullable: true })
  ordinalLast: number | null = null;

  @Field(() => Int, { nullable: true, description: 'Treatments priced (tier lines).' })
  @Property({ type: 'integer', nullable: true })
  treatments: number | null = null;

  @Field(() => Int, { nullable: true, description: 'Sites or chairs priced (flat lines).' })
  @Property({ type: 'integer', nullable: true })
  sites: number | null = null;

  @Property({ type: 'decimal', precision: 16, scale: 2, nullable: true })
  collections: string | null = null;

  @Field({ description: 'Rate: per treatment, site or chair, a percentage, or the floor or ceiling applied.' })
  @Property({ type: 'string' })
  rate!: string;

  @Property({ type: 'decimal', precision: 14, scale: 2 })
  amount!: string;
}
