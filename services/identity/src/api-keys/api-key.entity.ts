import { ArrayType, Entity, Property } from '@mikro-orm/core';
import { TenantEntity, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

export const ApiKeyStatusEnum = graphqlEnum(['ACTIVE', 'EXPIRED', 'REVOKED'], 'ApiKeyStatus', 'Whether a key still opens the graph.');
export type ApiKeyStatus = keyof typeof ApiKeyStatusEnum;

/** An API key issued to one client practice; the secret is shown once and stored only as a hash. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'An API key a client practice uses to reach its own data.' })
@Entity({ tableName: 'api_key' })
export class ApiKey extends TenantEntity<'siteIds' | 'expiresAt' | 'revokedAt' | 'lastUsedAt' | 'rotatedFromId' | 'status'> {
  @Field({ description: 'Name given by the issuer, e.g. "EHR integration".' })
  @Property()
  name!: string;

  @Field({ description: 'Readable id part of the key (igk_<prefix>_…), to recognise a leaked key.' })
  @Property()
  prefix!: string;

  @Field({ description: 'Last four characters of the key.' })
  @Property({ length: 4 })
  last4!: string;

  @Property({ hidden: true })
  secretHash!: string;

  @Field(() => [String], { description: 'What the key may do, e.g. scheduling:read.' })
  @Property({ type: ArrayType })
  scopes!: string[];

  @Field(() => [ID], { nullable: true, description: 'Sites the key is limited to; null means all the client’s sites.' })
  @Property({ type: ArrayType, nullable: true })
  siteIds: string[] | null = null;

  @Field(() => Date, { nullable: true, description: 'When the key stops working; null means never.' })
  @Property({ type: 'datetime', nullable: true })
  expiresAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked.' })
  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'Last time the key was used (to the minute).' })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null = null;

  @Field(() => ID, { nullable: true, description: 'The key this one replaced by rotation.' })
  @Property({ type: 'uuid', nullable: true })
  rotatedFromId: string | null = null;

  @Field(() => ApiKeyStatusEnum, { description: 'ACTIVE, EXPIRED or REVOKED, as of now.' })
  get status(): ApiKeyStatus {
    if (this.revokedAt) return 'REVOKED';
    if (this.expiresAt && this.expiresAt.getTime() <= Date.now()) return 'EXPIRED';
    return 'ACTIVE';
  }
}
