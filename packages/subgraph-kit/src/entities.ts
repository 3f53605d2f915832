import { randomUUID } from 'node:crypto';
import { OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * Columns every row has. `Optional` names further properties with defaults, so `em.create`
 * does not demand them (MikroORM's OptionalProps).
 */
@ObjectType({ description: "Internal base class; never emitted because no resolver returns it." })
export abstract class BaseEntity<Optional extends string = never> {
  [OptionalProps]?: 'id' | 'createdAt' | 'updatedAt' | Optional;

  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'When the record was created (UTC).' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field({ description: 'When the record was last changed (UTC).' })
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/**
 * A row that belongs to one client organisation. In SQL the primary key is (client_id, id) and
 * foreign keys between tenant tables include client_id, so the data can be distributed by client
 * later; `id` alone is still unique, which is what the ORM keys its identity map on.
 */
@ObjectType({ description: "Internal base class; never emitted because no resolver returns it." })
export abstract class TenantEntity<Optional extends string = never> extends BaseEntity<Optional> {
  @Field(() => ID, { description: 'The client organisation this record belongs to.' })
  @Property({ type: 'uuid' })
  clientId!: string;
}
