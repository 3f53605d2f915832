import { readFileSync } from 'node:fs';
import { startTestPlatform, type PlatformInfo } from './platform';

interface SetupProject {
  provide(key: 'platform', value: PlatformInfo): void;
}

/**
 * vitest globalSetup: one real platform for all whole-graph tests of a run. While writing a test,
 * `TEST_PLATFORM=<file>` reuses a platform that `node packages/testkit/dist/serve.js <file>`
 * keeps running, instead of booting one per run.
 */
export default async function setup(project: SetupProject): Promise<() => Promise<void>> {
  const reused = process.env.TEST_PLATFORM;
  if (reused) {
    project.provide('platform', JSON.parse(readFileSync(reused, 'utf8')) as PlatformInfo);
    return async () => {};
  }
  const { info, stop } = await startTestPlatform();
  project.provide('platform', info);
  return stop;
}
