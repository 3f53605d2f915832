import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@infusion/devstack';
import { CONTEXT_HEADER, SCOPES, signCallerContext, signingKey, type Principal as CallerPrincipal } from '@infusion/subgraph-kit/auth';
import { isObjectType } from 'graphql';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platform, seededWorld } from '../../support/platform';
import { codesOf, connectionRetries, isHang, pool, rateLimitWaits, send, serverFaults, type Answer } from './client';
import { collect, probeRootField } from './collect';
import { changedGroups, checksums, ownerConnection, readOwnership, type Checksums } from './database';
import { entityOperation, entityResolutions } from './entities';
import { brief, Findings } from './findings';
import { FUZZ_VALUES } from './fuzz';
import { fitted, Generator, Unprobeable, type Fill, type IdMode, type Operation, type Step } from './generator';
import { Knowledge, type View } from './knowledge';
import { assembleCast, rotation, type Cast, type Principal } from './principals';
import { answersMany, apiSchema, connectionNode, isList, rootFields, type RootField } from './schema';

/**
 * The hostile suite (issue 8): generated from the composed schema, so every root field, mutation,
 * argument and list that later issues add is attacked without anyone listing it.
 *
 *   1. coverage   — every root field, mutation, argument and reachable field can be probed;
 *   2. isolation  — as each limited principal, no answer holds another client's (or site's) ids;
 *      entities   — nor does any subgraph's `_entities`, asked directly for such an entity;
 *   3. writes     — every mutation on another client's / site's / nobody's ids answers NOT_FOUND
 *                   or FORBIDDEN and changes no row;
 *   4. fuzz       — every argument, hostile values inline and as variables: no 5xx, no
 *                   INTERNAL_SERVER_ERROR, no internals;
 *   5. load       — every list field, 50 calls at once: every call answers.
 *
 * A probe that hangs marks the platform as not answering: each stage then stops after
 * STAGE_BUDGET_MS and reports what it could not run, so a hung subgraph fails the run in bounded
 * time instead of stalling it.
 */

const PROBE_TIMEOUT_MS = 20_000;
const LOAD_TIMEOUT_MS = 60_000;
const STAGE_BUDGET_MS = 45_000;
const CONCURRENT_CALLS = 50;
const ADMINS = 6;
const STAGE_TIMEOUT = 15 * 60_000;

const schema = apiSchema();
const roots = rootFields(schema);
const queries = roots.filter((r) => r.operation === 'query');
const mutations = roots.filter((r) => r.operation === 'mutation');

let knowledge: Knowledge;
let generator: Generator;
let cast: Cast;
let nextAdmin: () => Principal;
let owner: pg.Client;
/** Set when a probe got no answer: from then on each stage runs against a budget. */
let hungSince: number | undefined;

const log = (line: string) => console.log(`[hostile] ${line}`);
const seconds = (since: number) => `${Math.round((Date.now() - since) / 1000)} s`;
const url = () => platform().gatewayUrl;

async function probe(operation: Operation, principal: Principal, timeoutMs = PROBE_TIMEOUT_MS, retryUnavailable = false): Promise<Answer> {
  const answer = await send(url(), operation, principal.headers, { timeoutMs, retryUnavailable });
  if (isHang(answer)) hungSince ??= Date.now();
  return answer;
}

/** A stage stops starting probes once the platform hung and the stage has used its budget. */
function budget(findings: Findings, stage: string) {
  const started = Date.now();
  let skipped = 0;
  return {
    stopWhen: () => hungSince !== undefined && Date.now() - started > STAGE_BUDGET_MS,
    skipped: () => {
      skipped++;
      findings.add(`${stage}: probes not run — the platform stopped answering earlier in the run`, `${skipped} probes skipped after ${STAGE_BUDGET_MS / 1000} s`);
    },
  };
}

/** UUIDs in an answer (anywhere: data, errors, extensions). */
function idsIn(text: string): string[] {
  return (text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? []).map((id) => id.toLowerCase());
}

/**
 * Records what an answer must never hold for this principal: ids of another client (or of a
 * site it may not see), beyond the ids it sent itself.
 */
function checkLeaks(findings: Findings, what: string, principal: Principal, operation: Operation, answer: Answer): void {
  const forbidden = knowledge.forbiddenIds(principal.view);
  for (const id of new Set(idsIn(answer.text))) {
    if (operation.sent.has(id)) continue;
    const owner = `${knowledge.ownership.table.get(id)} of client ${knowledge.clientsOf(id)?.join(',')}`;
    if (forbidden.client.has(id)) findings.add(`${what}: answer holds another client's data`, `${id} (${owner}) in ${brief(answer)}`);
    else if (forbidden.site.has(id)) findings.add(`${what}: answer holds data of a site outside the limit`, `${id} (${owner}, site ${knowledge.siteOf(id)}) in ${brief(answer)}`);
  }
}

/** Records server faults under one class per field and kind of fault; `example` says which value did it. */
function checkFaults(findings: Findings, what: string, answer: Answer, tag?: string): boolean {
  const faults = serverFaults(answer);
  if (faults.length) findings.add(`${what}: ${faults.map((f) => f.replace(/: .*/, '')).join(' + ')}`, `${tag ? `${tag} → ` : ''}${brief(answer)}`, tag);
  return faults.length === 0;
}

/** Whether any id the operation sent is not the principal's own (another client's, another site's, or nobody's). */
function crosses(operation: Operation, view: View): boolean {
  return [...operation.sent].some((id) => !knowledge.ownership.table.has(id) || !knowledge.isVisible(id, view));
}

/**
 * The ways a field is pointed at data that is not the principal's: every reference at once or one
 * at a time (the rest consistent and own), at another client, another site, or nothing at all.
 */
function variants(root: RootField, principal: Principal): { name: string; fill: Fill }[] {
  const view = principal.view;
  const tenantPaths = generator.idPaths(root.field).filter((p) => p.tenant);
  const out: { name: string; fill: Fill }[] = [];
  if (!tenantPaths.length) return out;
  const levels: IdMode[] = view.siteIds ? ['foreign-client', 'foreign-site', 'random'] : ['foreign-client', 'random'];
  for (const ids of levels) {
    out.push({ name: `${ids} ids`, fill: { view, ids, optionalIds: true } });
    if (tenantPaths.length > 1) {
      for (const p of tenantPaths) out.push({ name: `${ids} ${p.path}, the rest own`, fill: { view, ids, paths: new Set([p.path]), optionalIds: true } });
    }
  }
  return out;
}

beforeAll(async () => {
  owner = await ownerConnection(platform().ownerDatabaseUrl);
  cast = await assembleCast(ADMINS);
  nextAdmin = rotation(cast.admins);
  knowledge = new Knowledge();
  for (const id of cast.victims) knowledge.createdBySuite.add(id);
  knowledge.ownership = await readOwnership(owner);
  generator = new Generator(schema, knowledge, platform().anchorDate);
  const findings = new Findings();
  const started = Date.now();
  const sent = await collect(generator, nextAdmin, {
    ask: (operation, admin) => probe(operation, admin),
    onAnswer: (what, answer) => checkFaults(findings, `learning ${what} as admin`, answer),
    stopWhen: () => hungSince !== undefined && Date.now() - started > STAGE_BUDGET_MS,
  });
  log(`learned ${knowledge.allObjects().length} objects of ${knowledge.types().length} types in ${sent} admin queries (${seconds(started)}); ${cast.limited.length} limited principals, ${cast.admins.length} admins`);
  if (findings.size) log(`while learning the data:\n${findings.report()}`);
}, 300_000);

afterAll(async () => {
  await owner?.end();
  log(`rate-limit waits over the run: ${rateLimitWaits.count}; requests sent again after a closed connection: ${connectionRetries.count}`);
});

describe('the hostile suite, generated from the composed schema', () => {
  it('can probe every root field, mutation, argument and reachable field', () => {
    const unprobeable = new Map<string, string>();
    const view: View = { clientIds: null, siteIds: null };
    const attempt = (what: string, build: () => unknown) => {
      try {
        build();
      } catch (error) {
        if (!(error instanceof Unprobeable)) throw error;
        unprobeable.set(error.coordinate, `${what}: ${error.reason}`);
      }
    };
    for (const root of roots) {
      attempt(root.coordinate, () => generator.rootOperation(root, { view, ids: 'own' }, 'all'));
      for (const path of generator.argumentPaths(root.field)) {
        attempt(`${root.coordinate}(${path})`, () => generator.pathOperation([root], { view, ids: 'own', fuzz: new Map([[path, FUZZ_VALUES[0]!]]) }, true));
      }
    }
    const reachable = generator.reachableFields();
    for (const { coordinate, path } of reachable) attempt(coordinate, () => generator.pathOperation(path, { view, ids: 'own' }));
    for (const resolution of entityResolutions(schema)) {
      attempt(`${resolution.subgraph} _entities(${resolution.type.name})`, () =>
        entityOperation(resolution, (field) => generator.inlineArguments(field, view, `${resolution.type.name}.${field.name}`)),
      );
    }
    const reachedTypes = new Set(reachable.map((r) => r.coordinate.split('.')[0]));
    const objectTypes = Object.values(schema.getTypeMap()).filter((t) => isObjectType(t) && !t.name.startsWith('__') && t !== schema.getQueryType() && t !== schema.getMutationType());
    log(
      `coverage: ${queries.length} root query fields, ${mutations.length} mutations, ${reachedTypes.size} object types and ${reachable.length} fields reachable, ` +
        `${roots.reduce((n, r) => n + generator.argumentPaths(r.field).length, 0)} root argument paths; ${objectTypes.length} object types in the schema`,
    );
    expect([...unprobeable].map(([coordinate, reason]) => `${coordinate} — ${reason}`), 'fields the generator cannot probe (teach it, or coverage shrinks)').toEqual([]);
  });

  it(
    'shows no principal anything of another client, or of a site outside its limit',
    async () => {
      const findings = new Findings();
      const started = Date.now();
      const tasks: { principal: Principal; root: RootField; variant?: { name: string; fill: Fill } }[] = [];
      for (const principal of cast.limited) {
        for (const root of queries) {
          tasks.push({ principal, root });
          for (const variant of variants(root, principal)) tasks.push({ principal, root, variant });
        }
      }
      let answered = 0;
      await pool(
        tasks,
        4,
        async ({ principal, root, variant }) => {
          const single = !isList(root.field.type) && !connectionNode(root.field.type);
          if (!variant) {
            // The principal's own data, with every nested object: nothing of anyone else may show.
            const parts = await probeRootField(generator, root, { view: principal.view, ids: 'own' }, (operation) => probe(operation, principal));
            for (const { part, operation, answer } of parts) {
              const what = `${root.coordinate}${part} as ${principal.label}`;
              findings.probes++;
              if (!checkFaults(findings, what, answer)) continue;
              checkLeaks(findings, what, principal, operation, answer);
              if ((answer.body?.data?.[root.field.name] ?? null) !== null) answered++;
            }
            return;
          }
          // Pointed at data that is not the principal's: nothing may come back but NOT_FOUND/FORBIDDEN or nothing.
          const operation = fitted(schema, (pageSize) => generator.rootOperation(root, { ...variant.fill, pageSize }, 'none'));
          if (!crosses(operation, principal.view)) return;
          const what = `${root.coordinate} with ${variant.name} as ${principal.label}`;
          const answer = await probe(operation, principal);
          findings.probes++;
          if (!checkFaults(findings, what, answer)) return;
          checkLeaks(findings, what, principal, operation, answer);
          if (single) {
            const codes = codesOf(answer);
            if ((answer.body?.data?.[root.field.name] ?? null) !== null) findings.add(`${what}: answered another's entity`, brief(answer));
            else if (!codes.length || codes.some((c) => c !== 'NOT_FOUND' && c !== 'FORBIDDEN'))
              findings.add(`${what}: answered ${[...new Set(codes)].join(',') || 'null without error'} instead of NOT_FOUND/FORBIDDEN`, brief(answer));
          }
        },
        budget(findings, 'isolation'),
      );
      log(`isolation: ${findings.probes} probes in ${seconds(started)} of ${queries.length} root query fields as ${cast.limited.length} principals (${answered} own-data probes answered data)`);
      conclude('isolation', findings);
    },
    STAGE_TIMEOUT,
  );

  it(
    "resolves no other client's or other site's entity through any subgraph's _entities",
    async () => {
      const findings = new Findings();
      const started = Date.now();
      const resolutions = entityResolutions(schema);
      // One caller per distinct view: a client, a site of a client, the other client.
      const world = seededWorld();
      const principals = [...new Map(cast.limited.map((p) => [JSON.stringify(p.view), p.view])).values()].map((view) => ({
        ...cast.limited.find((p) => p.view === view)!,
        label: `a caller limited to ${view.clientIds!.map((c) => world.clients.find((w) => w.id === c)?.name ?? c).join(', ')}${view.siteIds ? ` (${view.siteIds.map((s) => world.sites.find((w) => w.id === s)?.name ?? s).join(', ')})` : ''}`,
      }));
      const tasks: { resolution: (typeof resolutions)[number]; principal: Principal; ids: IdMode }[] = [];
      for (const resolution of resolutions) {
        for (const principal of principals) {
          for (const ids of principal.view.siteIds ? (['foreign-client', 'foreign-site', 'random'] as const) : (['foreign-client', 'random'] as const)) tasks.push({ resolution, principal, ids });
        }
      }
      const key = signingKey(platform().contextSigningKey);
      await pool(
        tasks,
        4,
        async ({ resolution, principal, ids }) => {
          const { type, subgraph } = resolution;
          const id = ids === 'random' ? randomUUID() : knowledge.foreign(type.name, principal.view, ids === 'foreign-site' ? 'site' : 'client')[0]?.id;
          if (!id) return;
          const query = entityOperation(resolution, (field) => generator.inlineArguments(field, principal.view, `${type.name}.${field.name}`));
          // As the gateway would call the subgraph for this principal: limited to its clients and sites, every scope.
          const caller: CallerPrincipal = { kind: 'API_KEY', id: 'hostile-suite', credentialId: null, name: 'hostile suite', role: null, clientIds: principal.view.clientIds, siteIds: principal.view.siteIds, scopes: [...SCOPES] };
          const context = await signCallerContext({ principal: caller, requestId: 'hostile', remoteAddress: '127.0.0.1' }, key);
          const operation = { query, variables: { r: [{ __typename: type.name, id }] }, sent: new Set([id]) };
          const answer = await send(platform().subgraphUrls[subgraph]!, operation, { [CONTEXT_HEADER]: context }, { timeoutMs: PROBE_TIMEOUT_MS });
          if (isHang(answer)) hungSince ??= Date.now();
          findings.probes++;
          const what = `${subgraph} _entities(${type.name}) with a ${ids.replace('foreign-', 'foreign ')} id as ${principal.label}`;
          if (checkFaults(findings, what, answer)) checkLeaks(findings, what, principal, operation, answer);
        },
        budget(findings, 'entities'),
      );
      log(`entities: ${findings.probes} probes in ${seconds(started)} of ${resolutions.length} entity resolutions in ${new Set(resolutions.map((r) => r.subgraph)).size} subgraphs as ${principals.length} views`);
      conclude('entities', findings);
    },
    STAGE_TIMEOUT,
  );

  it(
    "refuses every mutation on another client's, another site's or nobody's ids, and changes nothing",
    async () => {
      const findings = new Findings();
      const started = Date.now();
      let before: Checksums = await settled();
      let covered = 0;
      const withoutReferences: string[] = [];
      const stop = budget(findings, 'writes');
      for (const root of mutations) {
        const tenantPaths = generator.idPaths(root.field).filter((p) => p.tenant);
        if (!tenantPaths.length) withoutReferences.push(root.field.name);
        covered++;
        for (const principal of cast.limited) {
          const runs: { name: string; fill: Fill; strict: boolean }[] = variants(root, principal).map((v) => ({ ...v, strict: true }));
          // Optional references left out must not widen what the caller may reach (an unlimited user, a key for every site).
          if (generator.idPaths(root.field).some((p) => p.tenant && !p.required)) runs.push({ name: 'optional references left out', fill: { view: principal.view, ids: 'own' }, strict: false });
          // A mutation without references still must not leak or fail; one without arguments would end an ops user's session.
          if (!tenantPaths.length && (root.field.args.length || principal.kind === 'API_KEY')) runs.push({ name: 'own arguments', fill: { view: principal.view, ids: 'own' }, strict: false });
          for (const run of runs) {
            if (stop.stopWhen()) {
              stop.skipped();
              continue;
            }
            const operation = generator.rootOperation(root, run.fill, 'none');
            if (run.strict && !crosses(operation, principal.view)) continue;
            const what = `${root.coordinate} with ${run.name} as ${principal.label}`;
            const answer = await probe(operation, principal);
            findings.probes++;
            const after = await checksums(owner);
            const changed = changedGroups(before, after);
            before = after;
            checkFaults(findings, what, answer);
            checkLeaks(findings, what, principal, operation, answer);
            const codes = codesOf(answer);
            const data = answer.body?.data?.[root.field.name] ?? null;
            if (run.strict) {
              const problems: string[] = [];
              if (data !== null) problems.push('succeeded');
              else if (!codes.length) problems.push('answered null without an error');
              else if (codes.some((c) => c !== 'NOT_FOUND' && c !== 'FORBIDDEN')) problems.push(`answered ${[...new Set(codes)].join(',')} instead of NOT_FOUND/FORBIDDEN`);
              if (changed.length) problems.push('changed rows');
              if (problems.length) findings.add(`${what}: ${problems.join(' and ')}`, `${changed.length ? `changed ${changed.join('; ')} — ` : ''}${brief(answer)}`);
            } else {
              const outside = changed.filter((group) => !ownGroup(group, principal.view));
              if (outside.length) findings.add(`${what}: changed rows outside the caller's clients`, `${outside.join('; ')} — ${brief(answer)}`);
              if (data === null && !codes.length) findings.add(`${what}: answered null without an error`, brief(answer));
            }
          }
        }
      }
      log(`writes: ${findings.probes} probes in ${seconds(started)} of ${covered} mutations as ${cast.limited.length} principals; without entity references: ${withoutReferences.join(', ') || 'none'}`);
      conclude('writes', findings);
    },
    STAGE_TIMEOUT,
  );

  it(
    'answers hostile arguments as client mistakes: no 5xx, no INTERNAL_SERVER_ERROR, no internals',
    async () => {
      const findings = new Findings();
      const started = Date.now();
      const admin: View = { clientIds: null, siteIds: null };
      const targets: { coordinate: string; path: Step[] }[] = [
        ...roots.map((root) => ({ coordinate: root.coordinate, path: [root as Step] })),
        ...generator.reachableFields().filter(({ path }) => path[path.length - 1]!.field.args.length),
      ];
      const probes: { what: string; example: string; operation: Operation }[] = [];
      let argumentPaths = 0;
      for (const { coordinate, path } of targets) {
        const field = path[path.length - 1]!.field;
        // Mutations get ids that exist nowhere, so a hostile value that is accepted commits nothing of the demo world.
        const ids: IdMode = path[0]!.operation === 'mutation' ? 'random' : 'own';
        for (const argument of generator.argumentPaths(field)) {
          argumentPaths++;
          for (const value of FUZZ_VALUES) {
            for (const inline of [true, false]) {
              const operation = generator.pathOperation(path, { view: admin, ids, inline, pageSize: 2, fuzz: new Map([[argument, value]]) }, true);
              probes.push({ what: `${coordinate}(${argument}) ${inline ? 'inline' : 'as a variable'}`, example: `${value.label}`, operation });
            }
          }
        }
      }
      await pool(
        probes,
        6,
        async ({ what, example, operation }) => {
          const answer = await probe(operation, nextAdmin());
          findings.probes++;
          checkFaults(findings, what, answer, example);
        },
        budget(findings, 'fuzz'),
      );
      log(`fuzz: ${findings.probes} probes in ${seconds(started)} of ${argumentPaths} argument paths on ${targets.length} fields (${FUZZ_VALUES.length} values, inline and as variables)`);
      conclude('fuzz', findings);
    },
    STAGE_TIMEOUT,
  );

  it(
    `answers every list field called ${CONCURRENT_CALLS} times at once`,
    async () => {
      const findings = new Findings();
      const started = Date.now();
      const admin: View = { clientIds: null, siteIds: null };
      const lists: { coordinate: string; path: Step[] }[] = [
        ...queries.filter((r) => answersMany(r.field)).map((root) => ({ coordinate: root.coordinate, path: [root as Step] })),
        ...generator.reachableFields().filter(({ path }) => answersMany(path[path.length - 1]!.field)),
      ];
      const stop = budget(findings, 'load');
      for (const { coordinate, path } of lists) {
        if (stop.stopWhen()) {
          stop.skipped();
          continue;
        }
        const operation = generator.pathOperation(path, { view: admin, ids: 'own', pageSize: 5 });
        const answers = await Promise.all(Array.from({ length: CONCURRENT_CALLS }, () => probe(operation, nextAdmin(), LOAD_TIMEOUT_MS, true)));
        findings.probes += answers.length;
        for (const answer of answers) checkFaults(findings, `${coordinate} ×${CONCURRENT_CALLS} at once`, answer);
        const withErrors = answers.filter((a) => a.body?.errors?.length && !serverFaults(a).length);
        if (withErrors.length) findings.add(`${coordinate} ×${CONCURRENT_CALLS} at once: answered errors`, `${withErrors.length} calls, e.g. ${brief(withErrors[0]!)}`);
      }
      log(`load: ${findings.probes} calls in ${seconds(started)}, ${lists.length} list fields × ${CONCURRENT_CALLS} at once`);
      conclude('load', findings);
    },
    STAGE_TIMEOUT,
  );
});

/**
 * Ends a stage: its full report goes to test-results/hostile-<stage>.txt (the assertion shows the
 * most frequent classes), and the stage fails if any probe did.
 */
function conclude(stage: string, findings: Findings): void {
  mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
  writeFileSync(join(REPO_ROOT, 'test-results', `hostile-${stage}.txt`), `${findings.size ? findings.report(Number.POSITIVE_INFINITY) : 'no failing probes'}\n`);
  expect(findings.size, findings.report()).toBe(0);
}

/** Whether a checksum group (`table [owner]`) is the caller's own clients' data. */
function ownGroup(group: string, view: View): boolean {
  const owner = group.match(/\[(.*)\]$/)?.[1] ?? '';
  if (!view.clientIds) return true;
  const ids = owner.replace(/[{}]/g, '').split(',').filter(Boolean);
  return ids.length > 0 && ids.every((id) => view.clientIds!.includes(id));
}

/** Checksums once the database is quiet (work queued by earlier tests has landed). */
async function settled(): Promise<Checksums> {
  let previous = await checksums(owner);
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const next = await checksums(owner);
    if (!changedGroups(previous, next).length) return next;
    previous = next;
  }
  return previous;
}
