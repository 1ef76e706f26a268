/**
 * `npm run bench`: every benchmark in turn, each in its own process so peak RSS figures don't mix.
 * Pass names to run a subset: `node dist/bench/run.js io filters`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gitRevision, machine } from './common.js';

const benches = ['io', 'extract', 'langid', 'filters', 'dedup', 'toxicity', 'mine', 'distributed', 'crawl', 'dashboard'];
const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
console.log(`winnow benchmarks @ ${gitRevision()} — ${machine()}\n`);
let failed = 0;
for (const name of wanted.length ? wanted : benches) {
  const script = join(here, `${name}.js`);
  if (!existsSync(script)) {
    console.log(`[${name}] not built (no ${script})\n`);
    continue;
  }
  console.log(`== ${name} ==`);
  const r = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
  console.log();
}
process.exitCode = failed ? 1 : 0;
