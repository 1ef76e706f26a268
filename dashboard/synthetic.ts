/**
 * Synthetic run folders for the dashboard's tests, benchmark and screenshots: a stats.json with
 * signal histograms of generated values (a seeded PRNG, so the same options give the same bytes)
 * and an excluded Parquet output whose rows agree with the stats, written by DuckDB.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { mulberry32 } from '../pipelines/engine/random.js';
import {
  emptyLangStats,
  emptyRunStats,
  emptyStepStats,
  recordSignal,
  emptySignal,
  type RunStats,
  type SignalSpec,
  type SignalStats,
  type StepStats,
} from '../schemas/stats.js';

export interface SyntheticOptions {
  docs: number;
  seed?: number;
  langs?: string[];
  /** gopher_quality's minimum stop words (the threshold a "before/after" comparison changes). */
  minStopWords?: number;
  /** Words per excluded document's text (its size on disk). */
  wordsPerDoc?: number;
  /** Extra excluded rows appended as given (hostile content for the XSS test). */
  extraExcluded?: Array<{ id: string; text: string; url: string | null; lang: string; excluded_by: string; reason: string }>;
  /** Write stats.json only (no excluded Parquet). */
  statsOnly?: boolean;
}

export const SYNTHETIC_LANGS = ['en', 'de', 'fr', 'es', 'ru', 'ja', 'zh', 'ar', 'hi', 'sw'];

const SPECS: Record<string, Record<string, SignalSpec>> = {
  langid: { lang_score: { lo: 0, hi: 1, bins: 100, scale: 'linear', min: 0.65, max: null } },
  gopher_repetition: { dup_line_frac: { lo: 0, hi: 1, bins: 100, scale: 'linear', min: null, max: 0.3 } },
  gopher_quality: {
    words: { lo: 0, hi: 1_000_000, bins: 120, scale: 'log', min: 50, max: 100_000 },
    avg_word_length: { lo: 0, hi: 20, bins: 200, scale: 'linear', min: 3, max: 10 },
    stop_words: { lo: 0, hi: 32, bins: 32, scale: 'linear', min: 2, max: null },
  },
  fineweb_quality: { line_punct_ratio: { lo: 0, hi: 1, bins: 1000, scale: 'linear', min: 0.12, max: null } },
};

interface Drop {
  lang: string;
  step: string;
  reason: string;
}

/** Writes a finished run folder: `<dir>/stats.json` and `<dir>/excluded/part-00000.parquet` (no kept output). */
export async function writeSyntheticRun(dir: string, opts: SyntheticOptions): Promise<RunStats> {
  const rand = mulberry32(opts.seed ?? 1);
  const langs = opts.langs ?? SYNTHETIC_LANGS;
  const minStop = opts.minStopWords ?? 2;
  const stats = emptyRunStats();
  const order = ['read', 'langid', 'gopher_repetition', 'gopher_quality', 'fineweb_quality', 'exact_dedup'];
  for (const s of order) stats.steps[s] = emptyStepStats();
  const signals: Record<string, Record<string, SignalStats>> = {};
  for (const [step, specs] of Object.entries(SPECS)) {
    signals[step] = {};
    for (const [name, spec] of Object.entries(specs)) signals[step][name] = emptySignal(name === 'stop_words' ? { ...spec, min: minStop } : spec);
  }
  const drops: Drop[] = [];
  const count = (step: StepStats, lang: string, bytes: number, verdict: string | null, flag = false): void => {
    const l = (step.by_lang[lang] ??= emptyLangStats());
    step.in.docs++;
    step.in.bytes += bytes;
    l.in.docs++;
    l.in.bytes += bytes;
    if (verdict !== null && !flag) {
      step.dropped[verdict] = (step.dropped[verdict] ?? 0) + 1;
      l.dropped[verdict] = (l.dropped[verdict] ?? 0) + 1;
      return;
    }
    if (verdict !== null) {
      step.flagged[verdict] = (step.flagged[verdict] ?? 0) + 1;
      l.flagged[verdict] = (l.flagged[verdict] ?? 0) + 1;
    }
    step.out.docs++;
    step.out.bytes += bytes;
    l.out.docs++;
    l.out.bytes += bytes;
  };
  // Per-language rules: Japanese and Chinese have no spaces, so their word-length bounds differ.
  const wordLen = signals.gopher_quality.avg_word_length;
  for (let i = 0; i < opts.docs; i++) {
    // A Zipf-like language mix.
    const lang = langs[Math.min(langs.length - 1, Math.floor(langs.length * rand() ** 2.2))];
    const words = Math.round(10 ** (1 + 3.2 * rand() ** 0.7));
    const bytes = words * 6;
    const read = stats.steps.read;
    read.out.docs++;
    read.out.bytes += bytes;
    const r = (read.by_lang[lang] ??= emptyLangStats());
    r.out.docs++;
    r.out.bytes += bytes;

    const score = Math.min(1, 0.35 + 0.65 * rand() ** 0.25);
    recordSignal(signals.langid.lang_score, lang, score);
    if (score < 0.65) {
      count(stats.steps.langid, lang, bytes, 'lang_score');
      drops.push({ lang, step: 'langid', reason: 'lang_score' });
      continue;
    }
    count(stats.steps.langid, lang, bytes, null);

    const dup = rand() < 0.8 ? rand() * 0.1 : rand();
    recordSignal(signals.gopher_repetition.dup_line_frac, lang, dup);
    if (dup > 0.3) {
      count(stats.steps.gopher_repetition, lang, bytes, 'dup_line_frac');
      drops.push({ lang, step: 'gopher_repetition', reason: 'dup_line_frac' });
      continue;
    }
    count(stats.steps.gopher_repetition, lang, bytes, null);

    const cjk = lang === 'ja' || lang === 'zh';
    const avg = cjk ? 1 + rand() * 3 : 2 + rand() * 7 + (rand() < 0.03 ? 10 : 0);
    const stop = Math.floor(rand() ** 0.5 * 14);
    recordSignal(signals.gopher_quality.words, lang, words);
    recordSignal(wordLen, lang, avg);
    recordSignal(signals.gopher_quality.stop_words, lang, stop);
    if (cjk) wordLen.by_lang[lang].min = 1;
    const reason = words < 50 ? 'gopher_short_doc' : avg < (cjk ? 1 : 3) || avg > 10 ? 'gopher_below_avg_threshold' : stop < minStop ? 'gopher_enough_stop_words' : null;
    count(stats.steps.gopher_quality, lang, bytes, reason);
    if (reason) {
      drops.push({ lang, step: 'gopher_quality', reason });
      continue;
    }

    const punct = rand() ** 0.6;
    recordSignal(signals.fineweb_quality.line_punct_ratio, lang, punct);
    count(stats.steps.fineweb_quality, lang, bytes, punct < 0.12 ? 'line_punct_ratio' : null, true);

    const dupDoc = rand() < 0.04;
    count(stats.steps.exact_dedup, lang, bytes, dupDoc ? 'exact_duplicate_of' : null);
    if (dupDoc) drops.push({ lang, step: 'exact_dedup', reason: 'exact_duplicate_of' });
  }
  for (const [step, sigs] of Object.entries(signals)) stats.steps[step].signals = sigs;
  for (const e of opts.extraExcluded ?? []) {
    const step = (stats.steps[e.excluded_by] ??= emptyStepStats());
    const l = (step.by_lang[e.lang] ??= emptyLangStats());
    step.in.docs++;
    l.in.docs++;
    step.dropped[e.reason] = (step.dropped[e.reason] ?? 0) + 1;
    l.dropped[e.reason] = (l.dropped[e.reason] ?? 0) + 1;
  }
  stats.tasks.done = 1;

  await mkdir(join(dir, 'excluded'), { recursive: true });
  await writeFile(join(dir, 'stats.json'), JSON.stringify(stats));
  if (!opts.statsOnly) await writeExcluded(join(dir, 'excluded', 'part-00000.parquet'), drops, opts);
  return stats;
}

const WORDS =
  'the of and to in is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all we their has would when if so no will more can out up into do any your what'.split(
    ' ',
  );

async function writeExcluded(path: string, drops: Drop[], opts: SyntheticOptions): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    await conn.run('CREATE TABLE d (i INTEGER, id VARCHAR, url VARCHAR, lang VARCHAR, excluded_by VARCHAR, reason VARCHAR, text VARCHAR)');
    const app = await conn.createAppender('d');
    drops.forEach((d, i) => {
      app.appendInteger(i);
      app.appendVarchar(`doc-${i}`);
      app.appendVarchar(`https://site${i % 997}.example/page/${i}`);
      app.appendVarchar(d.lang);
      app.appendVarchar(d.step);
      app.appendVarchar(d.reason === 'exact_duplicate_of' ? `exact_duplicate_of:doc-${i + 1}` : d.reason);
      app.appendNull();
      app.endRow();
    });
    (opts.extraExcluded ?? []).forEach((e, j) => {
      app.appendInteger(drops.length + j);
      app.appendVarchar(e.id);
      if (e.url === null) app.appendNull();
      else app.appendVarchar(e.url);
      app.appendVarchar(e.lang);
      app.appendVarchar(e.excluded_by);
      app.appendVarchar(e.reason);
      app.appendVarchar(e.text);
      app.endRow();
    });
    app.closeSync();
    // Text from the row number: a heading line and `n / 20` sentences of 20 words picked from 64
    // generated ones (cheap in SQL; repetitive enough to compress about as web text does).
    const pick = mulberry32(opts.seed ?? 1);
    const sentences = Array.from({ length: 64 }, () => Array.from({ length: 20 }, () => WORDS[Math.floor(pick() * WORDS.length)]).join(' ') + '.');
    const list = `[${sentences.map((x) => `'${x}'`).join(',')}]`;
    const parts = Math.max(1, Math.round((opts.wordsPerDoc ?? 160) / 20));
    const body = Array.from({ length: parts }, (_, k) => `${list}[1 + (hash(i, ${k}) % 64)::BIGINT]`).join(` || ' ' || `);
    await rm(path, { force: true });
    await conn.run(
      `COPY (SELECT id, coalesce(text, 'Document ' || i || ' (' || lang || ', ' || reason || ').' || chr(10) || ${body}) AS text,
        url, lang, NULL::DOUBLE AS lang_score, NULL::VARCHAR AS metadata, excluded_by, reason FROM d ORDER BY i)
       TO '${path.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 10000)`,
    );
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}
