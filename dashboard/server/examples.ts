import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { excludedDir, type RunSource } from './runs.js';

/** Stats count documents without a language under this key. */
const UNKNOWN_LANG = 'unknown';

export interface Example {
  id: string;
  url: string | null;
  lang: string | null;
  excluded_by: string | null;
  reason: string | null;
  /** The first characters of the text (untrusted web content: the page renders it as text only). */
  snippet: string;
  chars: number;
}

export interface ExampleQuery {
  step: string;
  reason: string;
  /** A language code, or '' for all. */
  lang: string;
  /** `dropped`: from the excluded output; `flagged`: annotate-mode decisions in the kept output. */
  kind: 'dropped' | 'flagged';
  limit: number;
  snippetChars: number;
}

let conn: Promise<DuckDBConnection> | undefined;

// One in-process DuckDB for the server's lifetime; it only reads Parquet files.
function connection(): Promise<DuckDBConnection> {
  conn ??= DuckDBInstance.create(':memory:', { threads: '2' }).then((db) => db.connect());
  return conn;
}

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

function parquetGlob(dir: string | undefined): string | undefined {
  if (!dir || !existsSync(dir) || !readdirSync(dir).some((f) => /^part-.*\.parquet$/.test(f))) return undefined;
  return join(dir, 'part-*.parquet');
}

// The Parquet files as the page names them: relative to the run folder when inside it.
function shown(run: RunSource, glob: string): string {
  const rel = relative(run.dir, glob);
  return rel.startsWith('..') || isAbsolute(rel) ? glob : rel;
}

/**
 * A random sample of the documents a step dropped (or flagged) for a reason, from the run's own Parquet.
 * Reasons with a per-document detail (`minhash_duplicate_of:<id>`) match by their prefix, as stats
 * count them. Values reach DuckDB as bound parameters; only the folder (from run.json) and the step
 * name (checked against the run's steps by the caller) are part of the SQL text.
 */
export async function sampleExamples(run: RunSource, q: ExampleQuery): Promise<{ examples: Example[]; source: string | null }> {
  const glob = parquetGlob(q.kind === 'dropped' ? excludedDir(run) : run.dir);
  if (!glob) return { examples: [], source: null };
  const c = await connection();
  const from = `read_parquet(${sqlString(glob)}, union_by_name = true)`;
  let where: string;
  let select: string;
  if (q.kind === 'dropped') {
    select = 'excluded_by, reason';
    where = `excluded_by = $step AND (reason = $reason OR starts_with(reason, $reason || ':'))`;
  } else {
    const col = `decisions."${q.step.replaceAll('"', '""')}"`;
    select = `$step AS excluded_by, ${col} AS reason`;
    where = `$step = $step AND (${col} = $reason OR starts_with(${col}, $reason || ':'))`;
  }
  if (q.lang) where += ' AND lang IS NOT DISTINCT FROM $lang';
  // A reservoir sample of all matching rows, not the first ones (those all come from the first
  // shard); on a 100 MB excluded Parquet it costs no more than LIMIT did.
  const sql = `SELECT * FROM (SELECT id, url, lang, ${select}, left(text, ${q.snippetChars}) AS snippet, length(text) AS chars FROM ${from} WHERE ${where}) USING SAMPLE reservoir(${q.limit} ROWS) REPEATABLE (1)`;
  const params: Record<string, string | null> = { step: q.step, reason: q.reason };
  if (q.lang) params.lang = q.lang === UNKNOWN_LANG ? null : q.lang;
  try {
    const reader = await c.runAndReadAll(sql, params);
    const rows = reader.getRowObjectsJson() as unknown as Example[];
    return { examples: rows.map((r) => ({ ...r, chars: Number(r.chars) })), source: shown(run, glob) };
  } catch (e) {
    // A kept output without that decision column (the step ran in drop mode): no flagged examples.
    if (q.kind === 'flagged' && /not found|does not exist|Binder Error/i.test((e as Error).message)) return { examples: [], source: shown(run, glob) };
    throw e;
  }
}
