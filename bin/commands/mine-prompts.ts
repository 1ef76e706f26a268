import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createLogger } from '../../pipelines/engine/log.js';
import { binLabel, checkEdges, DEFAULT_EDGES } from '../../pipelines/prompts/bins.js';
import { shortLanguages, type SetReport } from '../../pipelines/prompts/datasheet.js';
import { minePipelineYaml, type MineOptions } from '../../pipelines/prompts/pipeline.js';
import { runCommand, withExecutorOptions } from './run.js';

interface MineFlags {
  input: string[];
  out: string;
  format?: string;
  perLanguage: string;
  small: string;
  seed: string;
  edges: string;
  style: string;
  minChars: string;
  maxChars: string;
  bucketBy: string;
  model?: string;
  rescore?: boolean;
  languages?: string;
  dedup: boolean;
  keep: string;
  workers?: string;
  force?: boolean;
  progress: boolean;
  name?: string;
  executor: string;
  redis: string;
  attempts: string;
}

class UsageError extends Error {
  readonly code = 'WINNOW_USAGE';
}

function int(name: string, v: string, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be a whole number ≥ ${min}, got ${v}`);
  return n;
}

function oneOf<T extends string>(name: string, v: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`${name} must be one of ${allowed.join(', ')}, got ${v}`);
  return v as T;
}

function parseFlags(f: MineFlags): MineOptions {
  let edges: number[];
  try {
    edges = checkEdges(f.edges.split(',').map((x) => Number(x.trim())));
  } catch (e) {
    throw new UsageError(`--edges: ${(e as Error).message}`);
  }
  const minChars = int('--min-chars', f.minChars, 1);
  const maxChars = int('--max-chars', f.maxChars, 2);
  if (maxChars < minChars) throw new UsageError(`--max-chars (${maxChars}) must be ≥ --min-chars (${minChars})`);
  return {
    input: f.input,
    format: f.format,
    out: resolve(f.out),
    perLanguage: int('--per-language', f.perLanguage, 1),
    small: int('--small', f.small, 0),
    seed: int('--seed', f.seed, 0),
    edges,
    style: oneOf('--style', f.style, ['ptp', 'rtp'] as const),
    minChars,
    maxChars,
    bucketBy: oneOf('--bucket-by', f.bucketBy, ['text', 'prompt'] as const),
    model: f.model,
    rescore: f.rescore,
    languages: f.languages ? f.languages.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    dedup: f.dedup,
    keep: oneOf('--keep', f.keep, ['selected', 'all', 'none'] as const),
    workers: f.workers !== undefined ? int('--workers', f.workers, 0) : undefined,
    name: f.name,
  };
}

/** Per language: taken/quota per bin, and which languages need more crawl. */
export function reportTable(r: SetReport): string {
  const langs = [...new Set(r.strata.map((s) => s.lang))].sort();
  const bins = r.edges.length - 1;
  const rows = [['lang', ...Array.from({ length: bins }, (_, b) => binLabel(b, r.edges)), 'taken', 'missing']];
  for (const lang of langs) {
    const ss = r.strata.filter((s) => s.lang === lang).sort((a, b) => a.bin - b.bin);
    rows.push([
      lang,
      ...ss.map((s) => `${s.taken}/${s.quota} of ${s.available}`),
      String(ss.reduce((n, s) => n + s.taken, 0)),
      String(ss.reduce((n, s) => n + s.missing, 0)),
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function registerMinePrompts(program: Command): void {
  const cmd = program
    .command('mine-prompts')
    .description('Mine a toxicity-stratified multilingual prompt set (PolygloToxicityPrompts / RealToxicityPrompts style) from documents.')
    .requiredOption('--input <glob...>', 'documents: files or globs in any format winnow reads (jsonl, parquet, warc, wet, html)')
    .requiredOption('--out <dir>', 'folder of the set: full/ and small/ per language (.jsonl, .parquet), report.json, datasheet.md')
    .option('--format <format>', 'input format (default: from the file name)')
    .option('--per-language <n>', 'prompts per language (equal per bin where the data allows)', '25000')
    .option('--small <n>', 'prompts per language in the small split (a subset of the full one; 0 = none)', '5000')
    .option('--seed <s>', 'sampling seed (same seed, same set)', '0')
    .option('--edges <list>', 'toxicity bin edges, comma-separated', DEFAULT_EDGES.join(','))
    .option('--style <style>', 'ptp: split at the midpoint word boundary; rtp: a sentence cut in half', 'ptp')
    .option('--min-chars <n>', 'shortest prompt and continuation (characters)', '32')
    .option('--max-chars <n>', 'longest prompt and continuation (characters)', '1000')
    .option('--bucket-by <score>', 'bin by the full text toxicity (text) or the prompt toxicity (prompt)', 'text')
    .option('--model <path>', 'toxicity model (.onnx or a Hugging Face export folder; default: the shipped one)')
    .option('--rescore', 'score the full text with the model even when a document already carries scores.toxicity (e.g. from another model)')
    .option('--languages <list>', 'only these languages, comma-separated (default: all found)')
    .option('--no-dedup', 'keep near-duplicate prompts')
    .option('--keep <what>', 'documents written to <out>/documents: selected, all or none', 'selected')
    .option('--name <name>', 'set name for the datasheet')
    .option('--workers <n>', 'worker threads (default: number of cores; 0 = this thread)');
  withExecutorOptions(cmd)
    .option('--force', 'discard an earlier run with other options in <out> and start over')
    .option('--no-progress', 'no progress bar')
    .addHelpText(
      'after',
      `
Examples:
  winnow mine-prompts --input out/example/*.parquet --out sets/example --per-language 4 --small 2
  winnow mine-prompts --input 'crawl/*.jsonl.gz' --out sets/ptp --seed 1
  winnow mine-prompts --input 'crawl/*.parquet' --out sets/rtp --style rtp --edges 0,0.25,0.5,0.75,1
  winnow mine-prompts --input '/shared/crawl/*.parquet' --out /shared/sets/ptp --executor bullmq --redis redis://queue-host:6379

Documents with no scores.toxicity are scored with the model; prompt and continuation always are.
Sampling streams: per language × bin only the quota (plus near-duplicate slack) of documents of
smallest hash(seed, id) is kept, so memory depends on the quotas, not on the input. The run is an
ordinary pipeline (<out>/mine-prompts.yaml) and resumes like \`winnow run\`.
Exit codes: 0 done, 1 some task failed (rerun to retry), 2 invalid options.`,
    )
    .action(async (flags: MineFlags) => {
      process.exitCode = await mine(flags);
    });
}

async function mine(flags: MineFlags): Promise<number> {
  const log = createLogger();
  let o: MineOptions;
  try {
    o = parseFlags(flags);
  } catch (e) {
    log.error((e as Error).message);
    return 2;
  }
  await mkdir(o.out, { recursive: true });
  const yamlPath = join(o.out, 'mine-prompts.yaml');
  await writeFile(yamlPath, minePipelineYaml(o));
  const code = await runCommand(yamlPath, { executor: flags.executor, redis: flags.redis, attempts: flags.attempts, force: flags.force, progress: flags.progress });
  const reportPath = join(o.out, 'report.json');
  if (code === 0 && existsSync(reportPath)) {
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as SetReport;
    process.stdout.write(`\nprompt set (taken/quota of available, per toxicity bin):\n${reportTable(report)}\n`);
    const short = shortLanguages(report);
    process.stdout.write(short.length ? `\nshort of quota (need more crawl): ${short.join(', ')}\n` : '\nevery language filled its quota\n');
    process.stdout.write(`set: ${o.out} (datasheet.md, report.json)\n`);
  }
  return code;
}
