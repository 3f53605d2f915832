import type { PlatformInfo } from '@infusion/testkit';
import { buildDemoWorld, type DemoWorld } from '@infusion/demo-data';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    platform: PlatformInfo;
  }
}

/** The running platform booted by the testkit's global setup. */
export function platform(): PlatformInfo {
  return inject('platform');
}

let world: DemoWorld | undefined;

/** The demo world the platform was seeded with, to check answers against. */
export function seededWorld(): DemoWorld {
  const { seed, anchorDate } = platform();
  world ??= buildDemoWorld(seed, anchorDate);
  return world;
}
