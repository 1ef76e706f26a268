/**
 * `classify` and `toxicity`: score documents with an ONNX classifier on onnxruntime-node and,
 * with a `threshold`, filter on the score like every filter (drop or annotate, via applyVerdict).
 *
 * - Models: a winnow hashed-bag `.onnx` (the shipped toxicity model is the `toxicity` default),
 *   or a Hugging Face sequence-classification export folder (model.onnx + tokenizer.json +
 *   config.json) — e.g. an XLM-R toxicity model or the FineWeb-Edu quality classifier.
 * - Long documents are scored in windows; `scores.<name>` is the max over windows (one toxic
 *   passage makes a document toxic, as PTP's document-level scores treat it) and
 *   `scores.<name>_mean` the mean. `aggregate: mean` makes the threshold use the mean instead.
 * - Documents are buffered, their windows sorted by length and run `batch_size` windows at a time
 *   (little padding); documents come out in their input order. Empty documents get no score and
 *   pass the threshold.
 */
import path from 'node:path';
import { Piscina } from 'piscina';
import { z } from 'zod';
import { applyVerdict, filterMode, signalsOption } from '../../pipelines/engine/filter.js';
import { SignalCounter } from '../../pipelines/engine/signals.js';
import { defineStep, type Step, type StepEnv } from '../../pipelines/engine/step.js';
import type { Document } from '../../schemas/document.js';
import type { FeatureRows } from './features.js';
import { isHfExport, readHfConfig, shippedToxicityModel } from './paths.js';
import { recordScores, scoreSignals } from './signals.js';
import { splitWindows } from './windows.js';

const scoreName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'score names are lower-case letters, digits and _');

const baseOptions = {
  /** Model: a winnow .onnx file or a Hugging Face export folder; relative to the config file. */
  model: z.string().min(1).optional(),
  /** Score name: `scores.<name>` (max over windows) and `scores.<name>_mean`. */
  name: scoreName.optional(),
  /** Windows per ONNX Runtime call. */
  batch_size: z.number().int().min(1).max(4096).default(32),
  /** Documents buffered and sorted by length before batching (default: max(64, 4 × batch_size)). */
  buffer: z.number().int().min(1).max(100_000).optional(),
  /** Makes the step a filter: documents scoring at or above (or below, see `drop`) fail. */
  threshold: z.number().optional(),
  drop: z.enum(['above', 'below']).default('above'),
  /** Which aggregate over windows the threshold reads. */
  aggregate: z.enum(['max', 'mean']).default('max'),
  mode: filterMode.default('drop'),
  signals: signalsOption,
  /** Characters per window (hashed-bag models; default from the model). */
  window_chars: z.number().int().min(16).max(1_000_000).optional(),
  /** Most windows scored per document, spread evenly over it (0 = all). */
  max_windows: z.number().int().min(0).default(0),
  provider: z.enum(['cpu', 'cuda']).default('cpu'),
  device: z.number().int().min(0).default(0),
  /** ONNX Runtime intra-op threads (0 = one per core; 1 suits one task per core). */
  threads: z.number().int().min(0).max(256).default(1),
  /** Worker threads for feature extraction (hashed-bag models), overlapping it with inference. */
  feature_threads: z.number().int().min(0).max(64).default(0),
  /** Hugging Face exports: the label whose score becomes `scores.<name>` (default: the last label). */
  label: z.string().min(1).optional(),
  /** Hugging Face exports: also record every label as `scores.<name>_<label>` (max over windows). */
  all_labels: z.boolean().default(false),
  /** Hugging Face exports: logits → scores (default from config.json problem_type). */
  activation: z.enum(['softmax', 'sigmoid', 'none']).optional(),
  /** Hugging Face exports: tokens per window, special tokens included (default 512 or the model's limit). */
  max_tokens: z.number().int().min(4).max(100_000).optional(),
};

const classifyOptions = z.object({ ...baseOptions, model: z.string().min(1), name: scoreName }).strict();
const toxicityOptions = z.object(baseOptions).strict();
type Options = z.output<typeof toxicityOptions>;

function labelKey(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

function resolveModel(o: Options, env: StepEnv | undefined): string {
  if (!o.model) return shippedToxicityModel();
  return path.resolve(env?.configDir ?? process.cwd(), o.model);
}

function scoreNames(o: Options, defaultName: string, configDir?: string): string[] {
  const name = o.name ?? defaultName;
  const out = [name, `${name}_mean`];
  if (o.all_labels && o.model) {
    const dir = path.resolve(configDir ?? process.cwd(), o.model);
    if (isHfExport(dir)) for (const l of readHfConfig(dir).labels) out.push(`${name}_${labelKey(l)}`);
  }
  return out;
}

/** What the step needs from either kind of model. */
interface Scorer {
  /** Scores per window row. */
  readonly labels: number;
  /** Column of the labels that is `scores.<name>`. */
  readonly main: number;
  readonly labelNames: string[];
  /** Scores are probabilities in [0, 1] (false: raw logits or regression outputs). */
  readonly bounded: boolean;
  /** Windows of each document → opaque rows with their lengths. */
  prepare(docs: Document[]): Promise<Prepared>;
  run(p: Prepared, order: Int32Array, from: number, to: number): Promise<Float32Array>;
  close(): Promise<void>;
}

interface Prepared {
  /** Row range of document i: [docRows[i], docRows[i+1]). */
  docRows: Int32Array;
  rowLength(row: number): number;
  rows: number;
  data: unknown;
}

async function bagScorer(file: string, o: Options, env: StepEnv): Promise<Scorer> {
  // ONNX Runtime is loaded only when a classifier step is built
  const { BagClassifier } = await import('./bag-model.js');
  const model = await BagClassifier.load(file, { provider: o.provider, threads: o.threads, device: o.device }, env.log);
  const windowChars = o.window_chars ?? model.meta.windowChars;
  const pool =
    o.feature_threads > 0
      ? new Piscina({ filename: new URL('./featurize-worker.js', import.meta.url).href, minThreads: o.feature_threads, maxThreads: o.feature_threads, idleTimeout: 30_000 })
      : undefined;
  return {
    labels: 1,
    main: 0,
    labelNames: [model.meta.label],
    bounded: true,
    async prepare(docs) {
      const texts: string[] = [];
      const langs: number[] = [];
      const docRows = new Int32Array(docs.length + 1);
      docs.forEach((d, i) => {
        const row = model.langRow(d.lang);
        for (const w of splitWindows(d.text, windowChars, o.max_windows)) {
          texts.push(w);
          langs.push(row);
        }
        docRows[i + 1] = texts.length;
      });
      const rows: FeatureRows = pool ? await pool.run({ texts, cfg: model.meta.features }) : model.featurize(texts);
      return { docRows, rows: texts.length, rowLength: (r) => rows.offsets[r + 1] - rows.offsets[r], data: { rows, langs: Int32Array.from(langs) } };
    },
    run(p, order, from, to) {
      const d = p.data as { rows: FeatureRows; langs: Int32Array };
      return model.run(d.rows, d.langs, order, from, to);
    },
    async close() {
      await pool?.destroy();
      await model.close();
    },
  };
}

async function hfScorer(dir: string, o: Options, env: StepEnv): Promise<Scorer> {
  const { HfClassifier } = await import('./hf-model.js');
  const model = await HfClassifier.load(dir, { provider: o.provider, threads: o.threads, device: o.device, activation: o.activation, maxTokens: o.max_tokens }, env.log);
  const labels = model.config.labels;
  let main = labels.length - 1;
  if (o.label !== undefined) {
    main = labels.indexOf(o.label);
    if (main === -1) throw new Error(`classify: label "${o.label}" is not among ${dir}/config.json id2label (${labels.join(', ')})`);
  }
  return {
    labels: labels.length,
    main,
    labelNames: labels,
    bounded: model.activation !== 'none',
    async prepare(docs) {
      const windows: number[][] = [];
      const docRows = new Int32Array(docs.length + 1);
      docs.forEach((d, i) => {
        if (d.text.trim().length > 0) windows.push(...model.windows(d.text, o.max_windows));
        docRows[i + 1] = windows.length;
      });
      return { docRows, rows: windows.length, rowLength: (r) => windows[r].length, data: windows };
    },
    run: (p, order, from, to) => model.run(p.data as number[][], order, from, to),
    close: () => model.close(),
  };
}

function makeCreate(defaultName: string) {
  return async (o: Options, env: StepEnv): Promise<Step> => {
    const file = resolveModel(o, env);
    const scorer = isHfExport(file) ? await hfScorer(file, o, env) : await bagScorer(file, o, env);
    const name = o.name ?? defaultName;
    const stepName = defaultName === 'toxicity' ? 'toxicity' : 'classify';
    const bufferSize = o.buffer ?? Math.max(64, 4 * o.batch_size);
    const extra = o.all_labels ? scorer.labelNames.map((l) => `${name}_${labelKey(l)}`) : [];
    const reason = `${name}_${o.drop}_threshold`;
    const signalSpecs = scoreSignals(name, o, scorer.bounded);

    async function score(docs: Document[], prepared: Promise<Prepared>): Promise<void> {
      const p = await prepared;
      const k = scorer.labels;
      const results = new Float32Array(p.rows * k);
      // length buckets: rows sorted by length, stable on ties
      const order = Int32Array.from({ length: p.rows }, (_, i) => i).sort((a, b) => p.rowLength(a) - p.rowLength(b) || a - b);
      for (let from = 0; from < p.rows; from += o.batch_size) {
        const to = Math.min(p.rows, from + o.batch_size);
        const out = await scorer.run(p, order, from, to);
        for (let r = from; r < to; r++) results.set(out.subarray((r - from) * k, (r - from + 1) * k), order[r] * k);
      }
      docs.forEach((d, i) => {
        const a = p.docRows[i];
        const b = p.docRows[i + 1];
        if (b === a) return;
        for (let j = 0; j < k; j++) {
          if (j !== scorer.main && !o.all_labels) continue;
          let max = -Infinity;
          let sum = 0;
          for (let r = a; r < b; r++) {
            const v = results[r * k + j];
            if (v > max) max = v;
            sum += v;
          }
          if (j === scorer.main) {
            d.scores[name] = max;
            d.scores[`${name}_mean`] = sum / (b - a);
          }
          if (o.all_labels) d.scores[extra[j]] = max;
        }
      });
    }

    return {
      name: stepName,
      async *run(docs, ctx) {
        const verdict = (d: Document): true | string => {
          if (o.threshold === undefined) return true;
          const v = d.scores[o.aggregate === 'max' ? name : `${name}_mean`];
          if (v === undefined) return true;
          return (o.drop === 'above' ? v >= o.threshold : v < o.threshold) ? reason : true;
        };
        const signals = new SignalCounter(stepName, signalSpecs, ctx.stats, o.signals);
        const finish = async function* (batch: { docs: Document[]; prepared: Promise<Prepared> }) {
          await score(batch.docs, batch.prepared);
          for (const d of batch.docs) {
            recordScores(signals, d, name);
            signals.flush(d);
            if (applyVerdict(d, verdict(d), o.mode, stepName, ctx)) yield d;
          }
        };
        // one buffer in flight: the next one's features are made (on a worker, if any) while this one runs
        let pending: { docs: Document[]; prepared: Promise<Prepared> } | undefined;
        let buf: Document[] = [];
        const launch = (docs: Document[]) => {
          const prepared = scorer.prepare(docs);
          prepared.catch(() => undefined); // awaited in finish(); avoid an unhandled rejection meanwhile
          return { docs, prepared };
        };
        for await (const d of docs) {
          buf.push(d);
          if (buf.length >= bufferSize) {
            const next = launch(buf);
            buf = [];
            if (pending) yield* finish(pending);
            pending = next;
          }
        }
        const last = buf.length > 0 ? launch(buf) : undefined;
        if (pending) yield* finish(pending);
        if (last) yield* finish(last);
      },
      close: () => scorer.close(),
    };
  };
}

export const classify = defineStep({
  name: 'classify',
  description:
    'Score documents with an ONNX classifier (a winnow hashed-bag .onnx, or a Hugging Face sequence-classification export folder: model.onnx + tokenizer.json + config.json) into scores.<name> (max over windows) and scores.<name>_mean; with `threshold`, filter (drop/annotate). Providers: cpu (default), cuda with CPU fallback.',
  options: classifyOptions,
  scores: (o) => scoreNames(o as Options, o.name),
  decisions: (o) => (o.threshold !== undefined && o.mode === 'annotate' ? ['classify'] : []),
  create: (o, env) => makeCreate(o.name)(o as Options, env),
});

export const toxicity = defineStep({
  name: 'toxicity',
  description:
    "Toxicity probability per document with winnow's shipped multilingual model (models/toxicity-v1.onnx, calibrated per language from doc.lang; see models/toxicity.md) or any classifier `model`; scores.toxicity = max over windows, scores.toxicity_mean = mean. With `threshold` (the card's documented one is 0.5), filter (drop/annotate).",
  options: toxicityOptions,
  scores: (o) => scoreNames(o, 'toxicity'),
  decisions: (o) => (o.threshold !== undefined && o.mode === 'annotate' ? ['toxicity'] : []),
  create: makeCreate('toxicity'),
});
