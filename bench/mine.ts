/**
 * Prompt-mining benchmark (`node dist/bench/mine.js [--docs N] [--repeat K] [--workers W] [--per-language Q] [--rtplx-only] [--no-rtplx]`):
 *
 *  - Throughput: `winnow mine-prompts`' pipeline (prompt_split with fastText LID and toxicity
 *    scoring of prompt, continuation and full text, then prompt_sample) over the first N documents
 *    of corpus A, in a fresh process: documents per CPU-second (CPU time of the whole process,
 *    every worker thread included, so it stays meaningful on a busy machine) and per wall-second.
 *  - Memory bounded: the same over corpus A repeated K times (distinct ids), peak RSS beside the 1×
 *    run. Sampling keeps only the quota (plus near-duplicate slack) per language × bin, so peak RSS
 *    should not grow with the input.
 *  - RTP-LX bucket agreement: on fold 0 of RTP-LX (../shared/data/rtp-lx, read in memory by
 *    models/toxicity/data.ts), each prompt's bin from the model through the mining scorer vs the
 *    human bin ((mean toxicity − 1) / 4 binned the same way), per language: exact agreement and
 *    within one bin. In-sample for the shipped model (it trains on every fold); the build measures
 *    the out-of-fold agreement (models/toxicity.md).
 *
 * Reads ../shared (or $WINNOW_SHARED); prints why and exits 0 when it is absent.
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { loadRtpLx } from '../models/toxicity/data.js';
import { foldOf } from '../models/toxicity/fit.js';
import { createLogger } from '../pipelines/engine/log.js';
import { executeRun, prepareRun } from '../pipelines/engine/run-pipeline.js';
import type { StepContext } from '../pipelines/engine/step.js';
import { LocalExecutor } from '../pipelines/executors/local.js';
import { binOf, DEFAULT_EDGES } from '../pipelines/prompts/bins.js';
import type { SetReport } from '../pipelines/prompts/datasheet.js';
import { minePipelineYaml } from '../pipelines/prompts/pipeline.js';
import { createToxicityScorer, innerContext, modelFile, scorerIdentity } from '../pipelines/prompts/scorer.js';
import { newDocument, type Document } from '../schemas/document.js';
import { emptyStepStats } from '../schemas/stats.js';
import { machine, measureChild, reportResult, sharedDir, sharedFile, table } from './common.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Child: mine one input folder into `out`, report documents, CPU and wall time. */
async function child(input: string, out: string, workers: number, perLanguage: number): Promise<void> {
  const yaml = path.join(out, 'mine-prompts.yaml');
  await writeFile(
    yaml,
    minePipelineYaml({
      input: [path.join(input, '*.jsonl')],
      out,
      perLanguage,
      small: Math.floor(perLanguage / 5),
      seed: 0,
      edges: DEFAULT_EDGES,
      style: 'ptp',
      minChars: 32,
      maxChars: 1000,
      bucketBy: 'text',
      dedup: true,
      keep: 'none',
      workers,
    }),
  );
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const prepared = await prepareRun(yaml);
  const executor = new LocalExecutor({ workers });
  const summary = await executeRun(prepared, executor);
  await executor.close();
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (summary.failures.length) throw new Error(summary.failures.map((f) => f.error.message).join('\n'));
  const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as SetReport;
  reportResult({
    docs: summary.stats.steps.read.out.docs,
    prompts: report.strata.reduce((n, s) => n + s.taken, 0),
    wallS,
    cpuS: (cpu.user + cpu.system) / 1e6,
  });
}

/**
 * One plain JSONL file (one shard, so one task holds the sampler at every size) of the first
 * `docs` documents of corpus A, `copies` times, ids made distinct per copy.
 */
async function makeInput(corpus: string, dir: string, docs: number, copies: number): Promise<void> {
  const out = createWriteStream(path.join(dir, 'a.jsonl'));
  for (let k = 0; k < copies; k++) {
    const rl = createInterface({ input: createReadStream(corpus).pipe(createGunzip()), crlfDelay: Infinity });
    let n = 0;
    for await (const line of rl) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { id: string; text: string };
      if (!out.write(JSON.stringify({ id: `${r.id}-r${k}`, text: r.text }) + '\n')) await once(out, 'drain');
      if (++n >= docs) break;
    }
    rl.close();
  }
  out.end();
  await once(out, 'close');
}

interface Row {
  docs: number;
  prompts: number;
  wallS: number;
  cpuS: number;
}

async function throughput(corpus: string): Promise<void> {
  const docs = Number(arg('--docs', '5000'));
  const repeat = Number(arg('--repeat', '5'));
  const workers = Number(arg('--workers', '2'));
  const perLanguage = Number(arg('--per-language', '2000'));
  const script = fileURLToPath(import.meta.url);
  const tmp = await mkdtemp(path.join(tmpdir(), 'winnow-bench-mine-'));
  try {
    const rows: Array<Array<string | number>> = [['input', 'docs', 'prompts', 'wall s', 'docs/s', 'docs/CPU-s', 'peak RSS MiB']];
    for (const copies of [1, repeat]) {
      const input = path.join(tmp, `in-${copies}`);
      const out = path.join(tmp, `out-${copies}`);
      await import('node:fs/promises').then((fs) => Promise.all([fs.mkdir(input), fs.mkdir(out)]));
      await makeInput(corpus, input, docs, copies);
      const m = measureChild<Row>(script, ['--child', input, out, String(workers), String(perLanguage)]);
      const r = m.result;
      rows.push([`corpus A ×${copies}`, r.docs, r.prompts, r.wallS, r.docs / r.wallS, r.docs / r.cpuS, m.peakRssMiB]);
    }
    console.log(`mine-prompts over corpus A (first ${docs.toLocaleString('en-US')} docs per copy, one shard; LID + toxicity of prompt, continuation and text; ${workers} worker thread(s); ${perLanguage} per language, 4 bins)`);
    console.log(table(rows));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Model bin vs human bin on RTP-LX's fold 0, per language, through the mining scorer. The shipped
 * model trains on every fold, so this checks the scorer's path end to end and is in-sample; the
 * out-of-fold agreement is in the model card (models/toxicity.md, PTP toxicity bins).
 */
async function rtplx(): Promise<void> {
  const dataDir = path.join(sharedDir, 'data');
  if (!existsSync(path.join(dataDir, 'rtp-lx', 'RTP-LX-v0.3-train.zip'))) {
    console.log(`[mine] RTP-LX check skipped: ${path.join(dataDir, 'rtp-lx')} is absent`);
    return;
  }
  const dev = (await loadRtpLx(dataDir)).filter((e) => foldOf(e) === 0);
  const log = createLogger();
  const file = modelFile(undefined, process.cwd());
  const id = await scorerIdentity(file);
  const scorer = await createToxicityScorer({ batch_size: 64, max_windows: 0 }, { configDir: process.cwd(), log });
  const ctx: StepContext = {
    task: { run: 'bench', stage: 0, shardIndex: 0, shardCount: 1, source: 'rtp-lx' },
    log,
    stats: emptyStepStats(),
    exclude: () => undefined,
    reportError: () => undefined,
  };
  const docs = dev.map((e, i) => newDocument(`rtplx-${i}`, e.text, { lang: e.lang }));
  async function* source(): AsyncIterable<Document> {
    yield* docs;
  }
  const scored: Document[] = [];
  for await (const d of scorer.run(source(), innerContext(ctx))) scored.push(d);
  await scorer.close?.();
  const edges = DEFAULT_EDGES;
  const per = new Map<string, { n: number; exact: number; within1: number; human: number[]; model: number[] }>();
  const total = { n: 0, exact: 0, within1: 0 };
  dev.forEach((e, i) => {
    const human = binOf((e.tox! - 1) / 4, edges);
    const model = binOf(scored[i].scores.toxicity ?? 0, edges);
    const s = per.get(e.lang) ?? { n: 0, exact: 0, within1: 0, human: [0, 0, 0, 0], model: [0, 0, 0, 0] };
    s.n++;
    s.human[human]++;
    s.model[model]++;
    if (human === model) s.exact++;
    if (Math.abs(human - model) <= 1) s.within1++;
    per.set(e.lang, s);
    total.n++;
    if (human === model) total.exact++;
    if (Math.abs(human - model) <= 1) total.within1++;
  });
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
  const rows: Array<Array<string | number>> = [['lang', 'prompts', 'exact', 'within 1 bin', 'human bins 0/1/2/3', 'model bins 0/1/2/3']];
  for (const [lang, s] of [...per].sort(([a], [b]) => a.localeCompare(b))) rows.push([lang, s.n, pct(s.exact, s.n), pct(s.within1, s.n), s.human.join('/'), s.model.join('/')]);
  rows.push(['all', total.n, pct(total.exact, total.n), pct(total.within1, total.n), '', '']);
  console.log(`\nRTP-LX fold 0 (in-sample: the shipped model trains on every fold; out-of-fold figures are in models/toxicity.md): bin of ${id.name} (sha256 ${id.sha256.slice(0, 12)}…) vs human bin ((mean toxicity − 1) / 4), edges ${edges.join(', ')}`);
  console.log(table(rows));
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv[1], argv[2], Number(argv[3]), Number(argv[4]));
  console.log(`mine bench — ${machine()}`);
  if (!argv.includes('--rtplx-only')) {
    const corpus = sharedFile('bench/corpus-a.jsonl.gz', 'mine');
    if (corpus) await throughput(corpus);
  }
  if (!argv.includes('--no-rtplx')) await rtplx();
}

await main();
