/**
 * Run statistics. Every number here merges by addition, so stats of tasks, shards and workers
 * (local or distributed) combine the same way into one `stats.json`.
 */
export interface Counts {
  docs: number;
  bytes: number;
}

export interface LangStats {
  in: Counts;
  out: Counts;
  /** Dropped documents per reason. */
  dropped: Record<string, number>;
  /** Annotate-mode decisions that would have dropped, per reason. */
  flagged: Record<string, number>;
}

export interface StepStats {
  in: Counts;
  out: Counts;
  dropped: Record<string, number>;
  flagged: Record<string, number>;
  /** Wall time spent inside this step's own code, milliseconds. */
  time_ms: number;
  by_lang: Record<string, LangStats>;
  /**
   * Histograms of the values this step measured (e.g. `dup_line_frac`, `avg_word_length`,
   * `lang_score`, `toxicity`), over the documents that entered it, per language. They let the
   * dashboard draw retention against any threshold without rereading the corpus.
   */
  signals?: Record<string, SignalStats>;
}

/**
 * One measured value's histogram. The layout is fixed by the step (not by the data) so that
 * histograms of tasks, shards and workers merge by adding counts.
 */
export interface SignalStats {
  /** Bin layout: `bins` equal-width bins over [lo, hi] of the value (scale `linear`) or of
   *  log10(1 + value) (scale `log`, for counts such as words per document). Values outside
   *  [lo, hi] fall into the first or last bin; NaN is counted in `nan` only. */
  lo: number;
  hi: number;
  bins: number;
  scale: 'linear' | 'log';
  /** The keep range the step applied: a document passes when min ≤ value ≤ max (null: unbounded). */
  min: number | null;
  max: number | null;
  by_lang: Record<string, SignalLangStats>;
}

export interface SignalLangStats {
  /** Documents per bin (length `bins`). */
  counts: number[];
  nan: number;
  /** The keep range for this language when it differs from the step's (per-language rules). */
  min?: number | null;
  max?: number | null;
}

/** What a step declares about a signal; the histogram's layout and default keep range. */
export type SignalSpec = Omit<SignalStats, 'by_lang'>;

export function emptySignal(spec: SignalSpec): SignalStats {
  return { ...spec, by_lang: {} };
}

function toAxis(scale: SignalSpec['scale'], v: number): number {
  return scale === 'log' ? Math.log10(1 + Math.max(0, v)) : v;
}

// Edge i of a layout whose axis ends (lo, hi) are already on the axis.
function edgeOn(spec: SignalSpec, lo: number, hi: number, i: number): number {
  const x = lo + ((hi - lo) * i) / spec.bins;
  return spec.scale === 'log' ? 10 ** x - 1 : x;
}

function binOn(spec: SignalSpec, lo: number, hi: number, value: number): number {
  let i = Math.floor(((toAxis(spec.scale, value) - lo) / (hi - lo)) * spec.bins);
  if (i < 0) return 0;
  if (i >= spec.bins) return spec.bins - 1;
  // Rounding puts some values that equal an edge one bin off (0.29 × 100 = 28.999…): settle on the edges.
  if (i > 0 && value < edgeOn(spec, lo, hi, i)) i--;
  else if (i + 1 < spec.bins && value >= edgeOn(spec, lo, hi, i + 1)) i++;
  return i;
}

/**
 * The bin a value falls into (clamped to the first and last bin): bin i holds
 * signalEdge(i) ≤ value < signalEdge(i + 1).
 */
export function signalBin(spec: SignalSpec, value: number): number {
  return binOn(spec, toAxis(spec.scale, spec.lo), toAxis(spec.scale, spec.hi), value);
}

/** `signalBin` for one layout and many values (the axis ends computed once). */
export function signalBinner(spec: SignalSpec): (value: number) => number {
  const lo = toAxis(spec.scale, spec.lo);
  const hi = toAxis(spec.scale, spec.hi);
  return (value) => binOn(spec, lo, hi, value);
}

/** Lower edge of bin `i` in the value's own units (i = bins gives the upper edge of the last bin). */
export function signalEdge(spec: SignalSpec, i: number): number {
  return edgeOn(spec, toAxis(spec.scale, spec.lo), toAxis(spec.scale, spec.hi), i);
}

/** Counts one measured value for a document of language `lang`. */
export function recordSignal(stats: SignalStats, lang: string, value: number): void {
  let l = stats.by_lang[lang];
  if (l === undefined) l = stats.by_lang[lang] = { counts: new Array<number>(stats.bins).fill(0), nan: 0 };
  if (Number.isNaN(value)) l.nan++;
  else l.counts[signalBin(stats, value)]++;
}

function addSignal(a: SignalStats, b: SignalStats): void {
  for (const lang in b.by_lang) {
    const bl = b.by_lang[lang];
    const al = a.by_lang[lang];
    if (al === undefined) {
      a.by_lang[lang] = { ...bl, counts: bl.counts.slice() };
      continue;
    }
    for (let i = 0; i < bl.counts.length; i++) al.counts[i] += bl.counts[i];
    al.nan += bl.nan;
  }
}

export interface InputError {
  file: string;
  /** Byte offset or record/line number where the problem is, when known. */
  where?: string;
  message: string;
}

export interface RunStats {
  /** Steps in pipeline order (object key order is the order). */
  steps: Record<string, StepStats>;
  /** Input problems that were skipped; counted in full, listed up to a cap. */
  errors: { count: number; sample: InputError[] };
  tasks: { done: number };
}

export const ERROR_SAMPLE_CAP = 100;

export function emptyCounts(): Counts {
  return { docs: 0, bytes: 0 };
}

export function emptyLangStats(): LangStats {
  return { in: emptyCounts(), out: emptyCounts(), dropped: {}, flagged: {} };
}

export function emptyStepStats(): StepStats {
  return { in: emptyCounts(), out: emptyCounts(), dropped: {}, flagged: {}, time_ms: 0, by_lang: {} };
}

export function emptyRunStats(): RunStats {
  return { steps: {}, errors: { count: 0, sample: [] }, tasks: { done: 0 } };
}

function addCounts(a: Counts, b: Counts): void {
  a.docs += b.docs;
  a.bytes += b.bytes;
}

function addMap(a: Record<string, number>, b: Record<string, number>): void {
  for (const k in b) a[k] = (a[k] ?? 0) + b[k];
}

function addLang(a: LangStats, b: LangStats): void {
  addCounts(a.in, b.in);
  addCounts(a.out, b.out);
  addMap(a.dropped, b.dropped);
  addMap(a.flagged, b.flagged);
}

export function addStepStats(a: StepStats, b: StepStats): void {
  addCounts(a.in, b.in);
  addCounts(a.out, b.out);
  addMap(a.dropped, b.dropped);
  addMap(a.flagged, b.flagged);
  a.time_ms += b.time_ms;
  for (const lang in b.by_lang) addLang((a.by_lang[lang] ??= emptyLangStats()), b.by_lang[lang]);
  if (b.signals !== undefined) {
    a.signals ??= {};
    for (const name in b.signals) {
      const bs = b.signals[name];
      if (a.signals[name] === undefined) a.signals[name] = { ...bs, by_lang: {} };
      addSignal(a.signals[name], bs);
    }
  }
}

/** Adds `b` into `a` (mutates and returns `a`). */
export function mergeRunStats(a: RunStats, b: RunStats): RunStats {
  for (const name in b.steps) addStepStats((a.steps[name] ??= emptyStepStats()), b.steps[name]);
  a.errors.count += b.errors.count;
  for (const e of b.errors.sample) if (a.errors.sample.length < ERROR_SAMPLE_CAP) a.errors.sample.push(e);
  a.tasks.done += b.tasks.done;
  return a;
}

/**
 * Task markers hold histogram counts sparsely: a task's stats carry a histogram per signal and
 * language, and most languages of a Common Crawl shard have a handful of documents, so dense arrays
 * would be almost all zeros (megabytes per marker, times tens of thousands of tasks). In memory and
 * in stats.json the counts stay dense. Use as `JSON.stringify(x, sparseCounts)` and
 * `JSON.parse(s, denseCounts)`.
 */
interface SparseCounts {
  length: number;
  /** [bin, count] for the non-empty bins, in bin order. */
  nonzero: Array<[number, number]>;
}

export function sparseCounts(key: string, value: unknown): unknown {
  if (key !== 'counts' || !Array.isArray(value)) return value;
  const nonzero: Array<[number, number]> = [];
  for (let i = 0; i < value.length; i++) if (value[i] !== 0) nonzero.push([i, value[i] as number]);
  return { length: value.length, nonzero } satisfies SparseCounts;
}

export function denseCounts(key: string, value: unknown): unknown {
  if (key !== 'counts' || value === null || typeof value !== 'object' || !('nonzero' in value)) return value;
  const { length, nonzero } = value as SparseCounts;
  const out = new Array<number>(length).fill(0);
  for (const [i, n] of nonzero) out[i] = n;
  return out;
}

function sortedRecord<T>(r: Record<string, T>, f: (v: T) => T = (v) => v): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(r).sort()) out[k] = f(r[k]);
  return out;
}

function canonicalLang(l: LangStats): LangStats {
  return { ...l, dropped: sortedRecord(l.dropped), flagged: sortedRecord(l.flagged) };
}

/**
 * The same stats with the keys of every per-language and per-reason map sorted (steps keep pipeline
 * order): tasks are folded in as they finish, and stats.json must not depend on that order.
 */
export function canonicalStats(s: RunStats): RunStats {
  const steps: Record<string, StepStats> = {};
  for (const [name, st] of Object.entries(s.steps)) {
    steps[name] = {
      ...canonicalLang(st),
      time_ms: st.time_ms,
      by_lang: sortedRecord(st.by_lang, canonicalLang),
      ...(st.signals ? { signals: sortedRecord(st.signals, (sig) => ({ ...sig, by_lang: sortedRecord(sig.by_lang) })) } : {}),
    };
  }
  return { ...s, steps };
}
