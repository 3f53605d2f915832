// `npm start` / `npm run seed`: builds every workspace with visible progress, then hands over to the
// launcher (packages/devstack) with the moment we began, so the "up in N s" it prints is the true total.
// Plain JavaScript on purpose: it runs before anything is built.
const { spawn, spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(0);

function build() {
  return new Promise((resolve, reject) => {
    console.log('building (the first build takes a minute or two; later ones reuse turbo\'s cache)');
    const turbo = spawn('npx', ['turbo', 'run', 'build', '--output-logs=hash-only'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let total = '?';
    let begun = 0;
    let current = '';
    const output = [];
    const show = () => process.stdout.write(`\r  ${begun}/${total} ${current.padEnd(26)} ${seconds()} s   `);
    const onLine = (line) => {
      output.push(line);
      const count = /Running build in (\d+) packages/.exec(line);
      if (count) total = count[1];
      // turbo names each task as it begins it, cached ("cache hit") or built ("cache miss").
      const task = /^@infusion\/([\w-]+):build: cache/.exec(line);
      if (task) {
        begun++;
        current = task[1];
        show();
      }
    };
    for (const stream of [turbo.stdout, turbo.stderr]) {
      let rest = '';
      stream.on('data', (chunk) => {
        const lines = (rest + chunk.toString('utf8')).split('\n');
        rest = lines.pop() ?? '';
        lines.forEach(onLine);
      });
    }
    const timer = setInterval(show, 1000);
    turbo.on('exit', (code) => {
      clearInterval(timer);
      process.stdout.write('\n');
      if (code === 0) return resolve();
      console.error(output.join('\n'));
      reject(new Error(`the build failed (turbo exit ${code})`));
    });
  });
}

async function main() {
  await build();
  const compose = spawnSync(process.execPath, [join(root, 'apps/gateway/dist/compose-cli.js'), '--check'], { cwd: root, stdio: 'inherit' });
  if (compose.status !== 0) throw new Error('the supergraph does not compose');
  console.log(`built in ${seconds()} s`);
  process.env.INFUSION_STARTED_AT = String(started);
  require(join(root, 'packages/devstack/dist/start.js'));
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
