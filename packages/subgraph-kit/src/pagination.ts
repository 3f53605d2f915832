import type { EntityClass, EntityProperty, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors';
import { textProblem } from './input-guard';
import { isUuid } from './loaders';
import { isLocalDate, parseDateTime } from './scalars';

@Directive('@shareable')
@ObjectType({ description: 'Where a page of a connection sits in the whole list (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'True when more items follow the last one of this page.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item on this page; pass it as `after`.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 50, description: 'How many items to return (1 to 500).' })
  first: number = 50;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor.' })
  after?: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** Declares `<Name>Connection` and `<Name>Edge` types for one node type. */
export function ConnectionType<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a connection, with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque position of this item; pass it as `after` for the next page.' })
    cursor!: string;

    @Field(() => node, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionClass implements Connection<T> {
    @Field(() => [Edge], { description: 'The items of this page, in order.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Whether more pages follow.' })
    pageInfo!: PageInfo;
  }
  return ConnectionClass;
}

type SortValue = string | number;

/** How a sort column's values travel in a cursor, so a cursor can be read back strictly. */
export type SortKind = 'string' | 'number' | 'datetime' | 'date';

/** Longer than any cursor this API issues (a 200-character name and a UUID, in base64). */
const MAX_CURSOR_LENGTH = 1_024;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function encodeCursor(value: SortValue, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

const invalidCursor = () => badInput('`after` is not a cursor this connection issued', { argument: 'after' });

/**
 * Reads a cursor back as `[sort value, id]`, typed by the sort column: a UUID id and a string,
 * finite number, instant or calendar date as the column holds — anything else (an object such as
 * `{"$re": …}` that MikroORM would take for an operator, an array, a wrong type) is refused as
 * BAD_USER_INPUT naming `after`. A datetime comes back as a Date, so it compares as one.
 */
export function decodeCursor(cursor: string, kind: SortKind): [string | number | Date, string] {
  if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw invalidCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalidCursor();
  const [value, id] = parsed as unknown[];
  if (typeof id !== 'string' || !isUuid(id)) throw invalidCursor();
  switch (kind) {
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return [value, id];
      break;
    case 'datetime': {
      const date = typeof value === 'string' ? parseDateTime(value) : undefined;
      if (date) return [date, id];
      break;
    }
    case 'date':
      if (typeof value === 'string' && isLocalDate(value)) return [value, id];
      break;
    case 'string':
      if (typeof value === 'string' && !textProblem(value)) return [value, id];
      break;
  }
  throw invalidCursor();
}

/** The cursor kind of an entity property, from MikroORM's metadata. */
function sortKindOf(em: EntityManager, entity: EntityClass<object>, property: string): SortKind {
  const meta = em.getMetadata().find(entity)?.properties[property as never] as EntityProperty | undefined;
  if (!meta) throw new Error(`${entity.name}.${property} cannot sort a connection: no such property`);
  if (meta.runtimeType === 'Date') return 'datetime';
  if (meta.type === 'date' || meta.columnTypes?.[0] === 'date') return 'date';
  if (meta.runtimeType === 'number') return 'number';
  return 'string';
}

/**
 * Keyset pagination ordered by one column and then id, so pages stay stable while rows are
 * added and a page costs one indexed query however deep it is.
 */
export async function paginate<T extends { id: string }>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  args: PageArgs,
  sortBy: keyof T & string,
): Promise<Connection<T>> {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > 500) {
    throw badInput('`first` must be between 1 and 500', { argument: 'first' });
  }
  const conditions: unknown[] = [where];
  if (args.after) {
    const [value, id] = decodeCursor(args.after, sortKindOf(em, entity, sortBy));
    conditions.push({ $or: [{ [sortBy]: { $gt: value } }, { [sortBy]: value, id: { $gt: id } }] });
  }
  const rows = await em.find(entity, { $and: conditions } as FilterQuery<T>, {
    orderBy: { [sortBy]: 'asc', id: 'asc' } as never,
    limit: args.first + 1,
  });
  const page = rows.slice(0, args.first);
  const sortValue = (row: T): SortValue => {
    const v = row[sortBy] as unknown;
    return v instanceof Date ? v.toISOString() : (v as SortValue);
  };
  const edges = page.map((node) => ({ cursor: encodeCursor(sortValue(node), node.id), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null } };
}
