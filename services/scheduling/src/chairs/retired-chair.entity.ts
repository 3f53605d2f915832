import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A chair facilities has retired, as scheduling learnt it from the ChairRetired event: an
 * event-fed read model, so booking can refuse the chair without asking another subgraph.
 * Not part of the graph (facilities owns Chair and shows its retirement).
 */
@Entity({ tableName: 'retired_chair' })
export class RetiredChair {
  @PrimaryKey({ type: 'uuid' })
  chairId!: string;

  @Property({ type: 'uuid' })
  clientId!: string;

  @Property({ type: 'uuid' })
  siteId!: string;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'datetime' })
  retiredAt!: Date;

  /** The ChairRetired event this row came from. */
  @Property({ type: 'uuid' })
  eventId!: string;
}
