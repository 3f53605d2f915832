import { defineConfig } from 'vitest/config';

/**
 * One vitest run for the whole repository, in two projects:
 *  - unit: `*.test.ts` beside the code and in test/ (no platform needed);
 *  - e2e:  `test/**\/*.e2e.ts`, sharing one real platform (PostgreSQL, subgraphs, gateway)
 *          booted once by the testkit's global setup.
 */
export default defineConfig({
  // Decorators need legacy semantics and metadata, as tsc emits them (shared/STACK.md).
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } } as never,
  // One graphql realm: CommonJS dependencies load graphql's CJS build, so must we.
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    exclude: ['**/node_modules/**', '**/dist/**'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 30_000,
    hookTimeout: 240_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['services/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'test/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.ts'],
          globalSetup: ['packages/testkit/dist/global-setup.js'],
          // One file at a time: statement counts read from /metrics must not mix requests.
          fileParallelism: false,
        },
      },
    ],
  },
});
