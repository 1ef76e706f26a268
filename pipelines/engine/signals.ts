/**
 * Signals: the values a filter measures (a word count, a duplicated-line share, a language score…),
 * counted into fixed-layout histograms in `stats.signals` (format: `schemas/stats.ts`), per language,
 * over the documents that enter the step. A filter declares its signals once per task; its check
 * reports each document's values to a `SignalRecorder`; the engine counts them after the verdict,
 * under `doc.lang ?? 'unknown'` — the language key `applyVerdict` counts drops under.
 */
import type { Document } from '../../schemas/document.js';
import { emptySignal, signalBinner, type SignalLangStats, type SignalSpec, type SignalStats, type StepStats } from '../../schemas/stats.js';

/** A histogram's bins: fixed by the step, never by the data, so histograms merge by addition. */
export type SignalLayout = Pick<SignalSpec, 'lo' | 'hi' | 'bins' | 'scale'>;

/** Shares and probabilities: [0, 1] in steps of 0.01. */
export const RATIO: SignalLayout = { lo: 0, hi: 1, bins: 100, scale: 'linear' };
/** Counts per document (words, lines, sentences): log10(1 + n) over [0, 1e6], 40 bins a decade. */
export const COUNT: SignalLayout = { lo: 0, hi: 1e6, bins: 240, scale: 'log' };
/** Text lengths in characters: log10(1 + n) over [0, 1e8], 40 bins a decade. */
export const LENGTH: SignalLayout = { lo: 0, hi: 1e8, bins: 320, scale: 'log' };

/** The keep range a rule applies: a document passes when min ≤ value ≤ max (null: unbounded). */
export interface KeepRange {
  min: number | null;
  max: number | null;
}

/** A signal's spec from its layout and keep range (non-finite bounds are "unbounded": JSON has no Infinity). */
export function signalSpec(layout: SignalLayout, range: KeepRange = { min: null, max: null }): SignalSpec {
  return { ...layout, min: finiteOrNull(range.min), max: finiteOrNull(range.max) };
}

function finiteOrNull(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}

/** What a check reports the values it measured on one document to. */
export interface SignalRecorder {
  /**
   * False when the step records no signals: rule sets then measure only what their verdict needs
   * (datatrove's short-circuit), with the same verdict.
   */
  readonly enabled: boolean;
  /**
   * One measured value of the current document (NaN: not measurable, e.g. a ratio over no words).
   * `range`: the keep range applied to this document, when rules differ per language; the
   * histogram of the document's language records it where it differs from the step's.
   */
  record(name: string, value: number, range?: KeepRange): void;
}

export class UndeclaredSignalError extends Error {
  readonly code = 'WINNOW_UNDECLARED_SIGNAL';
  constructor(step: string, name: string, declared: string[]) {
    super(`step ${step} recorded signal "${name}", which it does not declare (declared: ${declared.join(', ') || 'none'})`);
    this.name = 'UndeclaredSignalError';
  }
}

/**
 * The engine's recorder for one step in one task: holds the current document's values, then
 * `flush(doc)` counts them into `stats.signals` under the document's language. Every declared
 * signal is counted once per flushed document (NaN when the check did not report it), so per
 * step, bins + nan of each signal add up to the documents that entered it.
 */
export class SignalCounter implements SignalRecorder {
  readonly enabled: boolean;
  private readonly names: string[];
  private readonly index = new Map<string, number>();
  private readonly histograms: SignalStats[] = [];
  private readonly binners: Array<(value: number) => number> = [];
  /** Per language, its histogram of each signal (by index), as found or made in the stats. */
  private readonly langs = new Map<string, SignalLangStats[]>();
  private readonly values: Float64Array;
  private readonly ranges: Array<KeepRange | undefined>;

  constructor(
    private readonly step: string,
    specs: Record<string, SignalSpec>,
    stats: StepStats,
    enabled = true,
  ) {
    this.names = Object.keys(specs);
    this.enabled = enabled && this.names.length > 0;
    this.values = new Float64Array(this.names.length).fill(NaN);
    this.ranges = new Array<KeepRange | undefined>(this.names.length);
    if (!this.enabled) return;
    const signals = (stats.signals ??= {});
    this.names.forEach((name, i) => {
      this.index.set(name, i);
      // Declared up front: a step that saw no documents still shows its layout and keep range.
      const h = (signals[name] ??= emptySignal(specs[name]));
      this.histograms.push(h);
      this.binners.push(signalBinner(h));
    });
  }

  record(name: string, value: number, range?: KeepRange): void {
    if (!this.enabled) return;
    const i = this.index.get(name);
    if (i === undefined) throw new UndeclaredSignalError(this.step, name, this.names);
    this.values[i] = value;
    this.ranges[i] = range;
  }

  /** Counts the values reported for `doc` (call once per document, after its check). */
  flush(doc: Document): void {
    if (!this.enabled) return;
    const lang = doc.lang ?? 'unknown';
    const { values, ranges, histograms, binners } = this;
    let slots = this.langs.get(lang);
    if (slots === undefined) this.langs.set(lang, (slots = []));
    for (let i = 0; i < histograms.length; i++) {
      let l = slots[i];
      if (l === undefined) {
        const h = histograms[i];
        l = slots[i] = h.by_lang[lang] ??= langHistogram(h, ranges[i]);
      }
      const v = values[i];
      if (Number.isNaN(v)) l.nan++;
      else l.counts[binners[i](v)]++;
      values[i] = NaN;
      ranges[i] = undefined;
    }
  }
}

/** A language's empty histogram, with its keep range where it differs from the step's. */
function langHistogram(h: SignalStats, range: KeepRange | undefined): SignalLangStats {
  const l: SignalLangStats = { counts: new Array<number>(h.bins).fill(0), nan: 0 };
  if (range !== undefined) {
    const min = finiteOrNull(range.min);
    const max = finiteOrNull(range.max);
    if (min !== h.min || max !== h.max) {
      l.min = min;
      l.max = max;
    }
  }
  return l;
}
