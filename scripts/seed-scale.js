// `npm run seed:scale [-- --administrations 300000]`: billing's scale seed (200 clients, 600 sites,
// 3 million administrations over 3 years by default) into the database of `npm start`, which must
// have run once (migrations). DATABASE_URL (owner role) points it elsewhere. Plain JavaScript like
// start.js; the work is billing's `seed-scale` command (services/billing/src/scale/scale-seed.ts).
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const offset = Number(process.env.INFUSION_PORT_OFFSET ?? 0);
// The launcher's PostgreSQL (packages/devstack: port 5433 + offset, owner postgres/postgres).
const databaseUrl = process.env.DATABASE_URL || `postgres://postgres:postgres@127.0.0.1:${5433 + offset}/infusion`;
const run = spawnSync(process.execPath, [join(root, 'services/billing/dist/cli.js'), 'seed-scale', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: databaseUrl },
});
process.exit(run.status ?? 1);
