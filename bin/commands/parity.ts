/**
 * `winnow parity datatrove --corpus C --oracle DIR`: runs winnow in datatrove's configuration over a
 * corpus and compares per document with datatrove's recorded outputs (shared/bench/README.md):
 * the five quality-filter configurations (English, spaCy English tokenizer) and the language-ID
 * labels; optionally MinHash clusters. One line per check, then a sample of disagreements; exit code
 * 1 when any check agrees on fewer than PARITY_THRESHOLD of the documents.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { checkFilters } from '../../pipelines/parity/filters.js';
import { formatParityLine, PARITY_THRESHOLD, type ParityCheck } from '../../pipelines/parity/types.js';
import { TOKENIZER_NAMES, type TokenizerName } from '../../filters/text/tokenizers.js';

type CheckFn = (corpus: string, oracleDir: string, opts?: Record<string, unknown>) => Promise<ParityCheck[]>;

const GROUPS = ['filters', 'lid', 'minhash'] as const;
type Group = (typeof GROUPS)[number];

/** Checks written in other modules, loaded only when asked for (and when present). */
async function optionalCheck(module: string, exportName: string): Promise<CheckFn | undefined> {
  const url = new URL(`../../pipelines/parity/${module}.js`, import.meta.url);
  try {
    const mod = (await import(url.href)) as Record<string, unknown>;
    return typeof mod[exportName] === 'function' ? (mod[exportName] as CheckFn) : undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw e;
  }
}

export interface ParityOptions {
  corpus: string;
  oracle: string;
  sample: string;
  limit?: string;
  checks: string;
  tokenizer: string;
}

const int = (name: string, v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} expects a whole number, got "${v}"`);
  return n;
};

type Write = (s: string) => void;

/** Runs the checks and prints the report; returns the exit code (0 ok, 1 below the threshold). */
export async function runParity(o: ParityOptions, out: Write = (s) => void process.stdout.write(s), err: Write = (s) => void process.stderr.write(s)): Promise<number> {
  for (const [flag, p] of [['--corpus', o.corpus], ['--oracle', o.oracle]] as const) {
    if (!existsSync(p)) throw new Error(`${flag} ${p}: no such file or directory`);
  }
  const groups = o.checks.split(',').map((s) => s.trim()).filter(Boolean);
  for (const g of groups) if (!GROUPS.includes(g as Group)) throw new Error(`--checks: unknown check group "${g}" (known: ${GROUPS.join(', ')})`);
  if (!TOKENIZER_NAMES.includes(o.tokenizer as TokenizerName)) throw new Error(`--tokenizer must be one of ${TOKENIZER_NAMES.join(', ')}`);
  const sample = int('sample', o.sample);
  const limit = o.limit === undefined ? undefined : int('limit', o.limit);

  const results: ParityCheck[] = [];
  for (const g of groups) {
    const t0 = performance.now();
    let checks: ParityCheck[];
    if (g === 'filters') checks = await checkFilters(o.corpus, o.oracle, { sample, limit, tokenizer: o.tokenizer as TokenizerName });
    else {
      const fn = g === 'lid' ? await optionalCheck('lid', 'checkLid') : await optionalCheck('minhash', 'checkMinhash');
      if (fn === undefined) {
        err(`winnow parity: the ${g} check is not available in this build; skipped\n`);
        continue;
      }
      // Clusters depend on the whole corpus, and the oracle's were computed over all of it.
      if (g === 'minhash' && limit !== undefined) err('winnow parity: --limit does not apply to the minhash check (clusters span the whole corpus); comparing every document\n');
      checks = await fn(o.corpus, o.oracle, { sample, limit });
    }
    for (const c of checks) out(formatParityLine(c) + '\n');
    err(`(${g}: ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    results.push(...checks);
  }

  const failing = results.filter((c) => c.total > 0 && c.agree / c.total < PARITY_THRESHOLD);
  const withDiffs = results.filter((c) => c.disagreements.length > 0);
  if (withDiffs.length > 0) {
    out('\nsample of disagreements (ours | datatrove):\n');
    for (const c of withDiffs) {
      for (const d of c.disagreements) out(`  ${c.name} ${d.id}: ${d.ours} | ${d.theirs}\n`);
    }
  }
  if (failing.length > 0) {
    out(`\nbelow ${PARITY_THRESHOLD}: ${failing.map((c) => c.name).join(', ')}\n`);
    return 1;
  }
  return 0;
}

export function registerParity(program: Command): void {
  const parity = program.command('parity').description('Compare winnow with a reference tool, document by document.');
  parity
    .command('datatrove')
    .description(
      "Run the Gopher/C4/FineWeb rule sets (and language ID) in datatrove 0.10's configuration over a corpus and compare each document with datatrove's recorded decisions.",
    )
    .requiredOption('--corpus <file>', 'JSONL(.gz) corpus: {"id", "text", "metadata"} per line')
    .requiredOption('--oracle <dir>', 'folder with datatrove outputs: filters.jsonl.gz, lid.jsonl.gz, …')
    .option('--sample <n>', 'disagreements shown per check', '10')
    .option('--limit <n>', 'compare only the first N documents (filters and lid; minhash always compares the whole corpus)')
    .option('--checks <list>', `comma-separated: ${GROUPS.join(', ')}`, 'filters,lid,minhash')
    .option('--tokenizer <name>', 'word splitting for the rule sets (spacy_en = datatrove\'s; auto shows the gap)', 'spacy_en')
    .addHelpText(
      'after',
      '\nExample:\n  winnow parity datatrove --corpus ../shared/bench/corpus-a.jsonl.gz --oracle ../shared/bench/datatrove-oracle-a',
    )
    .action(async (o: ParityOptions) => {
      try {
        process.exitCode = await runParity({ ...o, corpus: path.resolve(o.corpus), oracle: path.resolve(o.oracle) });
      } catch (e) {
        process.stderr.write(`winnow parity: ${(e as Error).message}\n`);
        process.exitCode = 2;
      }
    });
}
