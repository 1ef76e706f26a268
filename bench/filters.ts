/**
 * Rule-set benchmark (`node dist/bench/filters.js [--limit N] [--tokenizer spacy_en|auto] [--rounds N]`):
 * the four rule sets chained as in datatrove's benchmark (gopher_repetition → gopher_quality → c4 →
 * fineweb_quality, drop mode, English) over corpus A held in memory, on one thread. Reports docs/s
 * (wall and per CPU-second), the drops per step (datatrove drops 7,264 / 13,509 / 12,485 / 561 and
 * keeps 16,181 with its spaCy tokenizer) and peak RSS, once per tokenizer mode, each mode in its own
 * process so RSS figures don't mix. Within a mode, the chain runs with signals recorded (the default)
 * and without (`signals: false`), alternating, best of `--rounds` each, so their cost is measured
 * under the same load; the two must drop exactly the same documents. Reads ../shared (or
 * $WINNOW_SHARED); prints a message and exits 0 when it is absent.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Step, StepDefinition } from '../pipelines/engine/step.js';
import { createLogger } from '../pipelines/engine/log.js';
import { corpusDocuments } from '../pipelines/parity/corpus.js';
import { standaloneFilterContext } from '../pipelines/parity/filters.js';
import { newDocument, type Document } from '../schemas/document.js';
import { c4 } from '../filters/rules/c4.js';
import { finewebQuality } from '../filters/rules/fineweb-quality.js';
import { gopherQuality } from '../filters/rules/gopher-quality.js';
import { gopherRepetition } from '../filters/rules/gopher-repetition.js';
import { reportResult, sharedFile } from './common.js';

/** datatrove 0.10, the same four filters chained, corpus A, one core (measured by the project). */
const DATATROVE_DOCS_PER_SEC = 650;
const DATATROVE_DROPS = [7264, 13509, 12485, 561];
const CHAIN: StepDefinition[] = [gopherRepetition, gopherQuality, c4, finewebQuality];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

async function* fromMemory(docs: Document[]): AsyncGenerator<Document> {
  // Fresh copies: c4 rewrites the text of the documents it keeps.
  for (const d of docs) yield newDocument(d.id, d.text, { metadata: d.metadata });
}

async function buildChain(tokenizer: string, signals: boolean): Promise<Step[]> {
  const steps: Step[] = [];
  for (const def of CHAIN) {
    if (!('create' in def)) throw new Error(`${def.name} is not a streaming step`);
    steps.push(await def.create(def.options.parse({ tokenizer, language: 'en', signals }), { configDir: process.cwd(), log: createLogger({ step: def.name }) }));
  }
  return steps;
}

async function runChain(steps: Step[], docs: Document[]) {
  const ctxs = steps.map(() => standaloneFilterContext('bench'));
  let stream: AsyncIterable<Document> = fromMemory(docs);
  steps.forEach((s, i) => (stream = s.run(stream, ctxs[i])));
  let kept = 0;
  for await (const _ of stream) kept++;
  const drops = ctxs.map((c) => Object.values(c.stats.dropped).reduce((a, b) => a + b, 0));
  return { kept, drops };
}

interface Pass {
  kept: number;
  drops: number[];
  wallS: number;
  cpuS: number;
}

async function measuredPass(steps: Step[], docs: Document[]): Promise<Pass> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const { kept, drops } = await runChain(steps, docs);
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  return { kept, drops, wallS, cpuS: (cpu.user + cpu.system) / 1e6 };
}

/**
 * Child process: one tokenizer mode, corpus in memory, one warm-up pass per variant, then measured
 * passes with and without signals, alternating (on, off, off, on, …); the best pass of each counts.
 */
async function child(corpus: string, tokenizer: string, limit: number, rounds: number): Promise<void> {
  const docs: Document[] = [];
  for await (const d of corpusDocuments(corpus, limit)) docs.push(d);
  const chains = { on: await buildChain(tokenizer, true), off: await buildChain(tokenizer, false) };
  for (const steps of Object.values(chains)) await runChain(steps, docs.slice(0, 3000));
  const best: Partial<Record<'on' | 'off', Pass>> = {};
  for (let r = 0; r < rounds; r++) {
    for (const v of r % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
      const p = await measuredPass(chains[v], docs);
      const b = best[v];
      if (b !== undefined && (b.kept !== p.kept || b.drops.join() !== p.drops.join())) throw new Error(`signals ${v}: drops differ between passes`);
      if (b === undefined || p.cpuS < b.cpuS) best[v] = p;
    }
  }
  const { on, off } = best as Record<'on' | 'off', Pass>;
  if (on.kept !== off.kept || on.drops.join() !== off.drops.join()) {
    throw new Error(`signals on and off drop different documents: ${on.drops.join('/')} vs ${off.drops.join('/')}`);
  }
  reportResult({ docs: docs.length, kept: on.kept, drops: on.drops, wallS: on.wallS, cpuS: on.cpuS, offWallS: off.wallS, offCpuS: off.cpuS });
}

async function main(): Promise<void> {
  const corpus = sharedFile('bench/corpus-a.jsonl.gz', 'filters');
  if (corpus === undefined) return;
  const limit = Number(arg('--limit') ?? Infinity);
  const rounds = Number(arg('--rounds') ?? 2);
  if (process.argv.includes('--child')) return child(corpus, arg('--tokenizer') ?? 'spacy_en', limit, rounds);
  const modes = arg('--tokenizer') ? [arg('--tokenizer') as string] : ['spacy_en', 'auto'];
  const script = fileURLToPath(import.meta.url);
  console.log(`rule sets chained (gopher_repetition → gopher_quality → c4 → fineweb_quality), corpus A, 1 thread; signals on (default), best of ${rounds} passes`);
  for (const mode of modes) {
    const args = [script, '--child', '--tokenizer', mode, '--rounds', String(rounds), ...(Number.isFinite(limit) ? ['--limit', String(limit)] : [])];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`bench child (${mode}) failed (${r.status}):\n${r.stderr}`);
    const lines = r.stdout.trim().split('\n');
    const res = JSON.parse(lines[lines.length - 1]) as {
      docs: number;
      kept: number;
      drops: number[];
      wallS: number;
      cpuS: number;
      offWallS: number;
      offCpuS: number;
      maxRssKiB: number;
    };
    const wallRate = res.docs / res.wallS;
    const cpuRate = res.docs / res.cpuS;
    console.log(`\n[${mode}] ${res.docs.toLocaleString('en-US')} docs in ${res.wallS.toFixed(2)} s wall, ${res.cpuS.toFixed(2)} s CPU`);
    console.log(`  ${wallRate.toFixed(0)} docs/s wall, ${cpuRate.toFixed(0)} docs per CPU-second; vs datatrove ≈${DATATROVE_DOCS_PER_SEC} docs/s/core: ${(wallRate / DATATROVE_DOCS_PER_SEC).toFixed(1)}× (wall), ${(cpuRate / DATATROVE_DOCS_PER_SEC).toFixed(1)}× (CPU)`);
    const offCpuRate = res.docs / res.offCpuS;
    console.log(
      `  signals off (signals: false): ${(res.docs / res.offWallS).toFixed(0)} docs/s wall, ${offCpuRate.toFixed(0)} docs per CPU-second → recording signals costs ${((1 - cpuRate / offCpuRate) * 100).toFixed(1)}% of throughput per CPU-second`,
    );
    console.log(`  dropped per step ${res.drops.map((d) => d.toLocaleString('en-US')).join(' / ')}, kept ${res.kept.toLocaleString('en-US')}` + (mode === 'spacy_en' && !Number.isFinite(limit) ? ` (datatrove: ${DATATROVE_DROPS.map((d) => d.toLocaleString('en-US')).join(' / ')}, kept 16,181)` : ''));
    console.log(`  peak RSS ${(res.maxRssKiB / 1024).toFixed(0)} MiB (corpus held in memory; both variants in one process)`);
  }
  console.log(`\nload average now: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores (wall rates drop when others share the cores)`);
}

await main();
