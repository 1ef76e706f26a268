/**
 * Language-ID benchmark (`node dist/bench/langid.js [--limit N]`):
 *  - corpus A: langid docs/s on one core, peak RSS, and parity with datatrove's LID oracle;
 *  - FLORES-200 devtest subset: per-language accuracy for the 17 PTP languages, lines/s, and
 *    agreement with the same model's labels from datatrove (`flores-lid176.jsonl.gz`).
 * Reads ../shared (or $WINNOW_SHARED); prints a message and exits 0 when it is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newDocument, type Document } from '../schemas/document.js';
import { corpusDocuments, readLines } from '../pipelines/parity/corpus.js';
import { checkLid, createLangidStep, standaloneContext } from '../pipelines/parity/lid.js';
import { PTP_FLORES } from '../filters/languages/flores.js';
import { formatParityLine, PARITY_THRESHOLD } from '../pipelines/parity/types.js';

/** datatrove 0.10 LanguageFilter with lid.176.ftz on corpus A, one core (measured by the project). */
const DATATROVE_DOCS_PER_SEC = 2100;
const FLORES_AGREEMENT_TARGET = 0.999;

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const shared = process.env.WINNOW_SHARED ?? path.resolve(repoRoot, '../shared');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

/** Wraps a source and sums the time spent waiting on it, so the step's own time can be separated. */
function timed(source: AsyncIterable<Document>): { docs: AsyncIterable<Document>; upstreamMs: () => number } {
  let ms = 0;
  return {
    upstreamMs: () => ms,
    docs: {
      async *[Symbol.asyncIterator]() {
        const it = source[Symbol.asyncIterator]();
        for (;;) {
          const t0 = performance.now();
          const r = await it.next();
          ms += performance.now() - t0;
          if (r.done) return;
          yield r.value;
        }
      },
    },
  };
}

/** Runs langid (annotate, datatrove defaults) and returns docs seen, own ms and total ms. */
async function runStep(source: AsyncIterable<Document>, onDoc: (d: Document) => void) {
  const step = await createLangidStep({ mode: 'annotate' });
  const src = timed(source);
  let n = 0;
  const t0 = performance.now();
  for await (const doc of step.run(src.docs, standaloneContext('bench'))) {
    onDoc(doc);
    n++;
  }
  const total = performance.now() - t0;
  return { n, ownMs: total - src.upstreamMs(), totalMs: total };
}

const mib = (kb: number) => (kb / 1024).toFixed(0);
const pct = (x: number) => (100 * x).toFixed(2) + '%';

async function corpusA(limit: number): Promise<void> {
  const corpus = path.join(shared, 'bench/corpus-a.jsonl.gz');
  const oracle = path.join(shared, 'bench/datatrove-oracle-a');
  if (!existsSync(corpus)) return console.log(`corpus A not found at ${corpus}; skipping`);
  console.log('\n== corpus A ==');
  // 1. Streaming, as in a pipeline (drop mode, datatrove defaults): memory and end-to-end rate.
  {
    const step = await createLangidStep({});
    const src = timed(corpusDocuments(corpus, limit));
    let kept = 0;
    const t0 = performance.now();
    const ctx = standaloneContext(corpus);
    for await (const _ of step.run(src.docs, ctx)) kept++;
    const total = performance.now() - t0;
    const seen = kept + Object.values(ctx.stats.dropped).reduce((a, b) => a + b, 0);
    console.log(
      `streaming (gunzip + JSON + langid): ${seen.toLocaleString('en-US')} docs in ${(total / 1000).toFixed(1)} s; ` +
        `${(seen / ((total - src.upstreamMs()) / 1000)).toFixed(0)} docs/s in langid; kept ${kept.toLocaleString('en-US')}${Number.isFinite(limit) ? '' : ' (datatrove: 46,222 of 50,000)'}`,
    );
    console.log(`peak RSS after the streaming run: ${mib(process.resourceUsage().maxRSS)} MiB`);
  }
  if (existsSync(path.join(oracle, 'lid.jsonl.gz'))) {
    for (const c of await checkLid(corpus, oracle, { limit })) {
      const ok = c.total === 0 || c.agree / c.total >= PARITY_THRESHOLD;
      console.log(`parity ${formatParityLine(c)}${ok ? '' : '  BELOW ' + PARITY_THRESHOLD}`);
      for (const d of c.disagreements.slice(0, 3)) console.log(`  ${d.id}: ours ${d.ours} | datatrove ${d.theirs}`);
    }
  }
  // 2. Throughput of the step alone: documents in memory, wasm warmed up (V8 tiers hot code up).
  const docs: Document[] = [];
  for await (const d of corpusDocuments(corpus, limit)) docs.push(d);
  async function* fromMemory(list: Document[]) {
    yield* list;
  }
  await runStep(fromMemory(docs.slice(0, 2000)), () => {});
  const c0 = process.cpuUsage();
  const { n, ownMs } = await runStep(fromMemory(docs), () => {});
  const cpu = process.cpuUsage(c0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const wallRate = n / (ownMs / 1000);
  console.log(
    `langid step, 1 thread, ${n.toLocaleString('en-US')} docs: ${wallRate.toFixed(0)} docs/s wall, ${(n / cpuS).toFixed(0)} docs per CPU-second (${(ownMs / 1000).toFixed(2)} s wall, ${cpuS.toFixed(2)} s CPU)`,
  );
  console.log(`vs datatrove ≈${DATATROVE_DOCS_PER_SEC} docs/s/core: ${(wallRate / DATATROVE_DOCS_PER_SEC).toFixed(2)}× (wall), ${(n / cpuS / DATATROVE_DOCS_PER_SEC).toFixed(2)}× (CPU)`);
  console.log(`load average now: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores (wall rates drop when others share the cores)`);
}

async function flores(): Promise<void> {
  const dir = path.join(shared, 'data/flores200-devtest-subset');
  if (!existsSync(dir)) return console.log(`FLORES subset not found at ${dir}; skipping`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.devtest')).sort();
  const lines = files.map((f) => readFileSync(path.join(dir, f), 'utf8').split('\n').filter((l, i, a) => !(i === a.length - 1 && l === '')));
  const got = new Map<string, { label: string; score: number }>();
  async function* docs() {
    for (let f = 0; f < files.length; f++) for (let i = 0; i < lines[f].length; i++) yield newDocument(`${files[f]}:${i + 1}`, lines[f][i]);
  }
  const { n, ownMs } = await runStep(docs(), (d) => got.set(d.id, { label: d.lang ?? '', score: d.lang_score ?? NaN }));
  console.log(`\n== FLORES-200 devtest subset (${files.length} files, ${n.toLocaleString('en-US')} lines) ==`);
  console.log(`langid step: ${(n / (ownMs / 1000)).toFixed(0)} lines/s`);

  console.log('accuracy (top-1 label = PTP code):');
  let sum = 0;
  for (const [code, stems] of Object.entries(PTP_FLORES)) {
    let ok = 0;
    let total = 0;
    const wrong = new Map<string, number>();
    for (const stem of stems) {
      const f = files.indexOf(`${stem}.devtest`);
      if (f === -1) continue;
      for (let i = 1; i <= lines[f].length; i++) {
        const label = got.get(`${stem}.devtest:${i}`)?.label ?? '';
        total++;
        if (label === code) ok++;
        else wrong.set(label, (wrong.get(label) ?? 0) + 1);
      }
    }
    const acc = total === 0 ? 0 : ok / total;
    sum += acc;
    const errs = [...wrong].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([l, c]) => `${l}×${c}`).join(' ');
    console.log(`  ${code}  ${pct(acc).padStart(7)}  (${ok}/${total})${errs ? '  wrong: ' + errs : ''}`);
  }
  console.log(`  macro average over ${Object.keys(PTP_FLORES).length}: ${pct(sum / Object.keys(PTP_FLORES).length)}`);

  const ref = path.join(shared, 'bench/flores-lid176.jsonl.gz');
  if (!existsSync(ref)) return console.log(`${ref} not found; agreement skipped`);
  let total = 0;
  let sameLabel = 0;
  let sameScore = 0;
  const diffs: string[] = [];
  for await (const raw of readLines(ref)) {
    if (raw.trim() === '') continue;
    const r = JSON.parse(raw) as { file: string; line: number; label: string; score: number };
    const ours = got.get(`${r.file}:${r.line}`);
    total++;
    if (ours?.label === r.label) sameLabel++;
    else if (diffs.length < 5) diffs.push(`${r.file}:${r.line} ours ${ours?.label} datatrove ${r.label}`);
    if (ours !== undefined && Math.abs(ours.score - r.score) <= 1e-6) sameScore++;
  }
  const agree = total === 0 ? 0 : sameLabel / total;
  console.log(`agreement with datatrove/lid.176.ftz labels: ${pct(agree)} (${sameLabel}/${total}); scores within 1e-6: ${sameScore}/${total}${agree >= FLORES_AGREEMENT_TARGET ? '' : `  BELOW ${pct(FLORES_AGREEMENT_TARGET)}`}`);
  for (const d of diffs) console.log(`  ${d}`);
}

async function main(): Promise<void> {
  if (!existsSync(shared)) {
    console.log(`bench langid: shared data not found at ${shared} (set WINNOW_SHARED); nothing to measure.`);
    return;
  }
  const limit = Number(arg('--limit') ?? Infinity);
  await corpusA(limit);
  await flores();
  console.log(`\npeak RSS (whole run): ${mib(process.resourceUsage().maxRSS)} MiB`);
}

await main();
