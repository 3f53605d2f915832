import { ArrayType, Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, ObjectType } from 'type-graphql';

/** What the operator may run for a client (DOMAIN.md "The management company and its fees"). */
export const MANAGED_SERVICES = ['STAFFING', 'INVENTORY', 'SCHEDULING', 'REVENUE_CYCLE', 'FACILITIES', 'TECHNOLOGY'] as const;
export type ManagedService = (typeof MANAGED_SERVICES)[number];
export const ManagedServiceEnum = graphqlEnum(MANAGED_SERVICES, 'ManagedService', 'A service the operator performs for a client under a management contract.');

export const BILLING_PERIODS = ['MONTHLY', 'QUARTERLY'] as const;
export type BillingPeriod = (typeof BILLING_PERIODS)[number];
export const BillingPeriodEnum = graphqlEnum(BILLING_PERIODS, 'BillingPeriod', 'How often the client is invoiced: each calendar month, or each calendar quarter (priced month by month).');

/** Fee data is readable with the `fees:read` scope (DESIGN section 4). */
export const FEES_READ = '@requiresScopes(scopes: [["fees:read"]])';

/** The agreement under which the operator runs a client's infusion services, with effective dates. */
@Directive('@key(fields: "id")')
@Directive(FEES_READ)
@ObjectType({ description: 'A management contract: which services the operator runs for a client, and from when to when.' })
@Entity({ tableName: 'management_contract' })
export class ManagementContract extends TenantEntity<'effectiveTo' | 'billingPeriod' | 'currency'> {
  @Field({ description: 'Contract name.' })
  @Property()
  name!: string;

  @Field(() => [ManagedServiceEnum], { description: 'Services the operator performs under this contract.' })
  @Property({ type: ArrayType })
  services!: ManagedService[];

  @Field(() => LocalDate, { description: 'First day the contract is in force.' })
  @Property({ type: 'date' })
  effectiveFrom!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Last day the contract is in force; null while open-ended.' })
  @Property({ type: 'date', nullable: true })
  effectiveTo: string | null = null;

  @Field(() => BillingPeriodEnum, { description: 'How often the client is invoiced.' })
  @Property({ type: 'string' })
  billingPeriod: BillingPeriod = 'MONTHLY';

  @Field({ description: 'ISO 4217 currency the contract is priced and invoiced in, e.g. "USD".' })
  @Property({ type: 'string' })
  currency: string = 'USD';
}
