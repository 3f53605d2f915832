import { writeFileSync, rmSync } from 'node:fs';
import { startTestPlatform } from './platform';

/**
 * Boots a test platform and keeps it running until Ctrl-C, writing its PlatformInfo to the file
 * named by the first argument; `TEST_PLATFORM=<file> npx vitest run <e2e file>` then reuses it.
 * For writing tests only: the suite itself always boots a fresh platform.
 */
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node packages/testkit/dist/serve.js <platform-info.json>');
  const { info, stop } = await startTestPlatform();
  writeFileSync(file, `${JSON.stringify(info, null, 2)}\n`);
  console.log(`[platform] ready; TEST_PLATFORM=${file}`);
  const shutdown = async () => {
    rmSync(file, { force: true });
    await stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
