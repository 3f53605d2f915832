import pg from 'pg';
import { WORKER_SCHEMA } from './database';

/**
 * graphile-worker leaves the jobs of a worker that died without stopping (kill -9, power loss)
 * locked for four hours, and with them their named queue. Its documented remedy is
 * `force_unlock_workers` for worker pools known to be dead; this is how we know.
 *
 * Each worker pool holds a session-level advisory lock named after its pool id for as long as
 * it lives (PostgreSQL releases it when the session ends, however the process ended). A pool
 * whose lock can be taken is dead, so its jobs are unlocked and run again; the handlers'
 * idempotency makes that safe even for a job whose effect had already committed.
 */
const LOCK_CLASS = 0x65766e74; // 'evnt': the two-key advisory lock space, apart from single-key locks

/** Locks younger than this may belong to a pool that is still taking its liveness lock. */
const GRACE_SECONDS = 5;

export class WorkerLiveness {
  private constructor(
    private readonly client: pg.Client,
    private readonly poolId: string,
  ) {}

  /** Claims `poolId`'s liveness lock on a connection of its own, held until `release`. */
  static async claim(databaseUrl: string, poolId: string, applicationName: string): Promise<WorkerLiveness> {
    const client = new pg.Client({ connectionString: databaseUrl, application_name: applicationName });
    // A dropped connection ends the claim; the pool keeps working, and at worst another
    // process unlocks its running jobs, which then run twice without a second effect.
    client.on('error', () => undefined);
    await client.connect();
    await client.query('select pg_advisory_lock($1, hashtext($2))', [LOCK_CLASS, poolId]);
    return new WorkerLiveness(client, poolId);
  }

  /** Unlocks the jobs of every dead worker pool; returns their ids. */
  async recoverCrashedWorkers(): Promise<string[]> {
    const { rows } = await this.client.query<{ locked_by: string }>(
      `select distinct locked_by from ${WORKER_SCHEMA}.jobs
       where locked_by is not null and locked_by <> $1 and locked_at < now() - make_interval(secs => $2)`,
      [this.poolId, GRACE_SECONDS],
    );
    const recovered: string[] = [];
    for (const { locked_by: poolId } of rows) {
      const { rows: [probe] } = await this.client.query<{ dead: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as dead', [LOCK_CLASS, poolId]);
      if (!probe?.dead) continue;
      try {
        await this.client.query(`select ${WORKER_SCHEMA}.force_unlock_workers($1::text[])`, [[poolId]]);
        recovered.push(poolId);
      } finally {
        await this.client.query('select pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, poolId]);
      }
    }
    return recovered;
  }

  async release(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
