/** Reads one metric from every subgraph's `/metrics` (Prometheus text format). */
export async function metricBySubgraph(subgraphUrls: Record<string, string>, metric: string): Promise<Record<string, number>> {
  const line = new RegExp(`^${metric}\\{[^}]*\\} (\\d+)$`, 'm');
  const entries = await Promise.all(
    Object.entries(subgraphUrls).map(async ([name, url]) => {
      const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
      const match = line.exec(text);
      if (!match) throw new Error(`${name} /metrics has no ${metric}`);
      return [name, Number(match[1])] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * `sql_statements_total` of every subgraph, so a test can measure how many SQL statements one
 * operation cost across all processes.
 */
export function sqlStatementsBySubgraph(subgraphUrls: Record<string, string>): Promise<Record<string, number>> {
  return metricBySubgraph(subgraphUrls, 'sql_statements_total');
}

/** Runs `operation` and returns its result with the SQL statements each subgraph ran meanwhile. */
export async function countSqlStatements<T>(
  subgraphUrls: Record<string, string>,
  operation: () => Promise<T>,
): Promise<{ result: T; statements: Record<string, number>; total: number }> {
  const before = await sqlStatementsBySubgraph(subgraphUrls);
  const result = await operation();
  const after = await sqlStatementsBySubgraph(subgraphUrls);
  const statements = Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - (before[k] ?? 0)]));
  return { result, statements, total: Object.values(statements).reduce((a, b) => a + b, 0) };
}
