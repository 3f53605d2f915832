/**
 * Starts a throwaway PostgreSQL for trying out migrations and seeds by hand:
 *   node packages/devstack/dist/scratch-db.js [port] [dir]
 * prints the owner and app URLs and runs until Ctrl-C.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from './postgres';

async function main(): Promise<void> {
  const port = Number(process.argv[2] ?? 55432);
  const dataDir = process.argv[3] ?? mkdtempSync(join(tmpdir(), 'infusion-scratch-'));
  const db = await startEmbeddedPostgres({ dataDir, port, ephemeral: !process.argv[3] });
  console.log(`owner: ${db.ownerUrl}\napp:   ${db.appUrl}`);
  const stop = () => void db.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
