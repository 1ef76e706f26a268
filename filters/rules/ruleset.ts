/**
 * A threshold rule set as data: named measures of a document (its signals), each computed from
 * intermediates the document's measurement object shares and computes once, and an ordered list of
 * bounds on them, each with datatrove's reason. The verdict is the first bound that fails, in
 * datatrove's order, whether every measure is computed (signals on: all are recorded) or only
 * those the verdict needs (signals off: datatrove's short-circuit) — one list, one comparison, so
 * both give the same verdict, and each measure is written once.
 */
import type { Verdict } from '../../pipelines/engine/filter.js';
import { signalSpec, type KeepRange, type SignalLayout, type SignalRecorder } from '../../pipelines/engine/signals.js';
import type { SignalSpec } from '../../schemas/stats.js';

/** One signal: its histogram layout and its value for a document (NaN: not measurable). */
export interface Measure<D> {
  layout: SignalLayout;
  value(d: D): number;
}

/** One rule: the document fails with `reason` when the signal is below `min` or above `max`. */
export interface Bound {
  signal: string;
  /** null or absent: no lower bound (the rule is off, as datatrove's falsy thresholds). */
  min?: number | null;
  max?: number | null;
  reason: string;
  /** A value that passes whatever the bounds (FineWeb's `line_punct_exclude_zero`). */
  exempt?: number;
}

interface CompiledBound {
  index: number;
  min: number | null;
  max: number | null;
  reason: string;
  exempt: number | undefined;
}

/** One language's bounds, resolved once per language, with the keep range per signal. */
export interface CompiledRules {
  readonly bounds: readonly CompiledBound[];
  /** Keep range per signal (by index): the tightest of the bounds on it. */
  readonly ranges: readonly KeepRange[];
}

/** a / b, or NaN when there is nothing to divide by (datatrove skips such rules). */
export function ratio(a: number, b: number): number {
  return b === 0 ? NaN : a / b;
}

// NaN compares false both ways: a value that cannot be measured never fails a rule.
function fails(b: CompiledBound, v: number): boolean {
  if (v === b.exempt) return false;
  return (b.min !== null && v < b.min) || (b.max !== null && v > b.max);
}

export class RuleSet<D> {
  readonly names: readonly string[];
  private readonly measures: Array<Measure<D>>;
  private readonly index = new Map<string, number>();
  // Scratch for one check at a time (checks are synchronous).
  private readonly values: Float64Array;
  private readonly measured: Uint8Array;

  constructor(
    private readonly step: string,
    measures: Record<string, Measure<D>>,
  ) {
    this.names = Object.keys(measures);
    this.measures = this.names.map((n) => measures[n]);
    this.names.forEach((n, i) => this.index.set(n, i));
    this.values = new Float64Array(this.names.length);
    this.measured = new Uint8Array(this.names.length);
  }

  /** Resolves one language's ordered bounds (rules that are off are left out). */
  compile(bounds: readonly Bound[]): CompiledRules {
    const ranges: KeepRange[] = this.names.map(() => ({ min: null, max: null }));
    const compiled: CompiledBound[] = [];
    for (const b of bounds) {
      const index = this.index.get(b.signal);
      if (index === undefined) throw new Error(`${this.step}: rule ${b.reason} bounds an unknown signal ${b.signal}`);
      const min = b.min ?? null;
      const max = b.max ?? null;
      if (min === null && max === null) continue;
      compiled.push({ index, min, max, reason: b.reason, exempt: b.exempt });
      const r = ranges[index];
      if (min !== null) r.min = r.min === null ? min : Math.max(r.min, min);
      if (max !== null) r.max = r.max === null ? max : Math.min(r.max, max);
    }
    return { bounds: compiled, ranges };
  }

  /** The signals' specs, with the keep ranges of `rules` (the step's own, before any language's). */
  specs(rules: CompiledRules): Record<string, SignalSpec> {
    return Object.fromEntries(this.names.map((n, i) => [n, signalSpec(this.measures[i].layout, rules.ranges[i])]));
  }

  /** The first failing rule's reason in order, or true; records every measure when signals are on. */
  check(d: D, rules: CompiledRules, signals: SignalRecorder): Verdict {
    const { values, measures } = this;
    if (signals.enabled) {
      for (let i = 0; i < measures.length; i++) {
        values[i] = measures[i].value(d);
        signals.record(this.names[i], values[i], rules.ranges[i]);
      }
      for (const b of rules.bounds) if (fails(b, values[b.index])) return b.reason;
      return true;
    }
    const measured = this.measured.fill(0);
    for (const b of rules.bounds) {
      if (measured[b.index] === 0) {
        values[b.index] = measures[b.index].value(d);
        measured[b.index] = 1;
      }
      if (fails(b, values[b.index])) return b.reason;
    }
    return true;
  }
}
