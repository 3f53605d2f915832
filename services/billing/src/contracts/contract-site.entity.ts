import { Entity, Property } from '@mikro-orm/core';
import { LocalDate, TenantEntity } from '@infusion/subgraph-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { FEES_READ } from './management-contract.entity';

/**
 * A site a contract covers, and from when to when: only treatments and collections at a covered
 * site, on a covered day, count toward the fee, and flat fees are prorated by covered days.
 */
@Directive('@key(fields: "id")')
@Directive(FEES_READ)
@ObjectType({ description: 'A site a management contract covers, with the days it covers it.' })
@Entity({ tableName: 'contract_site' })
export class ContractSite extends TenantEntity<'coveredTo'> {
  @Field(() => ID, { description: 'The contract.' })
  @Property({ type: 'uuid' })
  contractId!: string;

  @Field(() => ID, { description: 'The site covered (owned by facilities).' })
  @Property({ type: 'uuid' })
  siteId!: string;

  @Field(() => LocalDate, { description: 'First day covered.' })
  @Property({ type: 'date' })
  coveredFrom!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Last day covered; null while open-ended.' })
  @Property({ type: 'date', nullable: true })
  coveredTo: string | null = null;
}
