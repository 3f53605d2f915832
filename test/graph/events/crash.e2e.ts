import type { Principal } from '@infusion/subgraph-kit/auth';
import { insertChairFixtures, sqlRows as sql, type ChairFixture } from '@infusion/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callSubgraph } from '../../support/direct';
import { IsolatedStack, type IsolatedSubgraph } from './isolated-stack';
import { until } from './kit-harness';

/*
 * Crashes need processes of their own: a database of its own on the test platform's PostgreSQL,
 * with a facilities and a scheduling process this test starts, kills and restarts (the
 * platform's own scheduling would otherwise take the deliveries).
 */

const stack = new IsolatedStack('events-crash');
const ownerUrl = () => stack.ownerUrl();

const writer: Principal = {
  kind: 'OPS_USER',
  id: 'crash-test',
  credentialId: null,
  name: 'crash test',
  role: 'OPERATIONS',
  clientIds: null,
  siteIds: null,
  scopes: ['facilities:read', 'facilities:write'],
};

async function retire(facilities: IsolatedSubgraph, chairId: string): Promise<void> {
  const result = await callSubgraph('facilities', 'mutation($id: ID!) { retireChair(chairId: $id, reason: "crash test") { id } }', { id: chairId }, writer, {
    key: stack.signingKey,
    url: facilities.url,
  });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}

const retiredRows = async (chairId: string) => (await sql<{ n: number }>(ownerUrl(), 'select count(*)::int as n from scheduling.retired_chair where chair_id = $1', [chairId]))[0]!.n;
const deliveryOf = async (chairId: string) =>
  (await sql<{ id: string; state: string }>(ownerUrl(), "select id, state from events.delivery where aggregate_type = 'Chair' and aggregate_id = $1", [chairId]))[0];
const jobOf = async (deliveryId: string) =>
  (await sql<{ locked_by: string | null }>(ownerUrl(), 'select locked_by from graphile_worker.jobs where key = $1', [`delivery:${deliveryId}`]))[0];

let fixture: ChairFixture;
let facilities: IsolatedSubgraph;

beforeAll(async () => {
  await stack.create(['facilities', 'scheduling']);
  [fixture] = await insertChairFixtures(ownerUrl(), { clients: 1, chairsPerClient: 5, name: 'Crash test client' });
  // Facilities asks scheduling for a chair's bookings before it retires the chair: told the port
  // scheduling will be started, killed and restarted on.
  await stack.urlOfSubgraph('scheduling');
  facilities = await stack.start('facilities');
}, 120_000);

afterAll(() => stack.remove());

describe('a consumer that crashes', () => {
  it('handles an event exactly once in effect when killed (-9) after handling and before acknowledging', async () => {
    const chairId = fixture.chairIds[0]!;
    const crashing = await stack.start('scheduling', { INFUSION_EVENTS_TEST_CRASH_AFTER_HANDLING: '1' });
    const died = new Promise<NodeJS.Signals | null>((resolve) => crashing.process.child.once('exit', (_code, signal) => resolve(signal)));
    await retire(facilities, chairId);
    expect(await died).toBe('SIGKILL');

    // The effect committed, but the queue never heard: the job is still there, locked by the dead worker.
    const delivery = (await deliveryOf(chairId))!;
    expect(delivery.state).toBe('HANDLED');
    expect(await retiredRows(chairId)).toBe(1);
    expect((await jobOf(delivery.id))?.locked_by).toBeTruthy();

    const restarted = await stack.start('scheduling');
    try {
      await until('the restarted scheduling took the dead worker’s job and acknowledged it', async () => (await jobOf(delivery.id)) === undefined, 90_000);
      expect(await retiredRows(chairId)).toBe(1);
      expect(await stack.metric(restarted, 'events_duplicates_skipped_total')).toBe(1);
      expect(await stack.metric(restarted, 'events_handled_total')).toBe(0);
    } finally {
      await restarted.process.stop();
    }
  }, 180_000);

  it('keeps events while no consumer runs, shows the lag on /metrics while staying ready, and delivers them when it is back', async () => {
    const chairs = fixture.chairIds.slice(1, 4);
    const apiOnly = await stack.start('scheduling', { EVENTS_WORKER: 'off' });
    try {
      for (const chairId of chairs) await retire(facilities, chairId);
      expect(await stack.metric(apiOnly, 'events_backlog')).toBe(3);
      expect(await stack.metric(apiOnly, 'events_oldest_undelivered_seconds')).toBeGreaterThan(0);
      expect((await fetch(apiOnly.url.replace(/graphql$/, 'readyz'))).status).toBe(200);
    } finally {
      await apiOnly.process.stop();
    }

    const worker = await stack.start('scheduling');
    try {
      await until('the backlog is delivered', async () => (await stack.metric(worker, 'events_backlog')) === 0, 60_000);
      for (const chairId of chairs) expect(await retiredRows(chairId)).toBe(1);
      expect(await stack.metric(worker, 'events_handled_total')).toBe(3);
      expect(await stack.metric(worker, 'events_oldest_undelivered_seconds')).toBe(0);
    } finally {
      await worker.process.stop();
    }
  }, 120_000);

  it('stops cleanly on SIGTERM with its worker running', async () => {
    const worker = await stack.start('scheduling');
    await worker.process.stop();
    // A worker that held the process past its 5 s stop deadline would make it exit with 1.
    expect(worker.process.child.exitCode).toBe(0);
  });
});
