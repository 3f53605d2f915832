import { AsyncLocalStorage } from 'node:async_hooks';

/** Lines computed when `/metrics` is read, e.g. the event backlog from the database. */
export type MetricsCollector = (service: string) => Promise<string[]>;

/**
 * Counters a subgraph exposes at `GET /metrics` in Prometheus text format. The SQL statement
 * counter lets tests and benchmarks measure how many statements a request costs across processes.
 */
export class Metrics {
  /** Statements sent for GraphQL operations: what a test or the bench counts as a request's cost. */
  sqlStatements = 0;
  /**
   * Statements sent outside GraphQL operations (the gateway's authentication route, event
   * deliveries and sweeps, the /metrics collectors), kept apart so that background work and
   * scrapes never add to an operation's count.
   */
  otherSqlStatements = 0;
  graphqlRequests = 0;
  graphqlErrors = 0;
  private readonly collectors: MetricsCollector[] = [];
  private readonly operations = new AsyncLocalStorage<true>();

  collect(collector: MetricsCollector): void {
    this.collectors.push(collector);
  }

  /** Runs `handle` (and all it starts) as a GraphQL operation, for the statement counters. */
  inOperation<T>(handle: () => T): T {
    return this.operations.run(true, handle);
  }

  /** Counts one SQL statement, to the operations when one sent it, else to the rest. */
  countSqlStatement(): void {
    if (this.operations.getStore()) this.sqlStatements++;
    else this.otherSqlStatements++;
  }

  /** Everything: the counters, then each collector's lines (a failing collector is left out). */
  async renderAll(service: string): Promise<string> {
    const extra = await Promise.all(this.collectors.map((collector) => collector(service).catch(() => [])));
    return this.render(service) + extra.flat().map((line) => `${line}\n`).join('');
  }

  render(service: string): string {
    const label = `{service="${service}"}`;
    return [
      '# HELP sql_statements_total SQL statements sent to PostgreSQL for GraphQL operations.',
      '# TYPE sql_statements_total counter',
      `sql_statements_total${label} ${this.sqlStatements}`,
      '# HELP sql_statements_other_total SQL statements sent outside GraphQL operations (authentication route, event deliveries, /metrics).',
      '# TYPE sql_statements_other_total counter',
      `sql_statements_other_total${label} ${this.otherSqlStatements}`,
      '# HELP graphql_requests_total GraphQL operations executed.',
      '# TYPE graphql_requests_total counter',
      `graphql_requests_total${label} ${this.graphqlRequests}`,
      '# HELP graphql_errors_total GraphQL operations that returned errors.',
      '# TYPE graphql_errors_total counter',
      `graphql_errors_total${label} ${this.graphqlErrors}`,
      '# HELP process_resident_memory_bytes Resident memory of this process.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes${label} ${process.memoryUsage.rss()}`,
      ...[...serviceCounters.values()].flatMap((c) => [`# HELP ${c.name} ${c.help}`, `# TYPE ${c.name} counter`, `${c.name}${label} ${c.value}`]),
      '',
    ].join('\n');
  }
}

/** A counter a service keeps about its own domain, shown at `/metrics` beside the kit's own. */
export class Counter {
  value = 0;

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(by = 1): void {
    this.value += by;
  }
}

const serviceCounters = new Map<string, Counter>();

/** The process's counter of that name (created on first use), e.g. identity's password verifications. */
export function serviceCounter(name: string, help: string): Counter {
  let counter = serviceCounters.get(name);
  if (!counter) {
    counter = new Counter(name, help);
    serviceCounters.set(name, counter);
  }
  return counter;
}
