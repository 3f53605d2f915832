import { getNamedType, isObjectType } from 'graphql';
import { codesOf, pool, serverFaults, type Answer } from './client';
import { fitted, type Fill, type Generator, type Operation } from './generator';
import type { Knowledge, View } from './knowledge';
import type { Principal } from './principals';
import { connectionNode, fieldsOf, isLeaf, rootFields, type RootField } from './schema';

/** Nested object fields of what a root field answers: probed one at a time, so one slow field spoils only its own probe. */
export function nestedFields(root: RootField): string[] {
  const named = connectionNode(root.field.type) ?? getNamedType(root.field.type);
  return isObjectType(named) ? fieldsOf(named).filter((f) => !isLeaf(f.type)).map((f) => f.name) : [];
}

export interface RootProbe {
  /** '' for the whole field, ` { nested }` for one nested field. */
  part: string;
  operation: Operation;
  answer: Answer;
}

/**
 * Probes a root field with every nested object at once (pages sized to stay under the gateway's
 * cost limit); when that answer is faulty or refused as too complex, again with one nested
 * field at a time, so the report says which field is at fault.
 */
export async function probeRootField(generator: Generator, root: RootField, fill: Fill, ask: (operation: Operation) => Promise<Answer>): Promise<RootProbe[]> {
  const whole = fitted(generator.schema, (pageSize) => generator.rootOperation(root, { ...fill, pageSize }, 'all'));
  const answer = await ask(whole);
  const nested = nestedFields(root);
  if (!nested.length || (!serverFaults(answer).length && !codesOf(answer).includes('QUERY_TOO_COMPLEX'))) return [{ part: '', operation: whole, answer }];
  const parts: RootProbe[] = [];
  for (const part of ['none', ...nested]) {
    const operation = fitted(generator.schema, (pageSize) => generator.rootOperation(root, { ...fill, pageSize }, part));
    parts.push({ part: part === 'none' ? '' : ` { ${part} }`, operation, answer: await ask(operation) });
  }
  return parts;
}

/**
 * Learns the data as the unrestricted admin: every root query field with its nested objects,
 * first those that need no ids, then those that do, once per client and site so that every
 * client's and site's ids are known by type.
 */
export async function collect(
  generator: Generator,
  nextAdmin: () => Principal,
  options: {
    ask: (operation: Operation, admin: Principal) => Promise<Answer>;
    onAnswer: (what: string, answer: Answer) => void;
    /** Stop asking (the platform stopped answering): what is known by then must do. */
    stopWhen: () => boolean;
  },
): Promise<number> {
  const knowledge: Knowledge = generator.knowledge;
  const queries = rootFields(generator.schema).filter((r) => r.operation === 'query');
  const views: View[] = [
    { clientIds: null, siteIds: null },
    ...knowledge.ownership.clientIds.map((c) => ({ clientIds: [c], siteIds: null })),
    ...[...knowledge.ownership.siteIds].map(([site, client]) => ({ clientIds: [client], siteIds: [site] })),
  ];
  let sent = 0;
  const done = new Set<string>();
  for (let pass = 0; pass < 3; pass++) {
    const probes: { root: RootField; view: View }[] = [];
    for (const root of queries) {
      if (done.has(root.coordinate)) continue;
      const needed = generator.idPaths(root.field).filter((p) => p.required);
      // Wait for a later pass until some object of each required id's type is known.
      if (needed.some((p) => p.target && !knowledge.objects(p.target).length) && pass < 2) continue;
      done.add(root.coordinate);
      for (const view of needed.length ? views : views.slice(0, 1)) probes.push({ root, view });
    }
    // Views that pick the same ids make the same operation: ask it once.
    const seen = new Set<string>();
    await pool(probes, 4, async ({ root, view }) => {
      if (options.stopWhen()) return;
      const parts = await probeRootField(generator, root, { view, ids: 'own' }, async (operation) => {
        const key = JSON.stringify([operation.query, operation.variables]);
        if (seen.has(key)) return { status: 200, text: '' };
        seen.add(key);
        sent++;
        return options.ask(operation, nextAdmin());
      });
      for (const { part, answer } of parts) {
        if (!answer.text) continue;
        options.onAnswer(`${root.coordinate}${part}`, answer);
        knowledge.absorb(answer.body?.data);
      }
    });
  }
  return sent;
}
