import { ArrayType, Entity, Filter, Property, type EntityManager } from '@mikro-orm/core';
import { BaseEntity, OPS_ROLES, TENANT_FILTER, type OpsRole, type TenantScope, graphqlEnum } from '@infusion/subgraph-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

export const OpsRoleEnum = graphqlEnum(OPS_ROLES, 'OpsRole', 'What an ops user may do: ADMIN everything; OPERATIONS run sites; FINANCE billing and fees; READ_ONLY look.');

/**
 * A person on the management company's staff who signs in to the console.
 *
 * Ops users are isolated like tenant rows, by the grant rule (access/grant.rules.ts): a caller
 * limited to some clients sees only users limited to a subset of those clients, never an
 * unrestricted user. This filter is the ORM layer; row-level security on identity.ops_user is
 * the database layer (Migration20261126000001). No tenant settings, no users.
 */
@Filter({
  name: 'opsUserClients',
  default: true,
  args: false,
  cond: (_args: unknown, _type: unknown, em: EntityManager) => {
    const scope = em.getFilterParams<TenantScope>(TENANT_FILTER) as TenantScope | undefined;
    if (!scope) return { id: null };
    return scope.clientIds === null ? {} : { clientIds: { $ne: null, $contained: scope.clientIds } };
  },
})
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A member of the operator’s staff who signs in to the console.' })
@Entity({ tableName: 'ops_user' })
export class OpsUser extends BaseEntity<'active' | 'lastSignInAt' | 'clientIds'> {
  @Field({ description: 'Sign-in email, unique, lower case.' })
  @Property()
  email!: string;

  @Field({ description: 'Name shown in the console and the audit trail.' })
  @Property()
  displayName!: string;

  @Field(() => OpsRoleEnum, { description: 'Role; decides the scopes.' })
  @Property({ type: 'string' })
  role!: OpsRole;

  @Field(() => [ID], { nullable: true, description: 'Clients this user is limited to; null means every client.' })
  @Property({ type: ArrayType, nullable: true })
  clientIds: string[] | null = null;

  @Property({ hidden: true })
  passwordHash!: string;

  @Field({ description: 'False when the user may no longer sign in.' })
  @Property()
  active: boolean = true;

  @Field(() => Date, { nullable: true, description: 'Last successful sign-in.' })
  @Property({ type: 'datetime', nullable: true })
  lastSignInAt: Date | null = null;
}
