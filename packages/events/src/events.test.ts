import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChairRetired, EVENT_CATALOGUE } from './catalogue';
import { readEventsConfig } from './config';
import { QUEUE_BUCKETS } from './database';
import { WaitingForEarlierEvent, describeFailure } from './deliver';
import { defineEvent, onEvent } from './event';
import { queueBucket } from './publish';
import { checkHandlers } from './subgraph';

const ChairMoved = defineEvent({
  name: 'ChairMoved',
  version: 1,
  description: 'test',
  producer: 'facilities',
  consumers: ['scheduling', 'inventory'],
  aggregate: 'Chair',
  payload: z.object({ chairId: z.uuid() }),
  aggregateId: (p) => p.chairId,
});
const catalogue = [ChairRetired, ChairMoved] as const;
const noop = async () => undefined;

describe('the event catalogue', () => {
  it('lets scheduling start with a handler for every event that names it as a consumer', () => {
    expect(() => checkHandlers('scheduling', [onEvent(ChairRetired, noop), onEvent(ChairMoved, noop)], catalogue)).not.toThrow();
    expect(() => checkHandlers('facilities', [], EVENT_CATALOGUE)).not.toThrow();
  });

  it('refuses to start a consumer that has no handler for an event sent to it', () => {
    expect(() => checkHandlers('inventory', [], catalogue)).toThrow(/ChairMoved@v1 lists inventory as a consumer but it has no handler/);
  });

  it('refuses a handler for an event that is not sent to the subgraph, or one handled twice', () => {
    expect(() => checkHandlers('facilities', [onEvent(ChairRetired, noop)], catalogue)).toThrow(/does not list facilities among its consumers/);
    expect(() => checkHandlers('scheduling', [onEvent(ChairRetired, noop), onEvent(ChairRetired, noop), onEvent(ChairMoved, noop)], catalogue)).toThrow(
      /two handlers for ChairRetired@v1/,
    );
    expect(() => checkHandlers('scheduling', [onEvent(ChairRetired, noop)], [ChairRetired])).not.toThrow();
    expect(() => checkHandlers('scheduling', [onEvent(ChairRetired, noop), onEvent(ChairMoved, noop)], [ChairRetired])).toThrow(/ChairMoved@v1 is not in the event catalogue/);
  });

  it('names events as past-tense PascalCase facts with a positive version', () => {
    const base = { description: 'x', producer: 'a', consumers: [], aggregate: 'X', payload: z.object({}), aggregateId: () => 'x' };
    expect(() => defineEvent({ ...base, name: 'chair_retired', version: 1 })).toThrow(/PascalCase/);
    expect(() => defineEvent({ ...base, name: 'ChairRetired', version: 0 })).toThrow(/positive integer/);
  });

  it('describes ChairRetired v1 with a payload that round-trips through JSON', () => {
    const payload = { chairId: crypto.randomUUID(), siteId: crypto.randomUUID(), reason: 'frame cracked', retiredAt: new Date().toISOString() };
    expect(ChairRetired.payload.parse(JSON.parse(JSON.stringify(payload)))).toEqual(payload);
    expect(ChairRetired.payload.safeParse({ ...payload, reason: '' }).success).toBe(false);
    expect(ChairRetired.aggregateId(payload)).toBe(payload.chairId);
  });
});

describe('queues', () => {
  it('sends every event of one aggregate to the same named queue, spread over a fixed number', () => {
    const id = crypto.randomUUID();
    expect(queueBucket('Chair', id)).toBe(queueBucket('Chair', id));
    const buckets = new Set(Array.from({ length: 500 }, () => queueBucket('Chair', crypto.randomUUID())));
    expect([...buckets].every((b) => b >= 0 && b < QUEUE_BUCKETS)).toBe(true);
    expect(buckets.size).toBeGreaterThan(QUEUE_BUCKETS / 2);
  });
});

describe('what ops read about a failure', () => {
  it('keeps a database error to its SQLSTATE and constraint, never the SQL the driver put in its message', () => {
    const error = Object.assign(new Error('insert into "scheduling"."retired_chair" ... - duplicate key value violates unique constraint'), {
      name: 'UniqueConstraintViolationException',
      code: '23505',
      constraint: 'retired_chair_pkey',
    });
    expect(describeFailure(error)).toBe('UniqueConstraintViolationException (SQLSTATE 23505, constraint retired_chair_pkey)');
  });

  it('keeps other errors to their kind and message, and says what a waiting event waits for', () => {
    expect(describeFailure(new TypeError('boom'))).toBe('TypeError: boom');
    expect(describeFailure('plain')).toBe('Error: plain');
    expect(describeFailure(new WaitingForEarlierEvent({ id: 'd1', eventName: 'ChairRetired', state: 'DEAD' }))).toMatch(/earlier ChairRetired .*d1, DEAD/);
  });
});

describe('worker settings', () => {
  it('runs the worker with four deliveries at a time unless told otherwise, and never crashes on purpose', () => {
    expect(readEventsConfig({})).toEqual({ worker: true, concurrency: 4, crashAfterHandling: false });
    expect(readEventsConfig({ EVENTS_WORKER: 'off', EVENTS_CONCURRENCY: '2' })).toMatchObject({ worker: false, concurrency: 2 });
  });

  it('refuses settings it does not understand', () => {
    expect(() => readEventsConfig({ EVENTS_WORKER: 'maybe' })).toThrow(/EVENTS_WORKER/);
    expect(() => readEventsConfig({ EVENTS_CONCURRENCY: '0' })).toThrow(/EVENTS_CONCURRENCY/);
  });
});
