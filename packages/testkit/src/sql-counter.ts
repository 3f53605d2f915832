/** Where to read metrics: the subgraphs and the token their `/metrics` asks for (a PlatformInfo will do). */
export interface MetricsSource {
  subgraphUrls: Record<string, string>;
  metricsToken: string;
}

/** Reads one metric from every subgraph's `/metrics` (Prometheus text format). */
export async function metricBySubgraph(source: MetricsSource, metric: string): Promise<Record<string, number>> {
  const line = new RegExp(`^${metric}\\{[^}]*\\} (\\d+)$`, 'm');
  const entries = await Promise.all(
    Object.entries(source.subgraphUrls).map(async ([name, url]) => {
      const response = await fetch(url.replace(/\/graphql$/, '/metrics'), { headers: { authorization: `Bearer ${source.metricsToken}` } });
      const text = await response.text();
      const match = line.exec(text);
      if (!match) throw new Error(`${name} /metrics (HTTP ${response.status}) has no ${metric}`);
      return [name, Number(match[1])] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * `sql_statements_total` of every subgraph, so a test can measure how many SQL statements one
 * operation cost across all processes.
 */
export function sqlStatementsBySubgraph(source: MetricsSource): Promise<Record<string, number>> {
  return metricBySubgraph(source, 'sql_statements_total');
}

/** Runs `operation` and returns its result with the SQL statements each subgraph ran meanwhile. */
export async function countSqlStatements<T>(
  source: MetricsSource,
  operation: () => Promise<T>,
): Promise<{ result: T; statements: Record<string, number>; total: number }> {
  const before = await sqlStatementsBySubgraph(source);
  const result = await operation();
  const after = await sqlStatementsBySubgraph(source);
  const statements = Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - (before[k] ?? 0)]));
  return { result, statements, total: Object.values(statements).reduce((a, b) => a + b, 0) };
}
