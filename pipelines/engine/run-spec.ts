import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { OutputConfig } from '../../schemas/config.js';
import { parsePipeline, type LoadedPipeline } from '../config/load.js';
import { readRunSpec } from './run-file.js';
import type { ShardSpec } from './task.js';

/**
 * Everything a worker anywhere needs to run a task of this run, stored as `run.json` in the run's
 * work folder (`<output>/.winnow`). A task names that folder, so a task alone is enough.
 */
export interface RunSpec {
  version: 1;
  /** Hash of the YAML text and overrides: a rerun with another pipeline is refused, not mixed. */
  hash: string;
  configFile: string;
  configDir: string;
  source: string;
  overrides: RunOverrides;
  /** Resolved absolute output folders. */
  outputDir: string;
  excludedDir?: string;
  shards: ShardSpec[];
}

export interface RunOverrides {
  /** `--out DIR` replaces output.path (relative to the working directory). */
  outputPath?: string;
  /** `--excluded DIR` replaces output.excluded. */
  excludedPath?: string;
}

export function specHash(source: string, overrides: RunOverrides): string {
  return createHash('sha256').update(source).update('\0').update(JSON.stringify(overrides)).digest('hex').slice(0, 16);
}

/** Output folders: YAML paths resolve against the config's folder, CLI overrides against the cwd. */
export function resolveOutputs(pipeline: LoadedPipeline, overrides: RunOverrides): { outputDir: string; excludedDir?: string } {
  const out: OutputConfig = pipeline.config.output;
  const outputDir = overrides.outputPath ? resolve(overrides.outputPath) : resolve(pipeline.configDir, out.path);
  const excluded = overrides.excludedPath ? resolve(overrides.excludedPath) : out.excluded ? resolve(pipeline.configDir, out.excluded) : undefined;
  return { outputDir, excludedDir: excluded };
}

export function runDirFor(outputDir: string): string {
  return join(outputDir, '.winnow');
}

const cache = new Map<string, { spec: RunSpec; pipeline: LoadedPipeline }>();

/** Loads (once per process) the spec and parsed pipeline of the run whose work folder is `runDir`. */
export function loadRun(runDir: string): { spec: RunSpec; pipeline: LoadedPipeline } {
  const hit = cache.get(runDir);
  if (hit) return hit;
  const spec = readRunSpec(runDir);
  const pipeline = parsePipeline(spec.source, spec.configFile);
  pipeline.configDir = spec.configDir;
  const entry = { spec, pipeline };
  cache.set(runDir, entry);
  return entry;
}
