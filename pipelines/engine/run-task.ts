import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Document } from '../../schemas/document.js';
import { ERROR_SAMPLE_CAP, denseCounts, emptyRunStats, emptyStepStats, sparseCounts, type InputError, type RunStats, type StepStats } from '../../schemas/stats.js';
import type { LoadedPipeline } from '../config/load.js';
import { getReader } from '../readers/index.js';
import { InputFileError } from '../readers/reader.js';
import { getStep } from '../steps/registry.js';
import { createShardWriter } from '../writers/index.js';
import { writeFileAtomic } from '../writers/atomic.js';
import type { DocWriter, OutputSchema } from '../writers/writer.js';
import { Seam } from './instrument.js';
import { createLogger, type Logger } from './log.js';
import { loadRun, type RunSpec } from './run-spec.js';
import type { Step, StepContext } from './step.js';
import { barrierOf, compilePlan, type PhaseStage, type ShardStage, type StagePlan } from './plan.js';
import { ParkedWriter, parkedPath, readParked } from './parked.js';
import { shardName, type Task, type TaskInfo } from './task.js';

/** Name of the pseudo-step that counts what the reader produced (the funnel's first bar). */
export const READ_STEP = 'read';

/** What a finished task leaves behind (its completion marker holds the same, histograms sparse). */
export interface TaskResult {
  task: Task;
  stats: RunStats;
  outputs: string[];
  excluded: string[];
  durationMs: number;
  /** True when the marker already existed and nothing ran. */
  skipped: boolean;
}

export interface TaskProgress {
  docs: number;
  bytes: number;
}

export function markerPath(task: Task): string {
  return join(task.run, 'tasks', `stage-${task.stage}`, `${shardName(task.shard.index)}.json`);
}

/** A task as executors report it once done: its stats go to the run's total as it finishes. */
export type TaskSummary = Omit<TaskResult, 'stats'>;

export function summaryOf({ stats: _, ...rest }: TaskResult): TaskSummary {
  return rest;
}

export async function readMarker(task: Task): Promise<TaskResult | undefined> {
  try {
    return { ...(JSON.parse(await readFile(markerPath(task), 'utf8'), denseCounts) as TaskResult), skipped: true };
  } catch {
    return undefined;
  }
}

/** Columns every shard of this run writes, from what the configured steps declare. */
export function outputSchema(pipeline: LoadedPipeline, excluded: boolean): OutputSchema {
  const scores = new Set<string>(pipeline.config.output.scores);
  const decisions = new Set<string>();
  for (const s of pipeline.steps) {
    const def = getStep(s.name)!;
    for (const n of def.scores?.(s.options as never) ?? []) scores.add(n);
    for (const n of def.decisions?.(s.options as never) ?? []) decisions.add(n);
  }
  return { scores: [...scores], decisions: [...decisions], excluded };
}

/** Serialises exclusion writes (filters call `exclude` synchronously, mid-stream). */
class ExclusionSink {
  private chain: Promise<void> = Promise.resolve();
  constructor(readonly writer: DocWriter | undefined) {}
  push(doc: Document, step: string, reason: string): void {
    const w = this.writer;
    if (!w) return;
    // Drop the raw payload now: excluded documents may wait a row group in memory.
    delete doc.raw;
    this.chain = this.chain.then(() => w.write(doc, { step, reason }));
  }
  async settle(): Promise<void> {
    await this.chain;
  }
}

const plans = new Map<string, StagePlan[]>();

/** The run's stage plan (compiled once per process). */
export function planOf(runDir: string, pipeline: LoadedPipeline): StagePlan[] {
  let plan = plans.get(runDir);
  if (!plan) plans.set(runDir, (plan = compilePlan(pipeline)));
  return plan;
}

/**
 * Runs one `(run, stage, shard)` task: a shard stage (reader or parked documents → steps → writers)
 * or one task of a barrier's phase; outputs renamed into place, then a completion marker. A task
 * whose marker exists returns it without running (idempotent).
 */
export async function runTask(task: Task, onProgress?: (p: TaskProgress) => void): Promise<TaskResult> {
  const existing = await readMarker(task);
  if (existing) return existing;
  const { spec, pipeline } = loadRun(task.run);
  const stage = planOf(task.run, pipeline)[task.stage];
  if (!stage) throw new Error(`run ${task.run} has no stage ${task.stage}`);
  const result = stage.kind === 'phase' ? await runPhaseTask(task, stage, spec, pipeline) : await runShardTask(task, stage, spec, pipeline, onProgress);
  await writeFileAtomic(markerPath(task), JSON.stringify(result, sparseCounts));
  return result;
}

function barrierContext(task: Task, spec: RunSpec, pipeline: LoadedPipeline, step: number, log: Logger) {
  return { workDir: join(task.run, 'work', pipeline.steps[step].name), shardCount: spec.shards.length, log };
}

async function runPhaseTask(task: Task, stage: PhaseStage, spec: RunSpec, pipeline: LoadedPipeline): Promise<TaskResult> {
  const started = performance.now();
  const name = pipeline.steps[stage.step].name;
  const log = createLogger({ step: name, phase: stage.name, task: task.shard.index });
  await barrierOf(pipeline, stage.step).phases[stage.phase].run(task.shard.index, barrierContext(task, spec, pipeline, stage.step, log));
  const stats = emptyRunStats();
  const durationMs = performance.now() - started;
  stats.steps[name] = { ...emptyStepStats(), time_ms: durationMs };
  return { task, stats, outputs: [], excluded: [], durationMs, skipped: false };
}

/** One link of a shard stage's chain: a step, its index in the pipeline, and whether the seam above it counts its input. */
interface Link {
  index: number;
  step: Step;
  countIn: boolean;
}

async function runShardTask(
  task: Task,
  stage: ShardStage,
  spec: RunSpec,
  pipeline: LoadedPipeline,
  onProgress?: (p: TaskProgress) => void,
): Promise<TaskResult> {
  const started = performance.now();
  const log = createLogger({ shard: shardName(task.shard.index) });
  const stats = emptyRunStats();
  const fromSource = stage.input === 'source';
  const readStats = fromSource ? (stats.steps[READ_STEP] = emptyStepStats()) : undefined;
  const statsOf = (i: number) => (stats.steps[pipeline.steps[i].name] ??= emptyStepStats());

  const reportError = (e: InputError) => {
    stats.errors.count++;
    if (stats.errors.sample.length < ERROR_SAMPLE_CAP) stats.errors.sample.push(e);
    log.warn(`skipped bad input: ${e.file}${e.where ? ` (${e.where})` : ''}: ${e.message}`);
  };
  const info: TaskInfo = {
    run: task.run,
    stage: task.stage,
    shardIndex: task.shard.index,
    shardCount: spec.shards.length,
    source: task.shard.source,
  };
  const output = pipeline.config.output;
  const final = stage.collect === undefined;
  const mainWriter = final ? createShardWriter(output, spec.outputDir, task.shard.index, outputSchema(pipeline, false)) : undefined;
  const parked = final ? undefined : new ParkedWriter(parkedPath(task.run, stage.index, task.shard.index));
  const excludedWriter = spec.excludedDir
    ? createShardWriter(output, spec.excludedDir, task.shard.index, outputSchema(pipeline, true), stage.index === 0 ? '' : `-s${stage.index}`)
    : undefined;
  const exclusions = new ExclusionSink(excludedWriter);
  const ctxFor = (i: number) => stepContext(pipeline.steps[i].name, statsOf(i), info, log, reportError, exclusions);
  const env = (i: number) => ({ configDir: pipeline.configDir, log: log.child({ step: pipeline.steps[i].name }) });

  const links: Link[] = [];
  try {
    if (stage.apply !== undefined) {
      const applier = await barrierOf(pipeline, stage.apply).applier({ ...barrierContext(task, spec, pipeline, stage.apply, log), shardIndex: task.shard.index });
      links.push({ index: stage.apply, step: applier, countIn: false });
    }
    for (let i = stage.from; i < stage.to; i++) {
      const def = getStep(pipeline.steps[i].name)!;
      if (def.kind === 'barrier') throw new Error(`internal: barrier step ${def.name} inside a stream segment`);
      links.push({ index: i, step: await def.create(pipeline.steps[i].options as never, env(i)), countIn: true });
    }
    const collector =
      stage.collect !== undefined
        ? barrierOf(pipeline, stage.collect).collector({ ...barrierContext(task, spec, pipeline, stage.collect, log), shardIndex: task.shard.index })
        : undefined;
    const collectStats = stage.collect !== undefined ? statsOf(stage.collect) : undefined;

    const source = fromSource
      ? limit(getReader(pipeline.config.input.format)({ shard: task.shard, input: pipeline.config.input, log, reportError }), pipeline.config.input.limit)
      : readParked(parkedPath(task.run, stage.input as number, task.shard.index));

    // Chain: source → seam → link₀ → seam → link₁ … → seam → sink.
    const seams: Seam[] = [];
    let stream: AsyncIterable<Document> = source;
    let above: StepStats | undefined = readStats;
    for (const link of links) {
      const linkStats = statsOf(link.index);
      const seam = new Seam(stream, above, link.countIn ? linkStats : undefined);
      seams.push(seam);
      stream = link.step.run(seam, ctxFor(link.index));
      above = linkStats;
    }
    const last = new Seam(stream, above, collectStats);
    seams.push(last);

    let docs = 0;
    let bytes = 0;
    let lastReport = performance.now();
    try {
      for await (const doc of last) {
        delete doc.raw;
        if (collector) {
          collector.observe(doc, docs);
          await parked!.write(doc);
        } else await mainWriter!.write(doc);
        docs++;
        bytes += doc.text.length;
        if (onProgress && (docs & 255) === 0 && performance.now() - lastReport > 250) {
          onProgress({ docs, bytes });
          lastReport = performance.now();
        }
      }
    } catch (e) {
      // A whole input that cannot be read is an input problem, not a failed task: keep what was read.
      // A transient one (server error, network) fails the task so that it is retried.
      if (!(e instanceof InputFileError) || e.transient) throw e;
      reportError({ file: e.file, where: e.where, message: e.detail });
    }
    onProgress?.({ docs, bytes });
    if (readStats) readStats.time_ms = seams[0].upstreamMs;
    links.forEach((link, i) => (statsOf(link.index).time_ms += seams[i + 1].upstreamMs - seams[i].upstreamMs));

    await exclusions.settle();
    await collector?.finish();
    await parked?.commit();
    const outputs = [await mainWriter?.commit()].filter((p): p is string => !!p);
    const excluded = [await excludedWriter?.commit()].filter((p): p is string => !!p);
    stats.tasks.done = 1;
    return { task, stats, outputs, excluded, durationMs: performance.now() - started, skipped: false };
  } catch (e) {
    await exclusions.settle().catch(() => undefined);
    await mainWriter?.abort();
    await parked?.abort();
    await excludedWriter?.abort();
    throw e;
  } finally {
    for (const l of links) await l.step.close?.();
  }
}

function stepContext(
  name: string,
  stats: StepStats,
  task: TaskInfo,
  log: Logger,
  reportError: (e: InputError) => void,
  exclusions: ExclusionSink,
): StepContext {
  return {
    task,
    stats,
    log: log.child({ step: name }),
    exclude: (doc, reason) => exclusions.push(doc, name, reason),
    reportError,
  };
}

function limit(docs: AsyncIterable<Document>, max: number | undefined): AsyncIterable<Document> {
  if (max === undefined) return docs;
  return (async function* () {
    let n = 0;
    for await (const d of docs) {
      if (n++ >= max) return;
      yield d;
    }
  })();
}

export type { RunSpec };
