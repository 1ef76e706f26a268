/**
 * The signals of `classify` and `toxicity`: the score (max over windows) and its mean, as
 * histograms; the one the threshold reads carries the keep range.
 */
import { RATIO, signalSpec, type KeepRange, type SignalLayout, type SignalRecorder } from '../../pipelines/engine/signals.js';
import type { Document } from '../../schemas/document.js';
import type { SignalSpec } from '../../schemas/stats.js';

/** Raw logits or regression outputs (`activation: none`): −10…10 in steps of 0.1. */
const UNBOUNDED: SignalLayout = { lo: -10, hi: 10, bins: 200, scale: 'linear' };

export interface ThresholdOptions {
  threshold?: number;
  drop: 'above' | 'below';
  aggregate: 'max' | 'mean';
}

/** Signal specs for score `name`; `bounded`: the scores are probabilities in [0, 1]. */
export function scoreSignals(name: string, o: ThresholdOptions, bounded: boolean): Record<string, SignalSpec> {
  const layout = bounded ? RATIO : UNBOUNDED;
  // Documents scoring at or above (drop: above) or below (drop: below) the threshold fail.
  const range: KeepRange =
    o.threshold === undefined ? { min: null, max: null } : o.drop === 'above' ? { min: null, max: o.threshold } : { min: o.threshold, max: null };
  return {
    [name]: signalSpec(layout, o.aggregate === 'max' ? range : undefined),
    [`${name}_mean`]: signalSpec(layout, o.aggregate === 'mean' ? range : undefined),
  };
}

/** Records a scored document's signals (a document without windows has no score: NaN). */
export function recordScores(signals: SignalRecorder, doc: Document, name: string): void {
  signals.record(name, doc.scores[name] ?? NaN);
  signals.record(`${name}_mean`, doc.scores[`${name}_mean`] ?? NaN);
}
