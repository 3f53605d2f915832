import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from './compose';
import { REPO_ROOT, subgraphUrlsFromEnv } from '@infusion/subgraphs';

/**
 * `npm run compose`: writes infra/supergraph.graphql. With `--check` (part of `npm run build`) it
 * only composes, so a composition error fails the build.
 */
try {
  const { supergraphSdl, hints } = composeSupergraph(subgraphUrlsFromEnv());
  for (const hint of hints) console.warn(`hint: ${hint}`);
  if (process.argv.includes('--check')) {
    console.log(`supergraph composes (${hints.length} hints)`);
  } else {
    const target = join(REPO_ROOT, 'infra', 'supergraph.graphql');
    writeFileSync(target, supergraphSdl);
    console.log(`wrote ${target} (${hints.length} hints)`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
