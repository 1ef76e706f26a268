import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalStats, emptyRunStats, emptyStepStats, ERROR_SAMPLE_CAP, mergeRunStats, type InputError, type RunStats } from '../../schemas/stats.js';
import { loadPipeline, type LoadedPipeline } from '../config/load.js';
import type { Executor, StageEvents, StageOutcome } from '../executors/executor.js';
import { planShards } from '../readers/shards.js';
import { sweepTempFiles, writeFileAtomic } from '../writers/atomic.js';
import { READ_STEP, type TaskResult, type TaskSummary } from './run-task.js';
import { readRunSpec, runSpecPath } from './run-file.js';
import { resolveOutputs, runDirFor, specHash, type RunOverrides, type RunSpec } from './run-spec.js';
import type { Task } from './task.js';
import { compilePlan, stageTasks, type StagePlan } from './plan.js';

export class RunConflictError extends Error {
  readonly code = 'WINNOW_RUN_CONFLICT';
  constructor(readonly outputDir: string) {
    super(
      `${outputDir} holds a run of a different pipeline or options; rerun with --force to start over there, or choose another output folder`,
    );
    this.name = 'RunConflictError';
  }
}

export interface PreparedStage {
  plan: StagePlan;
  tasks: Task[];
}

export interface PreparedRun {
  spec: RunSpec;
  pipeline: LoadedPipeline;
  runDir: string;
  /** Stages in order; a stage's tasks may all run at once. */
  stages: PreparedStage[];
  /** True when an earlier run of the same pipeline left completed tasks here. */
  resumed: boolean;
}

/** Validates the pipeline, plans shards and writes the run's `run.json` (or resumes the one there). */
export async function prepareRun(configFile: string, overrides: RunOverrides = {}, opts: { force?: boolean } = {}): Promise<PreparedRun> {
  const pipeline = loadPipeline(configFile);
  const source = readFileSync(configFile, 'utf8');
  const { outputDir, excludedDir } = resolveOutputs(pipeline, overrides);
  const runDir = runDirFor(outputDir);
  const hash = specHash(source, overrides);
  const specPath = runSpecPath(runDir);
  let spec: RunSpec | undefined;
  let resumed = false;
  if (existsSync(specPath)) {
    const old = readRunSpec(runDir);
    if (old.hash === hash && !opts.force) {
      spec = old;
      resumed = true;
    } else if (!opts.force) {
      throw new RunConflictError(outputDir);
    } else {
      await clearRun(runDir, outputDir, excludedDir);
    }
  }
  if (!spec) {
    const shards = await planShards(pipeline.config.input, pipeline.configDir);
    spec = { version: 1, hash, configFile, configDir: pipeline.configDir, source, overrides, outputDir, excludedDir, shards };
    await mkdir(runDir, { recursive: true });
    await writeFileAtomic(specPath, JSON.stringify(spec, null, 2));
  }
  await sweepTempFiles(outputDir);
  if (excludedDir) await sweepTempFiles(excludedDir);
  await sweepTempFiles(runDir);
  const stages = compilePlan(pipeline).map((plan) => ({ plan, tasks: stageTasks(pipeline, plan, runDir, spec.shards) }));
  return { spec, pipeline, runDir, stages, resumed };
}

async function clearRun(runDir: string, ...outputDirs: Array<string | undefined>): Promise<void> {
  await rm(runDir, { recursive: true, force: true });
  for (const dir of outputDirs) {
    if (!dir) continue;
    const entries = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(entries.filter((e) => /^part-\d{5}(-s\d+)?\./.test(e) || e === 'stats.json').map((e) => rm(join(dir, e), { force: true })));
  }
}

export interface RunSummary {
  spec: RunSpec;
  stats: RunStats;
  results: TaskSummary[];
  failures: Array<{ task: Task; error: Error }>;
  skipped: number;
  durationMs: number;
  statsPath: string;
}

/**
 * The run's stats, folded in task by task as they finish (a task's stats are not kept after), so
 * the coordinator's memory does not grow with the number of tasks. The result does not depend on
 * the order tasks finish in: maps are sorted at the end and the error sample is the first
 * ERROR_SAMPLE_CAP by (stage, shard).
 */
class RunTotal {
  private readonly total = emptyRunStats();
  private samples: Array<{ at: [number, number, number]; error: InputError }> = [];

  constructor(pipeline: LoadedPipeline) {
    this.total.steps[READ_STEP] = emptyStepStats();
    for (const s of pipeline.steps) this.total.steps[s.name] = emptyStepStats();
  }

  add(r: TaskResult): void {
    const { count, sample } = r.stats.errors;
    mergeRunStats(this.total, { ...r.stats, errors: { count, sample: [] } });
    sample.forEach((error, i) => this.samples.push({ at: [r.task.stage, r.task.shard.index, i], error }));
    if (this.samples.length > 2 * ERROR_SAMPLE_CAP) this.trim();
  }

  private trim(): void {
    this.samples.sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1] || a.at[2] - b.at[2]);
    this.samples.length = Math.min(this.samples.length, ERROR_SAMPLE_CAP);
  }

  result(): RunStats {
    this.trim();
    this.total.errors.sample = this.samples.map((s) => s.error);
    return canonicalStats(this.total);
  }
}

/** Runs every task of the run on the executor, then writes `stats.json` beside the outputs. */
export async function executeRun(prepared: PreparedRun, executor: Executor, events: StageEvents = {}): Promise<RunSummary> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const outcome: StageOutcome = { results: [], failures: [] };
  const total = new RunTotal(prepared.pipeline);
  const folding: StageEvents = {
    ...events,
    onTaskDone: (r) => {
      total.add(r);
      events.onTaskDone?.(r);
    },
  };
  for (const stage of prepared.stages) {
    const o = await executor.runStage(stage.tasks, folding);
    outcome.results.push(...o.results);
    outcome.failures.push(...o.failures);
    // Later stages read what this one wrote: stop at the first stage with a failed task.
    if (o.failures.length > 0) break;
  }
  const stats = total.result();
  const durationMs = performance.now() - started;
  const statsPath = join(prepared.spec.outputDir, 'stats.json');
  const summary = {
    pipeline: prepared.pipeline.config.name ?? prepared.spec.configFile,
    config_hash: prepared.spec.hash,
    started_at: startedAt,
    finished_at: new Date().toISOString(),
    duration_ms: Math.round(durationMs),
    shards: prepared.spec.shards.length,
    stages: prepared.stages.map((s) => ({ kind: s.plan.kind, tasks: s.tasks.length })),
    failed_tasks: outcome.failures.map((f) => ({ shard: f.task.shard.source, error: f.error.message })),
    ...stats,
  };
  // Indented for people, but arrays of numbers (histogram counts) on one line each.
  const text = JSON.stringify(summary, null, 2).replace(/\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g, (_, nums: string) => `[${nums.split(/,\s+/).join(',')}]`);
  await writeFileAtomic(statsPath, text);
  return {
    spec: prepared.spec,
    stats,
    results: outcome.results,
    failures: outcome.failures,
    skipped: outcome.results.filter((r) => r.skipped && r.task.stage === prepared.stages.length - 1).length,
    durationMs,
    statsPath,
  };
}
