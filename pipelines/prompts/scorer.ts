import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { toxicity } from '../../filters/classify/step.js';
import { isHfExport, shippedToxicityModel } from '../../filters/classify/paths.js';
import { emptyStepStats } from '../../schemas/stats.js';
import type { Step, StepContext, StepEnv } from '../engine/step.js';

/**
 * Prompts and continuations are scored by the `toxicity` step itself (same model code, batching,
 * windows and per-language calibration from `lang`), run as an inner step over small documents, so
 * a set's scores are exactly what the pipeline step would give those texts.
 */
export interface ScorerIdentity {
  /** File name of the model (or export folder). */
  name: string;
  /** sha256 of the model file (`model.onnx` of an export folder), computed at run time. */
  sha256: string;
}

export function modelFile(model: string | undefined, configDir: string): string {
  return model ? path.resolve(configDir, model) : shippedToxicityModel();
}

const hashes = new Map<string, Promise<ScorerIdentity>>();

/** Name and sha256 of the model (hashed once per process and file). */
export function scorerIdentity(file: string): Promise<ScorerIdentity> {
  const onnx = isHfExport(file) ? path.join(file, 'model.onnx') : file;
  const key = `${onnx}:${statSync(onnx).mtimeMs}`;
  let p = hashes.get(key);
  if (!p) {
    p = new Promise((resolve, reject) => {
      const h = createHash('sha256');
      createReadStream(onnx)
        .on('data', (b) => h.update(b))
        .on('error', reject)
        .on('end', () => resolve({ name: path.basename(file), sha256: h.digest('hex') }));
    });
    hashes.set(key, p);
  }
  return p;
}

export interface ScoringOptions {
  model?: string;
  batch_size: number;
  max_windows: number;
}

/** A `toxicity` step with no threshold and no signals (its counters are thrown away). */
export async function createToxicityScorer(o: ScoringOptions, env: StepEnv): Promise<Step> {
  return toxicity.create(toxicity.options.parse({ model: o.model, batch_size: o.batch_size, max_windows: o.max_windows, signals: false }), env);
}

/** The context the inner step runs in: the outer task's, with private counters. */
export function innerContext(ctx: StepContext): StepContext {
  return { ...ctx, stats: emptyStepStats(), exclude: () => undefined };
}
