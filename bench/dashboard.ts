/// <reference lib="dom" />
/**
 * Dashboard benchmark: a generated run of 1M documents (stats.json with signal histograms of 1M
 * generated values per signal, and an excluded Parquet output with one row per dropped document),
 * served for real and loaded in headless Chromium. Reports time to first render of each view
 * (navigation start → view rendered, in the page's clock) and time to update a threshold (slider
 * input → curve and table redrawn, next frame).
 *
 *   node dist/bench/dashboard.js [--docs 1000000] [--rounds 5]
 *   node dist/bench/dashboard.js --screenshots     # docs/dashboard-*.png from the bundled example
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../dashboard/browser.js';
import { startDashboard } from '../dashboard/server/server.js';
import { writeSyntheticRun } from '../dashboard/synthetic.js';
import { gitRevision, machine, repoRoot, reportResult, table } from './common.js';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** Navigates (a fresh document each time) and returns the page's own time from navigation start to rendered. */
async function firstRender(page: Page, url: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.rendered !== undefined, undefined, { timeout: 60_000 });
  return page.evaluate(() => Number(document.body.dataset.renderedAt));
}

async function bench(): Promise<void> {
  const docs = arg('--docs', 1_000_000);
  const rounds = arg('--rounds', 5);
  const dir = await mkdtemp(join(tmpdir(), 'winnow-bench-dashboard-'));
  let browser: Browser | undefined;
  try {
    const t0 = performance.now();
    const stats = await writeSyntheticRun(join(dir, 'run'), { docs, seed: 1 });
    const genMs = performance.now() - t0;
    const excluded = (await stat(join(dir, 'run', 'excluded', 'part-00000.parquet'))).size;
    const statsBytes = (await stat(join(dir, 'run', 'stats.json'))).size;
    const dropped = Object.values(stats.steps).reduce((a, s) => a + Object.values(s.dropped).reduce((x, y) => x + y, 0), 0);
    console.log(
      `generated ${docs.toLocaleString('en-US')} documents in ${(genMs / 1000).toFixed(1)} s: stats.json ${(statsBytes / 1e3).toFixed(0)} kB, excluded Parquet ${(excluded / 1e6).toFixed(1)} MB (${dropped.toLocaleString('en-US')} rows)`,
    );
    const dash = await startDashboard({ runs: [join(dir, 'run')], port: 0 });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const views: Array<[string, string]> = [
      ['funnel', '#/overview?run=0'],
      ['drops (heatmap + tables)', '#/drops?run=0'],
      ['retention (1,000 bins × 10 languages)', '#/retention?run=0&signal=fineweb_quality/line_punct_ratio'],
      ['examples (DuckDB over the excluded Parquet)', '#/examples?run=0&step=gopher_quality&reason=gopher_enough_stop_words&lang=sw'],
    ];
    const rows: Array<Array<string | number>> = [['view', 'first render, median ms', 'min', 'max']];
    const result: Record<string, unknown> = { bench: 'dashboard', docs, rounds, excluded_rows: dropped, excluded_bytes: excluded };
    for (const [name, hash] of views) {
      const times: number[] = [];
      for (let r = 0; r < rounds; r++) times.push(await firstRender(page, dash.url + hash));
      rows.push([name, median(times).toFixed(0), Math.min(...times).toFixed(0), Math.max(...times).toFixed(0)]);
      result[`first_render_ms_${name.split(' ')[0]}`] = Math.round(median(times));
    }
    // Threshold updates: set the slider, dispatch `input`, wait for the frame that shows it.
    await firstRender(page, dash.url + '#/retention?run=0&signal=fineweb_quality/line_punct_ratio');
    const updates = await page.evaluate(async (n) => {
      const slider = document.querySelector<HTMLInputElement>('[data-testid=threshold]')!;
      const handler: number[] = [];
      const frame: number[] = [];
      for (let i = 0; i < n; i++) {
        await new Promise((r) => requestAnimationFrame(r));
        const t = performance.now();
        slider.value = String((i * 37) % 1000);
        slider.dispatchEvent(new Event('input'));
        handler.push(performance.now() - t);
        // The frame that shows the change: the next animation frame, then its paint.
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        frame.push(performance.now() - t);
      }
      return { handler, frame };
    }, 40);
    const row = (name: string, xs: number[]) => [name, median(xs).toFixed(1), Math.min(...xs).toFixed(1), Math.max(...xs).toFixed(1)];
    rows.push(row('threshold update: input handler (readout, table, mark)', updates.handler), row('threshold update: to the next painted frame (60 Hz)', updates.frame));
    result.threshold_update_handler_ms = Number(median(updates.handler).toFixed(2));
    result.threshold_update_frame_ms = Number(median(updates.frame).toFixed(1));
    console.log(table(rows));
    reportResult(result);
    await dash.close();
  } finally {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Screenshots of every view of the bundled example (and a variant with a stricter langid threshold) into docs/. */
async function screenshots(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'winnow-shots-'));
  let browser: Browser | undefined;
  try {
    const yaml = await readFile(join(repoRoot, 'pipelines', 'example.yaml'), 'utf8');
    const runs: Array<[string, string]> = [
      ['example', yaml],
      ['example-langid-0.9', yaml.replace('langid: { threshold: 0.5 }', 'langid: { threshold: 0.9 }')],
    ];
    for (const [name, text] of runs) {
      const file = join(dir, `${name}.yaml`);
      await writeFile(file, text.replace('paths: [examples/example.warc.gz]', `paths: [${join(repoRoot, 'pipelines', 'examples', 'example.warc.gz')}]`));
      const out = join(dir, name);
      const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'winnow.js'), 'run', file, '--out', out, '--excluded', join(out, 'excluded')], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`winnow run ${name}: ${r.stderr}`);
    }
    // A run "in flight": the example's plan and the markers of its first stages.
    const inflight = join(dir, 'example-in-flight');
    await mkdir(join(inflight, '.winnow', 'tasks'), { recursive: true });
    await cp(join(dir, 'example', '.winnow', 'run.json'), join(inflight, '.winnow', 'run.json'));
    for (const s of ['stage-0', 'stage-1', 'stage-2', 'stage-3']) await cp(join(dir, 'example', '.winnow', 'tasks', s), join(inflight, '.winnow', 'tasks', s), { recursive: true });
    const s3 = (await readdir(join(inflight, '.winnow', 'tasks', 'stage-3'))).sort();
    for (const f of s3.slice(6)) await rm(join(inflight, '.winnow', 'tasks', 'stage-3', f));
    const dash = await startDashboard({ runs: [join(dir, 'example'), join(dir, 'example-langid-0.9'), inflight], port: 0 });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
    const shots: Array<[string, string, ((p: Page) => Promise<void>)?]> = [
      ['overview', '#/overview?run=0'],
      ['drops', '#/drops?run=0&step=gopher_repetition&lang=en'],
      ['retention', '#/retention?run=0&signal=gopher_quality/stop_words&k=3'],
      ['examples', '#/examples?run=0&step=gopher_repetition&reason=dup_para_frac&kind=dropped'],
      ['compare', '#/compare?a=0&b=1'],
      ['progress', '#/progress?run=2'],
    ];
    for (const [name, hash] of shots) {
      await firstRender(page, dash.url + hash);
      const path = join(repoRoot, 'docs', `dashboard-${name}.png`);
      await page.screenshot({ path, fullPage: false });
      console.log(`wrote ${path}`);
    }
    await dash.close();
  } finally {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

console.log(`dashboard bench @ ${gitRevision()} — ${machine()}`);
if (process.argv.includes('--screenshots')) await screenshots();
else await bench();
