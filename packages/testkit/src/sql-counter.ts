/**
 * Reads `sql_statements_total` from every subgraph's `/metrics`, so a test can measure how many
 * SQL statements one operation cost across all processes.
 */
export async function sqlStatementsBySubgraph(subgraphUrls: Record<string, string>): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(subgraphUrls).map(async ([name, url]) => {
      const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
      const match = /^sql_statements_total\{[^}]*\} (\d+)$/m.exec(text);
      if (!match) throw new Error(`${name} /metrics has no sql_statements_total`);
      return [name, Number(match[1])] as const;
    }),
  );
  return Object.fromEntries(entries);
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
