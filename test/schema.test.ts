import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from '@infusion/gateway/compose';
import { REPO_ROOT, SUBGRAPHS, subgraphUrlsFromEnv } from '@infusion/subgraphs';
import { Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';

describe('the committed schemas', () => {
  it.each(SUBGRAPHS.map((s) => s.name))('services/%s/schema.graphql matches what the code prints', (name) => {
    const printed = execFileSync(process.execPath, [join(REPO_ROOT, 'services', name, 'dist', 'cli.js'), 'print-schema'], {
      encoding: 'utf8',
    });
    const committed = readFileSync(join(REPO_ROOT, 'services', name, 'schema.graphql'), 'utf8');
    expect(committed.trim(), `run: node services/${name}/dist/cli.js print-schema > services/${name}/schema.graphql`).toBe(
      printed.trim(),
    );
  });

  it('compose into one supergraph without errors or hints', () => {
    const { hints } = composeSupergraph(subgraphUrlsFromEnv({}));
    expect(hints).toEqual([]);
  });

  it('infra/supergraph.graphql is up to date (npm run compose)', () => {
    const { supergraphSdl } = composeSupergraph(subgraphUrlsFromEnv({}));
    expect(readFileSync(join(REPO_ROOT, 'infra', 'supergraph.graphql'), 'utf8')).toBe(supergraphSdl);
  });

  it('documents every type, field and argument (the schema is the API documentation)', () => {
    const missing: string[] = [];
    const describedTypes = new Set<string>();
    const seenTypes = new Set<string>();
    for (const { name } of SUBGRAPHS) {
      const document = parse(readFileSync(join(REPO_ROOT, 'services', name, 'schema.graphql'), 'utf8'));
      for (const def of document.definitions) {
        if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.ENUM_TYPE_DEFINITION && def.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION) continue;
        const typeName = def.name.value;
        seenTypes.add(typeName);
        if (def.description) describedTypes.add(typeName);
        if (def.kind === Kind.ENUM_TYPE_DEFINITION) continue;
        for (const field of def.fields ?? []) {
          if (!field.description) missing.push(`${name}: ${typeName}.${field.name.value}`);
          for (const arg of 'arguments' in field ? (field.arguments ?? []) : []) {
            if (!arg.description) missing.push(`${name}: ${typeName}.${field.name.value}(${arg.name.value})`);
          }
        }
      }
    }
    for (const typeName of seenTypes) {
      if (!describedTypes.has(typeName) && !['Query', 'Mutation'].includes(typeName)) missing.push(`type ${typeName}`);
    }
    expect(missing).toEqual([]);
  });
});
