import { z } from 'zod';
import type { Document } from '../../schemas/document.js';
import { emptyLangStats, type SignalSpec } from '../../schemas/stats.js';
import { SignalCounter, type SignalRecorder } from './signals.js';
import { defineStep, type StepContext, type StepDefinition, type StepEnv } from './step.js';

/** `drop` removes failing documents; `annotate` keeps all and records the decision. */
export const filterMode = z.enum(['drop', 'annotate']).describe('drop: remove failing documents; annotate: keep all, record the decision under decisions.<step>');
export type FilterMode = z.output<typeof filterMode>;

/** Whether a filter records histograms of the values it measures (see signals.ts). */
export const signalsOption = z
  .boolean()
  .default(true)
  .describe('record histograms of the measured values in stats.json (signals); false: measure only what the verdict needs, a little faster');

/** A filter's verdict on one document: keep, or the reason it fails. */
export type Verdict = true | string;
/** A filter's check: the verdict on one document, reporting what it measured to `signals`. */
export type Check = (doc: Document, signals: SignalRecorder) => Verdict;

/** What a filter's setup builds: its check and the signals the check reports (see signals.ts). */
export interface FilterSetup {
  check: Check;
  /** Histogram layout and the step's keep range per signal name. */
  signals: Record<string, SignalSpec>;
}

export const KEEP = 'keep';

/**
 * Records one verdict the same way for every filter (rule sets and batched classifiers alike):
 * counts per reason and language, annotate-vs-drop, and routing to the exclusion output.
 * Returns whether the document continues down the pipeline.
 */
export function applyVerdict(doc: Document, verdict: Verdict, mode: FilterMode, stepName: string, ctx: StepContext, detail?: string): boolean {
  if (verdict === true) {
    if (mode === 'annotate') doc.decisions[stepName] = KEEP;
    return true;
  }
  // Stats count by the verdict alone; the recorded reason may carry a per-document detail
  // (e.g. `minhash_duplicate_of:<id>`).
  const reason = detail === undefined ? verdict : `${verdict}:${detail}`;
  const lang = doc.lang ?? 'unknown';
  const langStats = (ctx.stats.by_lang[lang] ??= emptyLangStats());
  if (mode === 'annotate') {
    doc.decisions[stepName] = reason;
    ctx.stats.flagged[verdict] = (ctx.stats.flagged[verdict] ?? 0) + 1;
    langStats.flagged[verdict] = (langStats.flagged[verdict] ?? 0) + 1;
    return true;
  }
  ctx.stats.dropped[verdict] = (ctx.stats.dropped[verdict] ?? 0) + 1;
  langStats.dropped[verdict] = (langStats.dropped[verdict] ?? 0) + 1;
  ctx.exclude(doc, reason);
  return false;
}

type FilterOptionsShape = z.ZodRawShape;

export interface FilterDefinition<Shape extends FilterOptionsShape> {
  name: string;
  description: string;
  /** The rule's own options (thresholds…); `mode` and `signals` are added for every filter. */
  options: z.ZodObject<Shape>;
  /** Score names the check writes (e.g. measured values), declared for the output schema. */
  scores?(options: z.output<z.ZodObject<Shape>>): string[];
  /**
   * Builds the check once per task (load word lists, models); the check runs per document. A
   * filter that measures values returns them with the check: its signals depend on what setup
   * resolves (language configs, the model), so they are declared here rather than from options.
   */
  setup(options: z.output<z.ZodObject<Shape>> & { mode: FilterMode }, env: StepEnv): Check | FilterSetup | Promise<Check | FilterSetup>;
}

/** Turns a keep-or-reason check into a pipeline step. Counting and routing live here, never in rules. */
export function defineFilter<Shape extends FilterOptionsShape>(def: FilterDefinition<Shape>): StepDefinition {
  const options = def.options.extend({ mode: filterMode.default('drop'), signals: signalsOption }).strict();
  return defineStep({
    name: def.name,
    description: def.description,
    options,
    scores: def.scores as StepDefinition['scores'],
    decisions: (o) => ((o as { mode: FilterMode }).mode === 'annotate' ? [def.name] : []),
    async create(o: z.output<typeof options>, env) {
      const typed = o as z.output<z.ZodObject<Shape>> & { mode: FilterMode; signals: boolean };
      const built = await def.setup(typed, env);
      const { check, signals: specs } = typeof built === 'function' ? { check: built, signals: {} } : built;
      const mode = typed.mode;
      return {
        name: def.name,
        async *run(docs, ctx) {
          const signals = new SignalCounter(def.name, specs, ctx.stats, typed.signals);
          for await (const doc of docs) {
            const verdict = check(doc, signals);
            signals.flush(doc);
            if (applyVerdict(doc, verdict, mode, def.name, ctx)) yield doc;
          }
        },
      };
    },
  });
}
