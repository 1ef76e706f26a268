/// <reference lib="dom" />
/**
 * The dashboard, served for real over loopback and driven in real headless Chromium: numbers on the
 * page against stats.json, the threshold slider, hostile document content, the HTTP surface
 * (read-only, no path outside the run folders, 127.0.0.1 by default), comparison and live progress.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../dashboard/browser.js';
import { startDashboard, type Dashboard } from '../dashboard/server/server.js';
import { loadPublicFiles } from '../dashboard/server/static.js';
import { writeSyntheticRun } from '../dashboard/synthetic.js';
import type { RunStats, SignalStats } from '../schemas/stats.js';
import { signalEdge } from '../schemas/stats.js';
import { connect } from '../workers/connection.js';
import { WORKERS_KEY, type WorkerBeat } from '../workers/jobs.js';
import { winnowAsync, winnowRun } from './helpers/cli.js';
import { freePort, TestRedis } from './helpers/redis.js';

const HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
const HOSTILE_URL = 'javascript:window.__pwned=3';
const HOSTILE_REASON = '<img src=x onerror=window.__pwned=4>';

let dir: string;
let dash: Dashboard;
let browser: Browser;
let exampleStats: RunStats;
const RUN = { example: 0, before: 1, after: 2, hostile: 3, inflight: 4 };

/** Sends a raw request line (no client-side normalisation of `..` or escapes). */
function raw(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const u = new URL(dash.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method, path, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function open(hash: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(dash.url + hash);
  await page.waitForFunction(() => document.body.dataset.rendered !== undefined, undefined, { timeout: 15_000 });
  return page;
}

/** Navigates an open page to another view and waits until that render has finished. */
async function show(page: Page, hash: string): Promise<void> {
  const prev = await page.evaluate(() => document.body.dataset.rendered ?? '');
  await page.goto(dash.url + hash);
  await page.waitForFunction((p) => (document.body.dataset.rendered ?? '') !== p, prev, { timeout: 15_000 });
}

before(async () => {
  // Made here, not with tempDir(): an after() registered inside before() would run right after it.
  dir = await mkdtemp(join(tmpdir(), 'winnow-dashboard-'));
  const example = join(dir, 'example');
  const [run, chromium] = await Promise.all([
    winnowRun(['run', 'pipelines/example.yaml', '--out', example, '--excluded', join(example, 'excluded')]),
    launchChromium(),
  ]);
  browser = chromium;
  assert.equal(run.status, 0, run.stderr);
  exampleStats = JSON.parse(await readFile(join(example, 'stats.json'), 'utf8')) as RunStats;
  await writeSyntheticRun(join(dir, 'before'), { docs: 20_000, seed: 7, minStopWords: 2 });
  await writeSyntheticRun(join(dir, 'after'), { docs: 20_000, seed: 7, minStopWords: 4 });
  await writeSyntheticRun(join(dir, 'hostile'), {
    docs: 200,
    langs: ['en', HOSTILE_REASON],
    extraExcluded: [
      { id: '<b id=x>bold</b>', text: HOSTILE + '\n<a href="javascript:window.__pwned=5">click</a>', url: HOSTILE_URL, lang: 'en', excluded_by: 'gopher_quality', reason: HOSTILE_REASON },
      { id: 'plain', text: 'an ordinary page', url: 'https://example.org/a?b=<c>', lang: 'en', excluded_by: 'gopher_quality', reason: HOSTILE_REASON },
    ],
  });
  // A run in flight: the example's plan, and markers of its first stages only.
  const inflight = join(dir, 'inflight');
  await mkdir(join(inflight, '.winnow', 'tasks'), { recursive: true });
  await cp(join(example, '.winnow', 'run.json'), join(inflight, '.winnow', 'run.json'));
  for (const stage of ['stage-0', 'stage-1']) await cp(join(example, '.winnow', 'tasks', stage), join(inflight, '.winnow', 'tasks', stage), { recursive: true });
  const stage1 = (await readdir(join(inflight, '.winnow', 'tasks', 'stage-1'))).sort();
  await writeFile(join(inflight, 'not-served.txt'), 'secret');
  for (const f of stage1.slice(5)) await rm(join(inflight, '.winnow', 'tasks', 'stage-1', f));
  dash = await startDashboard({ runs: [example, join(dir, 'before'), join(dir, 'after'), join(dir, 'hostile'), inflight], port: 0 });
});

after(async () => {
  await browser?.close();
  await dash?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('dashboard', () => {
  it('binds 127.0.0.1 by default, and the CLI logs its URL and stops on Ctrl-C', async () => {
    const addr = dash.server.address();
    assert.ok(addr && typeof addr === 'object' && addr.address === '127.0.0.1');
    const child = winnowAsync(['dashboard', join(dir, 'example'), '--port', '0']);
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    const url = /http:\/\/[^\s]+/.exec(line)![0];
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const runs = (await (await fetch(url + 'api/runs')).json()) as Array<{ label: string }>;
    assert.equal(runs[0].label, 'example');
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGINT');
    });
    assert.equal(code, 0);
  });

  it('is read-only, serves nothing outside its page and API, and sends a strict CSP', async () => {
    for (const m of ['POST', 'PUT', 'DELETE', 'PATCH']) assert.equal((await raw(m, '/api/runs')).status, 405, m);
    for (const p of [
      '/../package.json',
      '/..%2fpackage.json',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/api/runs/0/..%2f..%2fstats.json',
      '/api/runs/0/../../../../etc/passwd',
      '/..\\package.json',
      '/stats.json',
      '/not-served.txt',
      '/excluded/part-00000.parquet',
      '/api/runs/99/stats',
      '/api/runs/-1/stats',
      '/api/runs/0/signal?step=..&name=..',
      '/dom.js/../../../package.json',
      '//etc/passwd',
    ]) {
      const r = await raw('GET', p);
      assert.ok(r.status === 404 || r.status === 400, `${p}: ${r.status}`);
      assert.doesNotMatch(r.body, /"name": "winnow"|root:|secret/);
    }
    // DNS rebinding: a foreign Host name is refused on a loopback server.
    assert.equal((await raw('GET', '/api/runs', { Host: 'attacker.example:8080' })).status, 403);
    assert.equal((await raw('GET', '/api/runs', { Host: `localhost:${new URL(dash.url).port}` })).status, 200);
    const page = await raw('GET', '/');
    assert.equal(page.status, 200);
    const head = await raw('HEAD', '/api/runs');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
    assert.doesNotMatch(String(page.headers['content-security-policy']), /unsafe-inline|unsafe-eval/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    // Only regular files directly in the public folder are ever served: a symlink or subfolder there is not.
    const pub = join(dir, 'public');
    await mkdir(join(pub, 'sub'), { recursive: true });
    await writeFile(join(pub, 'index.html'), '<p>');
    await writeFile(join(pub, 'sub', 'x.js'), '');
    await symlink('/etc/passwd', join(pub, 'passwd.js'));
    assert.deepEqual([...loadPublicFiles(pub).keys()].sort(), ['/', '/index.html']);
    // A run folder given as a symlink is pinned to where it points when the server starts.
    await symlink(join(dir, 'example'), join(dir, 'link'));
    const d2 = await startDashboard({ runs: [join(dir, 'link')], port: 0 });
    try {
      assert.equal(d2.runs[0].dir, join(dir, 'example'));
    } finally {
      await d2.close();
    }
  });

  it('shows the example run with the numbers of its stats.json', async () => {
    const page = await open(`#/overview?run=${RUN.example}`);
    const steps = Object.keys(exampleStats.steps);
    const last = exampleStats.steps[steps.at(-1)!];
    assert.equal(await page.textContent('[data-testid=docs-read]'), String(exampleStats.steps.read.out.docs));
    assert.equal(await page.textContent('[data-testid=docs-kept]'), String(last.out.docs));
    assert.equal(await page.textContent('[data-testid=languages]'), String(Object.keys(last.by_lang).length));
    assert.equal(exampleStats.steps.read.out.docs, 81);
    assert.equal(last.out.docs, 67);
    for (const step of steps)
      for (const [lang, l] of Object.entries(exampleStats.steps[step].by_lang)) {
        const cell = await page.textContent(`[data-testid=funnel-table] td[data-step="${step}"][data-lang="${lang}"]`);
        assert.equal(cell, l.out.docs.toLocaleString('en-US'), `${step} ${lang}`);
      }
    await show(page, `#/drops?run=${RUN.example}`);
    for (const step of steps.filter((s) => s !== 'read')) {
      const removed = Object.values(exampleStats.steps[step].dropped).reduce((a, b) => a + b, 0);
      assert.equal(await page.textContent(`[data-testid=drops-table] tr[data-step="${step}"] [data-testid=removed]`), String(removed), step);
    }
    // A heatmap cell opens its reasons; a reason opens examples from the excluded Parquet.
    await page.click('.heatmap .cell[data-step="gopher_repetition"][data-lang="en"]');
    assert.match((await page.textContent('[data-testid=drop-detail]'))!, /dup_para_frac 2/);
    await page.click('[data-testid=drop-detail] a.link >> text=dup_para_frac');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=example]').length > 0);
    assert.equal(await page.locator('[data-testid=example]').count(), 2);
    assert.match((await page.locator('[data-testid=example]').first().textContent())!, /dup_para_frac/);
    // Annotate-mode flags come from the kept output's decisions column.
    await show(page, `#/examples?run=${RUN.example}&step=fineweb_quality&reason=line_punct_ratio&kind=flagged`);
    assert.equal(await page.locator('[data-testid=example]').count(), exampleStats.steps.fineweb_quality.flagged.line_punct_ratio);
    await page.close();
  });

  it('draws retention against the threshold from the histograms, and the slider moves it', async () => {
    const page = await open(`#/retention?run=${RUN.before}&signal=gopher_quality/stop_words`);
    const stats = JSON.parse(await readFile(join(dir, 'before', 'stats.json'), 'utf8')) as RunStats;
    const sig = stats.steps.gopher_quality.signals!.stop_words as SignalStats;
    const all = new Array<number>(sig.bins).fill(0);
    for (const l of Object.values(sig.by_lang)) l.counts.forEach((c, i) => (all[i] += c));
    const nan = Object.values(sig.by_lang).reduce((a, l) => a + l.nan, 0);
    const n = all.reduce((a, b) => a + b, 0) + nan;
    const keptFrom = (k: number): string => `${((100 * (all.slice(k).reduce((a, b) => a + b, 0) + nan)) / n).toFixed(1)}%`;
    // The run's threshold (min 2 stop words) is where the slider starts, and the share kept there is
    // what gopher_quality let through of the documents it measured for this rule.
    assert.equal(await page.inputValue('[data-testid=threshold]'), '2');
    assert.equal(await page.textContent('[data-testid=kept-all]'), keptFrom(2));
    assert.equal(await page.locator('.retention path.curve').count(), 1 + Object.keys(sig.by_lang).length);
    const before = await page.getAttribute('.retention .slider-mark', 'x1');
    await page.locator('[data-testid=threshold]').fill('6');
    assert.equal(await page.textContent('[data-testid=threshold-value]'), `min = ${signalEdge(sig, 6)}`);
    assert.equal(await page.textContent('[data-testid=kept-all]'), keptFrom(6));
    assert.notEqual(await page.getAttribute('.retention .slider-mark', 'x1'), before);
    assert.equal(await page.getAttribute('.retention .current', 'data-k'), '2', 'the run threshold stays marked');
    const enRow = await page.textContent('[data-testid=retention-table] tr[data-lang="en"] [data-testid=kept-at-slider]');
    const { counts: en, nan: enNan } = sig.by_lang.en;
    assert.equal(enRow, `${((100 * (en.slice(6).reduce((a, b) => a + b, 0) + enNan)) / (en.reduce((a, b) => a + b, 0) + enNan)).toFixed(1)}%`);
    // Every signal of the example run renders (log and linear layouts, per-language ranges).
    await show(page, `#/retention?run=${RUN.example}&signal=gopher_quality/words`);
    assert.equal(await page.locator('.retention path.curve-all').count(), 1);
    await page.close();
  });

  it('escapes hostile document text, URLs, reasons and language codes everywhere', async () => {
    const page = await browser.newPage();
    const events: string[] = [];
    page.on('dialog', (d) => {
      events.push('dialog ' + d.message());
      void d.dismiss();
    });
    page.on('console', (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && events.push('console ' + m.text()));
    page.on('pageerror', (e) => events.push('pageerror ' + e.message));
    for (const hash of [
      `#/overview?run=${RUN.hostile}`,
      `#/drops?run=${RUN.hostile}&step=gopher_quality&lang=en`,
      `#/retention?run=${RUN.hostile}&signal=gopher_quality/words`,
      `#/compare?a=${RUN.hostile}&b=${RUN.example}`,
      `#/examples?run=${RUN.hostile}&step=gopher_quality&reason=${encodeURIComponent(HOSTILE_REASON)}&kind=dropped`,
    ]) {
      // The examples view last: the assertions below read its cards.
      await show(page, hash);
      await page.waitForTimeout(100);
    }
    const texts = await page.locator('[data-testid=example] pre').allTextContents();
    assert.ok(texts.some((t) => t.includes(HOSTILE)), 'the markup shows as text');
    assert.equal(await page.locator('[data-testid=example] img, [data-testid=example] script, [data-testid=example] b').count(), 0);
    assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0);
    assert.ok((await page.locator('[data-testid=example] .url').allTextContents()).includes(HOSTILE_URL));
    // The javascript: URL is plain text: clicking it does nothing.
    await page.locator('[data-testid=example] span.url', { hasText: HOSTILE_URL }).click();
    // The safe URL is a real link, with no opener and no referrer.
    assert.equal(await page.getAttribute('a.url', 'rel'), 'noopener noreferrer nofollow');
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.deepEqual(events, []);
    await page.close();
  });

  it('compares two runs side by side', async () => {
    const [a, b] = await Promise.all(['before', 'after'].map(async (r) => JSON.parse(await readFile(join(dir, r, 'stats.json'), 'utf8')) as RunStats));
    const page = await open(`#/compare?a=${RUN.before}&b=${RUN.after}`);
    for (const step of Object.keys(a.steps)) {
      assert.equal(await page.textContent(`[data-testid=compare-steps] tr[data-step="${step}"] td[data-run=a]`), a.steps[step].out.docs.toLocaleString('en-US'));
      assert.equal(await page.textContent(`[data-testid=compare-steps] tr[data-step="${step}"] td[data-run=b]`), b.steps[step].out.docs.toLocaleString('en-US'));
    }
    const stop = (s: RunStats) => s.steps.gopher_quality.dropped.gopher_enough_stop_words;
    assert.ok(stop(b) > stop(a));
    const row = page.locator('[data-testid=compare-reasons] tr[data-step="gopher_quality"][data-reason="gopher_enough_stop_words"] td');
    assert.deepEqual((await row.allTextContents()).slice(1), [stop(a).toLocaleString('en-US'), stop(b).toLocaleString('en-US'), `+${(stop(b) - stop(a)).toLocaleString('en-US')}`]);
    await page.close();
  });

  it('shows the progress of a run in flight from its markers, and updates as tasks finish', async () => {
    const page = await open(`#/progress?run=${RUN.inflight}`);
    await page.waitForSelector('[data-testid=run-state]');
    assert.equal(await page.textContent('[data-testid=run-state]'), 'running');
    assert.equal(await page.textContent('[data-stage="1"] [data-testid=stage-done]'), '5 / 16');
    assert.equal(await page.textContent('[data-testid=progress-docs]'), '81');
    const total = await page.textContent('[data-testid=tasks-done]');
    assert.match(total!, /^6 \/ \d+$/);
    // One more marker lands: the next poll shows it.
    await cp(join(dir, 'example', '.winnow', 'tasks', 'stage-1', 'part-00009.json'), join(dir, 'inflight', '.winnow', 'tasks', 'stage-1', 'part-00009.json'));
    await page.waitForFunction(() => document.querySelector('[data-stage="1"] [data-testid=stage-done]')?.textContent === '6 / 16', undefined, { timeout: 5_000 });
    // The overview of a run in flight says so.
    await show(page, `#/overview?run=${RUN.inflight}`);
    assert.equal(await page.locator('.notice').count(), 1);
    await page.close();
  });

  it('shows the queue and the workers of a distributed run from Redis, or why it cannot', async () => {
    const redis = new TestRedis(await freePort(), dir);
    await redis.start();
    const beat: WorkerBeat = {
      id: 'host-a-<b>1</b>',
      host: 'host-a',
      pid: 1,
      concurrency: 2,
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      lastSeen: Date.now(),
      running: [{ job: 'j1', shard: 'part-00003', docs: 120 }],
      done: 7,
      failed: 0,
      docs: 1000,
    };
    const client = connect(redis.url);
    await client.hset(WORKERS_KEY, beat.id, JSON.stringify(beat));
    client.disconnect();
    const withRedis = await startDashboard({ runs: [join(dir, 'inflight')], port: 0, redis: redis.url });
    let killed = false;
    const page = await browser.newPage();
    try {
      await page.goto(withRedis.url + '#/progress?run=0');
      await page.waitForSelector('text=Queue');
      const body = (await page.textContent('main'))!;
      assert.match(body, /waiting 0 · active 0/);
      assert.match(body, /host-a-<b>1<\/b>alive/);
      assert.match(body, /part-00003 \(120\)/);
      await redis.kill();
      killed = true;
      await page.waitForSelector('.notice >> text=Redis', { timeout: 10_000 });
    } finally {
      await page.close();
      await withRedis.close();
      if (!killed) await redis.kill(); // (a second kill() would wait for an exit that already happened)
    }
  });
});
