// Typed GraphQL documents for the console, from the graph's own schema (no hand-written response types).
//  1. The API schema: the supergraph (infra/supergraph.graphql, composed from the subgraphs' SDL) with its
//     federation machinery removed — exactly what clients of the gateway see.
//  2. GraphQL Code Generator's client preset over every graphql(`…`) document in src/, written to src/gql/.
// Programmatic (@graphql-codegen/core) rather than the CLI: the CLI's loaders need Node 22.
const { readFileSync, writeFileSync, mkdirSync, readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');
const { Supergraph } = require('@apollo/federation-internals');
const { codegen } = require('@graphql-codegen/core');
const { preset } = require('@graphql-codegen/client-preset');
const { parse, printSchema } = require('graphql');

const root = join(__dirname, '..');
const supergraphPath = join(root, '..', '..', 'infra', 'supergraph.graphql');
const outDir = join(root, 'src', 'gql');

function apiSchema() {
  // The gateway enforces nothing of `for: SECURITY` itself (the subgraphs do); the API schema is the same either way.
  const supergraph = Supergraph.build(readFileSync(supergraphPath, 'utf8'), { supportedFeatures: null });
  return supergraph.apiSchema().toGraphQLJSSchema();
}

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path === outDir ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every graphql(`…`) call's text: the console writes its documents only this way, without interpolation. */
function documents() {
  return sourceFiles(join(root, 'src')).flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    return [...text.matchAll(/\bgraphql\(\s*`([^`]*)`\s*\)/g)].map((m) => ({ location: relative(root, path), document: parse(m[1]), rawSDL: m[1] }));
  });
}

async function main() {
  const schemaAst = apiSchema();
  const schema = parse(printSchema(schemaAst));
  const sections = await preset.buildGeneratesSection({
    baseOutputDir: `${outDir}/`,
    presetConfig: { fragmentMasking: false },
    plugins: [],
    pluginMap: {},
    schema,
    schemaAst,
    documents: documents(),
    config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', LocalDate: 'string', Decimal: 'string' } },
  });
  mkdirSync(outDir, { recursive: true });
  for (const section of sections) {
    const content = await codegen({ ...section, schemaAst });
    writeFileSync(section.filename, content);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
