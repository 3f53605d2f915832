import { startTestPlatform, type PlatformInfo } from './platform';

interface SetupProject {
  provide(key: 'platform', value: PlatformInfo): void;
}

/** vitest globalSetup: one real platform for all whole-graph tests of a run. */
export default async function setup(project: SetupProject): Promise<() => Promise<void>> {
  const { info, stop } = await startTestPlatform();
  project.provide('platform', info);
  return stop;
}
