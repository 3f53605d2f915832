import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors';

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

function encodeCursor(value: SortValue, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string): [SortValue, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') {
      return parsed as [SortValue, string];
    }
  } catch {
    // fall through to the error below
  }
  throw badInput('The cursor is not one this API issued', { argument: 'after' });
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
    const [value, id] = decodeCursor(args.after);
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
