import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createServer } from 'node:http';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { repoRoot, winnow, winnowAsync, winnowRun } from './helpers/cli.js';
import { freePort, TestRedis } from './helpers/redis.js';
import { executeRun, prepareRun } from '../pipelines/engine/run-pipeline.js';
import { BullmqExecutor } from '../pipelines/executors/bullmq.js';
import { jobIdFor, QUEUE } from '../workers/jobs.js';

let redis: TestRedis;
let dir: string;
let workers: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const w = winnowAsync(['worker', '--redis', redis.url, '--concurrency', '1', '--lock-duration', '2000'], { env: { WINNOW_LOG: process.env.WINNOW_TEST_LOG ?? 'warn' } });
  w.stderr?.on('data', (d) => process.env.WINNOW_TEST_LOG && process.stderr.write(`[worker ${w.pid}] ${d}`));
  w.stdout?.on('data', () => undefined);
  workers.push(w);
  return w;
}

const running = (w: ChildProcess) => w.exitCode === null && w.signalCode === null;

async function stopWorkers(): Promise<void> {
  const live = workers.filter(running);
  await Promise.all(live.map((w) => new Promise((r) => w.once('exit', r).kill('SIGKILL'))));
  workers = [];
}

before(async () => {
  if (!TestRedis.available()) throw new Error('redis-server is not installed (apt-get install redis-server); the distributed tests need a real Redis');
  // Not tempDir(): its cleanup hook would attach to this before() hook and run right after it.
  dir = await mkdtemp(join(tmpdir(), 'winnow-dist-'));
  redis = new TestRedis(await freePort(), dir);
  await redis.start();
  await mkdir(join(dir, 'in'));
  for (let f = 0; f < 9; f++) {
    const lines = Array.from({ length: 1500 }, (_, i) => {
      const text = i % 50 === 0 ? 'tiny' : i % 7 === 0 ? `shared paragraph ${i % 21}` : `doc ${f}-${i}: ` + 'lorem ipsum dolor sit amet '.repeat(1 + (i % 9));
      return JSON.stringify({ id: `f${f}-${i}`, text });
    });
    await writeFile(join(dir, 'in', `part-${f}.jsonl`), lines.join('\n') + '\n');
  }
  await writeFile(
    join(dir, 'plain.yaml'),
    `input: { format: jsonl, paths: [in/*.jsonl] }\nsteps:\n  - text_length: { min_chars: 10 }\noutput: { format: parquet, path: out-plain, excluded: out-plain/excluded, row_group_size: 1000 }\n`,
  );
  await writeFile(
    join(dir, 'dedup.yaml'),
    `input: { format: jsonl, paths: [in/*.jsonl] }\nsteps:\n  - text_length: { min_chars: 10 }\n  - exact_dedup: { partitions: 3 }\noutput: { format: parquet, path: out-dedup, excluded: out-dedup/excluded }\n`,
  );
});

after(async () => {
  await stopWorkers();
  await redis?.kill();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function sameFiles(a: string, b: string): Promise<void> {
  const list = async (d: string) => (await readdir(d, { recursive: true })).filter((f) => /part-\d{5}.*\.parquet$/.test(f)).sort();
  const fa = await list(a);
  assert.ok(fa.length > 0);
  assert.deepEqual(await list(b), fa);
  for (const f of fa) assert.ok((await readFile(join(a, f))).equals(await readFile(join(b, f))), `${f} is byte-identical`);
}

test('three workers give byte-identical Parquet to the local executor: plain, dedup and the bundled example pipelines', async () => {
  for (let i = 0; i < 3; i++) startWorker();
  for (const name of ['plain', 'dedup']) {
    const local = winnow(['run', join(dir, `${name}.yaml`), '--out', join(dir, `${name}-local`), '--excluded', join(dir, `${name}-local`, 'excluded'), '--workers', '2']);
    assert.equal(local.status, 0, local.stderr);
    const dist = winnow(['run', join(dir, `${name}.yaml`), '--executor', 'bullmq', '--redis', redis.url], { env: { WINNOW_LOG: 'warn' } });
    assert.equal(dist.status, 0, dist.stderr + dist.stdout);
    await sameFiles(join(dir, `${name}-local`), join(dir, `out-${name}`));
    const s1 = JSON.parse(await readFile(join(dir, `${name}-local`, 'stats.json'), 'utf8'));
    const s2 = JSON.parse(await readFile(join(dir, `out-${name}`, 'stats.json'), 'utf8'));
    for (const step of Object.keys(s1.steps)) assert.deepEqual(s2.steps[step].out, s1.steps[step].out, step);
  }
  // The bundled example (WARC → extract → langid → rules → exact + MinHash dedup → toxicity: 23 stages).
  const example = join(repoRoot, 'pipelines', 'example.yaml');
  const exLocal = winnow(['run', example, '--out', join(dir, 'example-local'), '--excluded', join(dir, 'example-local', 'excluded')]);
  assert.equal(exLocal.status, 0, exLocal.stderr);
  const exDist = winnow(['run', example, '--out', join(dir, 'example-dist'), '--excluded', join(dir, 'example-dist', 'excluded'), '--executor', 'bullmq', '--redis', redis.url], {
    env: { WINNOW_LOG: 'warn' },
  });
  assert.equal(exDist.status, 0, exDist.stderr + exDist.stdout);
  await sameFiles(join(dir, 'example-local'), join(dir, 'example-dist'));

  const status = winnow(['status', '--redis', redis.url, '--run', join(dir, 'out-dedup')]);
  assert.equal(status.status, 0, status.stderr);
  assert.match(status.stdout, /workers: 3 alive/);
  assert.match(status.stdout, /stage-2: 9 task\(s\) done/);
});

test('a job delivered twice finds its marker and writes nothing', async () => {
  const runDir = join(dir, 'out-plain', '.winnow');
  const spec = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8'));
  const target = join(dir, 'out-plain', 'part-00004.parquet');
  const before = (await stat(target)).mtimeMs;
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue('winnow-tasks', { connection });
  const job = await queue.add('task', { run: runDir, stage: 0, shard: spec.shards[4] }, { jobId: 'redelivered-once' });
  let state = '';
  for (let i = 0; i < 100 && state !== 'completed'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    state = await job.getState();
  }
  assert.equal(state, 'completed');
  const done = await queue.getJob('redelivered-once');
  assert.equal(done?.returnvalue.skipped, true);
  assert.equal((await stat(target)).mtimeMs, before);
  await queue.close();
  connection.disconnect();
});

test('a worker killed with SIGKILL mid-task: its job is picked up again and the output matches a local run', async () => {
  await stopWorkers();
  const out = join(dir, 'out-killed');
  const child = winnowAsync(['run', join(dir, 'dedup.yaml'), '--executor', 'bullmq', '--redis', redis.url, '--out', out, '--excluded', join(out, 'excluded')], {
    env: { WINNOW_LOG: 'warn' },
  });
  let stdout = '';
  child.stdout?.on('data', (d) => (stdout += d));
  const victim = startWorker();
  startWorker();
  // Kill the first worker while it holds a task (a task runs ~0.1–0.5 s; kill on first sign of work).
  const markers = join(out, '.winnow', 'tasks', 'stage-0');
  for (let i = 0; i < 3000; i++) {
    if (existsSync(markers) && (await readdir(markers)).length >= 1) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  victim.kill('SIGKILL');
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  assert.equal(code, 0, stdout);
  await sameFiles(join(dir, 'dedup-local'), out);
});

test('Redis restarted mid-run (losing every job): workers reconnect and the run completes', async () => {
  await stopWorkers();
  for (let i = 0; i < 3; i++) startWorker();
  const out = join(dir, 'out-restart');
  const child = winnowAsync(['run', join(dir, 'dedup.yaml'), '--executor', 'bullmq', '--redis', redis.url, '--out', out, '--excluded', join(out, 'excluded')], {
    env: { WINNOW_LOG: 'warn' },
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const markers = join(out, '.winnow', 'tasks', 'stage-0');
  // up to 30 s: on a loaded machine the coordinator may take seconds to start, and killing Redis
  // before it has probed Redis would test the start-up check instead of a restart mid-run
  for (let i = 0; i < 3000; i++) {
    if (existsSync(markers) && (await readdir(markers)).length >= 2) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  await redis.kill();
  await new Promise((r) => setTimeout(r, 1_000));
  await redis.start();
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  assert.equal(code, 0, output);
  await sameFiles(join(dir, 'dedup-local'), out);
});

test('a task failing on a flaky input is retried, then marked failed with its error; the rest completes', async () => {
  await stopWorkers();
  for (let i = 0; i < 2; i++) startWorker();
  let gets = 0;
  const server = createServer((req, res) => {
    if (req.method === 'GET') gets++;
    res.writeHead(503, { 'retry-after': '1' }).end('busy');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/flaky.jsonl`;
  try {
    await writeFile(join(dir, 'flaky.yaml'), `input: { format: jsonl, paths: [in/*.jsonl, "${url}"] }\noutput: { format: parquet, path: out-flaky }\n`);
    const r = await winnowRun(['run', join(dir, 'flaky.yaml'), '--executor', 'bullmq', '--redis', redis.url, '--attempts', '2'], { env: { WINNOW_LOG: 'warn' } });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /1 task\(s\) failed/);
    assert.match(r.stdout, new RegExp(`${url.replace(/[.]/g, '\\.')}: .*503.*after 2 attempts`));
    assert.equal(gets, 2, 'two attempts');
    assert.equal((await readdir(join(dir, 'out-flaky'))).filter((f) => f.endsWith('.parquet')).length, 9, 'the other shards completed');
    const status = winnow(['status', '--redis', redis.url]);
    assert.match(status.stdout, /failed tasks/);
    assert.match(status.stdout, /flaky\.jsonl: .*503/);
  } finally {
    server.close();
  }
});

test('the coordinator checks Redis for a window of pending tasks per round: a failure and a lost job are still found', async () => {
  await stopWorkers();
  const server = createServer((_req, res) => res.writeHead(503, { 'retry-after': '1' }).end('busy'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/flaky.jsonl`;
  const executor = await BullmqExecutor.create({ redis: redis.url, attempts: 2, pollMs: 50, window: 1 });
  const connection = new Redis(redis.url);
  const queue = new Queue(QUEUE, { connection });
  try {
    await writeFile(join(dir, 'window.yaml'), `input: { format: jsonl, paths: ["${url}", in/*.jsonl] }\noutput: { format: parquet, path: out-window }\n`);
    const prepared = await prepareRun(join(dir, 'window.yaml'));
    // No worker runs yet: one job is removed as soon as it is enqueued (as a Redis restart without
    // persistence would lose it), then workers start. Only the window's Redis check can find it gone.
    let removed: Promise<unknown> | undefined;
    const run = executeRun(prepared, executor, {
      onTaskStart: (task) => {
        if (task.shard.source.endsWith('part-5.jsonl')) removed = queue.getJob(jobIdFor(task)).then((j) => j!.remove());
        if (task.shard.source === url) void removed!.then(() => [startWorker(), startWorker()]);
      },
    });
    const done = await run;
    await removed; // rejects if the job was not there to remove
    assert.deepEqual(done.failures.map((f) => f.task.shard.source), [url]);
    assert.match(done.failures[0].error.message, /503.*after 2 attempts/);
    assert.equal(done.results.length, 9, 'every other shard, the lost one included');
  } finally {
    server.close();
    await queue.close();
    await executor.close();
    connection.disconnect();
  }
});

test('mine-prompts runs on the workers too: the same set as a local run', async () => {
  await stopWorkers();
  for (let i = 0; i < 2; i++) startWorker();
  await mkdir(join(dir, 'mine-in'), { recursive: true });
  for (let f = 0; f < 3; f++) {
    const lines = Array.from({ length: 120 }, (_, i) =>
      JSON.stringify({ id: `m${f}-${i}`, lang: i % 2 ? 'en' : 'de', text: `document ${f} ${i}: ` + 'some words of ordinary prose to cut in two halves '.repeat(2 + (i % 5)), scores: { toxicity: ((i * 37) % 100) / 100 } }),
    );
    await writeFile(join(dir, 'mine-in', `part-${f}.jsonl`), lines.join('\n') + '\n');
  }
  const args = (out: string) => ['mine-prompts', '--input', join(dir, 'mine-in', '*.jsonl'), '--out', join(dir, out), '--per-language', '40', '--small', '8', '--seed', '3', '--no-progress'];
  const local = await winnowRun(args('set-local'));
  assert.equal(local.status, 0, local.stderr);
  const dist = await winnowRun([...args('set-dist'), '--executor', 'bullmq', '--redis', redis.url], { env: { WINNOW_LOG: 'warn' } });
  assert.equal(dist.status, 0, dist.stderr + dist.stdout);
  assert.match(dist.stdout, /prompt set \(taken\/quota of available/);
  for (const split of ['full', 'small'])
    for (const f of ['de.jsonl', 'de.parquet', 'en.jsonl', 'en.parquet'])
      assert.ok((await readFile(join(dir, 'set-local', split, f))).equals(await readFile(join(dir, 'set-dist', split, f))), `${split}/${f}`);
});

test('an unreachable Redis gives a clear message and exit code 2', () => {
  const r = winnow(['run', join(dir, 'plain.yaml'), '--executor', 'bullmq', '--redis', 'redis://127.0.0.1:1', '--out', join(dir, 'never')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot use Redis at redis:\/\/127\.0\.0\.1:1.*ECONNREFUSED/);
  const w = winnow(['worker', '--redis', 'redis://:secret@127.0.0.1:1']);
  assert.equal(w.status, 2);
  assert.match(w.stderr, /redis:\/\/:\*\*\*@127\.0\.0\.1:1/);
  assert.doesNotMatch(w.stderr, /secret/);
});
