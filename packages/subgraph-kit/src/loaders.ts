import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import { notFound } from './errors';

type WithId = { id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else cannot name a row, so it is "not found" rather than a SQL error. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/**
 * Per-request DataLoaders. The gateway sends one representation per entity occurrence
 * (50 appointments on 10 sites = 50 site references), so every lookup by key goes through
 * a loader: one SELECT per entity type per tick, duplicates removed.
 *
 * Batches run concurrently and may use other loaders (a custom batch may load products while it
 * runs). They share the operation's one connection; its statements are queued per connection
 * (database.ts), never per batch, so no batch can wait on one queued behind itself.
 */
export class Loaders {
  private readonly cache = new Map<string, DataLoader<unknown, unknown>>();

  constructor(private readonly em: EntityManager) {}

  /** A loader of one entity type by id; resolves to undefined for an id that does not exist. */
  byId<T extends WithId>(entity: EntityClass<T>): DataLoader<string, T | undefined> {
    return this.memo(`byId:${entity.name}`, () =>
      new DataLoader<string, T | undefined>(async (ids) => {
        const valid = ids.filter(isUuid);
        const rows = valid.length ? await this.em.find(entity, { id: { $in: valid } } as unknown as FilterQuery<T>) : [];
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id));
      }),
    );
  }

  /**
   * The row with this id, or NOT_FOUND naming its type: for an argument the caller gave, or a
   * reference that must resolve (a row the tenant filter hides is "not found" too, never "forbidden").
   */
  async require<T extends WithId>(entity: EntityClass<T>, id: string): Promise<T> {
    return (await this.byId(entity).load(id)) ?? Promise.reject(notFound(entity.name, id));
  }

  /**
   * A loader of the rows of one entity type that point at a parent, grouped per parent id
   * (e.g. chairs by site). `where` narrows the rows and is part of the cache key.
   */
  manyBy<T extends object>(
    entity: EntityClass<T>,
    foreignKey: keyof T & string,
    options: { where?: FilterQuery<T>; orderBy?: Record<string, 'asc' | 'desc'>; key?: string } = {},
  ): DataLoader<string, T[]> {
    return this.memo(`manyBy:${entity.name}:${foreignKey}:${options.key ?? JSON.stringify(options.where ?? {})}`, () =>
      new DataLoader<string, T[]>(async (parentIds) => {
        const valid = parentIds.filter(isUuid);
        const where = { $and: [{ [foreignKey]: { $in: valid } }, options.where ?? {}] } as FilterQuery<T>;
        const rows = valid.length ? await this.em.find(entity, where, { orderBy: options.orderBy as never }) : [];
        const groups = new Map<string, T[]>(parentIds.map((id) => [id, []]));
        for (const row of rows) {
          const value = (row as Record<string, unknown>)[foreignKey];
          const parentId = typeof value === 'object' && value !== null ? (value as WithId).id : String(value);
          groups.get(parentId)?.push(row);
        }
        return parentIds.map((id) => groups.get(id) ?? []);
      }),
    );
  }

  /** Any other batch function, memoised per request under a name. */
  custom<K, V>(name: string, batch: DataLoader.BatchLoadFn<K, V>, options?: DataLoader.Options<K, V>): DataLoader<K, V> {
    return this.memo(`custom:${name}`, () => new DataLoader<K, V>(batch, options));
  }

  private memo<L extends DataLoader<never, unknown>>(key: string, make: () => L): L {
    let loader = this.cache.get(key);
    if (!loader) {
      loader = make() as unknown as DataLoader<unknown, unknown>;
      this.cache.set(key, loader);
    }
    return loader as unknown as L;
  }
}
