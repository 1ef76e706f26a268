import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { winnow, winnowAsync, winnowRun } from './helpers/cli.js';
import { freePort, TestRedis, type TestRedisTls } from './helpers/redis.js';

// A private Redis that only speaks TLS and wants a password: the setup of a managed Redis.
const PASSWORD = 's3cret/with:odd@chars';
let dir: string;
let tls: TestRedisTls;
let redis: TestRedis;
let worker: ChildProcess | undefined;

before(async () => {
  if (!TestRedis.available()) throw new Error('redis-server is not installed (apt-get install redis-server); the distributed tests need a real Redis');
  dir = await mkdtemp(join(tmpdir(), 'winnow-tls-'));
  const made = TestRedis.makeCertificate(dir);
  if (!made) throw new Error('openssl is not installed; the TLS test makes its certificate with it');
  tls = made;
  redis = new TestRedis(await freePort(), dir, { tls, password: PASSWORD });
  await redis.start();
  await mkdir(join(dir, 'in'));
  for (let f = 0; f < 3; f++) {
    const lines = Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: `f${f}-${i}`, text: i % 9 === 0 ? 'tiny' : `doc ${f}-${i} ` + 'words '.repeat(1 + (i % 5)) }));
    await writeFile(join(dir, 'in', `part-${f}.jsonl`), lines.join('\n') + '\n');
  }
  await writeFile(join(dir, 'plain.yaml'), `input: { format: jsonl, paths: [in/*.jsonl] }\nsteps:\n  - text_length: { min_chars: 10 }\noutput: { format: parquet, path: out-tls }\n`);
});

after(async () => {
  if (worker && worker.exitCode === null) worker.kill('SIGKILL');
  await redis?.kill();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('rediss:// with a password: a worker trusting the CA runs the pipeline, output identical to a local run', async () => {
  const trust = { NODE_EXTRA_CA_CERTS: tls.cert, WINNOW_LOG: 'warn' };
  worker = winnowAsync(['worker', '--redis', redis.url, '--concurrency', '1'], { env: trust });
  worker.stdout?.on('data', () => undefined);
  worker.stderr?.on('data', () => undefined);
  const local = winnow(['run', join(dir, 'plain.yaml'), '--out', join(dir, 'local'), '--workers', '0']);
  assert.equal(local.status, 0, local.stderr);
  const dist = await winnowRun(['run', join(dir, 'plain.yaml'), '--executor', 'bullmq', '--redis', redis.url], { env: trust });
  assert.equal(dist.status, 0, dist.stderr + dist.stdout);
  const parts = (await readdir(join(dir, 'local'))).filter((f) => f.endsWith('.parquet')).sort();
  assert.equal(parts.length, 3);
  for (const f of parts) assert.ok((await readFile(join(dir, 'local', f))).equals(await readFile(join(dir, 'out-tls', f))), `${f} is byte-identical`);
  assert.doesNotMatch(dist.stderr + dist.stdout, /s3cret/, 'the password never reaches the logs');
});

test('TLS misconfigurations get messages that say what to change', () => {
  const host = `127.0.0.1:${redis.port}`;
  const untrusted = winnow(['status', '--redis', redis.url], { env: { NODE_EXTRA_CA_CERTS: '' } });
  assert.equal(untrusted.status, 2);
  assert.match(untrusted.stdout + untrusted.stderr, /TLS certificate not trusted.*NODE_EXTRA_CA_CERTS/);
  assert.doesNotMatch(untrusted.stdout + untrusted.stderr, /s3cret/);

  const plain = winnow(['status', '--redis', `redis://:x@${host}`]);
  assert.equal(plain.status, 2);
  assert.match(plain.stdout + plain.stderr, /use rediss:\/\//);

  const wrong = winnow(['status', '--redis', `rediss://:wrong@${host}`], { env: { NODE_EXTRA_CA_CERTS: tls.cert } });
  assert.equal(wrong.status, 2);
  assert.match(wrong.stdout + wrong.stderr, /authentication failed/);
});
