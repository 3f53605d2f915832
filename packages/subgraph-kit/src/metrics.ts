/**
 * Counters a subgraph exposes at `GET /metrics` in Prometheus text format. The SQL statement
 * counter lets tests and benchmarks measure how many statements a request costs across processes.
 */
export class Metrics {
  sqlStatements = 0;
  graphqlRequests = 0;
  graphqlErrors = 0;

  render(service: string): string {
    const label = `{service="${service}"}`;
    return [
      '# HELP sql_statements_total SQL statements sent to PostgreSQL.',
      '# TYPE sql_statements_total counter',
      `sql_statements_total${label} ${this.sqlStatements}`,
      '# HELP graphql_requests_total GraphQL operations executed.',
      '# TYPE graphql_requests_total counter',
      `graphql_requests_total${label} ${this.graphqlRequests}`,
      '# HELP graphql_errors_total GraphQL operations that returned errors.',
      '# TYPE graphql_errors_total counter',
      `graphql_errors_total${label} ${this.graphqlErrors}`,
      '# HELP process_resident_memory_bytes Resident memory of this process.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes${label} ${process.memoryUsage.rss()}`,
      '',
    ].join('\n');
  }
}
