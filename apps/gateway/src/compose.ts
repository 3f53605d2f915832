import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS, readSubgraphSdl, type SubgraphName } from '@infusion/subgraphs';

export interface Composition {
  supergraphSdl: string;
  /** Composition hints: advice, not errors. */
  hints: string[];
}

/** Composes the committed subgraph SDLs into a supergraph; throws with every composition error. */
export function composeSupergraph(urls: Record<SubgraphName, string>, root?: string): Composition {
  const result = composeServices(
    SUBGRAPHS.map(({ name }) => ({ name, url: urls[name], typeDefs: parse(readSubgraphSdl(name, root)) })),
  );
  if (result.errors) {
    throw new Error(`Supergraph composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return { supergraphSdl: result.supergraphSdl, hints: result.hints.map((h) => `${h.definition.code}: ${h.message}`) };
}
