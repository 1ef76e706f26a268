import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { repoRoot, winnow } from './helpers/cli.js';

// No Docker engine runs here: check the compose file's shape, and that the commands it runs are the
// ones the distributed tests run.
test('docker-compose.yml: Redis, a scalable worker running `winnow worker`, a CLI service, one shared data volume', async () => {
  const compose = parse(await readFile(join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, { command?: string[]; entrypoint?: string[]; volumes?: string[]; ports?: string[]; container_name?: string }>;
  };
  const { redis, worker, winnow: cli } = compose.services;
  assert.ok(redis && worker && cli);
  assert.deepEqual(worker.command, ['node', 'bin/winnow.js', 'worker', '--redis', 'redis://redis:6379']);
  assert.equal(worker.container_name, undefined, 'a fixed container name would prevent --scale');
  assert.ok(worker.volumes?.includes('./data:/data') && cli.volumes?.includes('./data:/data'));
  assert.deepEqual(cli.entrypoint, ['node', 'bin/winnow.js']);
  assert.ok(redis.ports?.every((p) => p.startsWith('127.0.0.1:')), 'Redis is not exposed beyond this host');
  const help = winnow(worker.command!.slice(2).filter((a) => !a.startsWith('redis://') && a !== '--redis').concat('--help'));
  assert.equal(help.status, 0);
});

test('docker-compose.yml: the dashboard service reads the shared data volume, serves on loopback only, and its command runs', async () => {
  const compose = parse(await readFile(join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, { command?: string[]; volumes?: string[]; ports?: string[]; depends_on?: string[] }>;
  };
  const dash = compose.services.dashboard;
  assert.ok(dash, 'a dashboard service');
  assert.ok(dash.volumes?.includes('./data:/data'), 'the same data volume as the workers');
  assert.deepEqual(dash.command?.slice(0, 4), ['node', 'bin/winnow.js', 'dashboard', '/data/out']);
  const args = dash.command!;
  assert.equal(args[args.indexOf('--redis') + 1], 'redis://redis:6379', 'progress reads the queue the workers use');
  assert.equal(args[args.indexOf('--host') + 1], '0.0.0.0', 'reachable through the port mapping inside its container');
  assert.ok(dash.ports?.length && dash.ports.every((p) => p.startsWith('127.0.0.1:')), 'published on loopback only');
  const port = args[args.indexOf('--port') + 1];
  assert.ok(dash.ports.some((p) => p.endsWith(`:${port}`)));
  assert.ok(dash.depends_on?.includes('redis'));
  const help = winnow(['dashboard', '--help']);
  assert.equal(help.status, 0);
  for (const flag of ['--host', '--port', '--redis']) assert.match(help.stdout, new RegExp(flag));
});
