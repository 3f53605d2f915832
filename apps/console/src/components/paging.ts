import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useCallback, useState } from 'react';
import { type AnyVariables, useClient, useQuery } from 'urql';
import type { Paging } from './DataTable';

interface Connection<N> {
  edges: { node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * One page of a Relay connection at a time, moved by the server's cursors; `fetchAll` walks every
 * page (for the CSV export) with the same variables.
 */
export function usePagedConnection<D, V extends AnyVariables & { first?: number | null; after?: string | null }, N>(
  query: TypedDocumentNode<D, V>,
  variables: Omit<V, 'first' | 'after'>,
  select: (data: D) => Connection<N>,
  pageSize = 25,
  /** Rows per request of the export walk; smaller where each row is costly (the gateway's complexity limit). */
  exportPageSize = 100,
) {
  const client = useClient();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const [{ data, fetching, error }, refetch] = useQuery<D, V>({ query, variables: { ...variables, first: pageSize, after } as unknown as V });
  const connection = data ? select(data) : undefined;
  const rows = connection?.edges.map((e) => e.node) ?? [];
  const fetchAll = useCallback(async () => {
    const all: N[] = [];
    let cursor: string | null = null;
    for (;;) {
      const result = await client.query(query, { ...variables, first: exportPageSize, after: cursor } as unknown as V, { requestPolicy: 'network-only' }).toPromise();
      if (result.error || !result.data) throw result.error ?? new Error('no data');
      const page = select(result.data);
      all.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return all;
      cursor = page.pageInfo.endCursor;
    }
  }, [client, query, variables, select, exportPageSize]);
  const paging: Paging = {
    page: cursors.length,
    hasNext: Boolean(connection?.pageInfo.hasNextPage && connection.pageInfo.endCursor),
    hasPrevious: cursors.length > 1,
    next: () => connection?.pageInfo.endCursor && setCursors((c) => [...c, connection.pageInfo.endCursor!]),
    previous: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    fetchAll,
  };
  return { rows, fetching, error, paging, refetch: () => refetch({ requestPolicy: 'network-only' }) };
}
