import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { probeRedis } from '../../workers/connection.js';
import { readQueueStatus, type QueueStatus } from '../../workers/queue-status.js';
import { loadStats, markerFiles, readSpec, type RunSource } from './runs.js';

export interface StageProgress {
  stage: number;
  name: string;
  done: number;
  /** Tasks the stage will run (null when the plan could not be rebuilt here). */
  total: number | null;
}

export interface RunProgress {
  finished: boolean;
  shards: number | null;
  stages: StageProgress[];
  done: number;
  total: number | null;
  /** Documents read so far (the `read` pseudo-step of the finished tasks). */
  docsRead: number;
  queue?: (QueueStatus & { now: number }) | { error: string };
}

const plans = new Map<number, Array<{ name: string; total: number }> | null>();

// The stage plan (names and task counts) compiled from run.json, as the executor compiled it.
async function stagePlan(run: RunSource): Promise<Array<{ name: string; total: number }> | null> {
  if (plans.has(run.id)) return plans.get(run.id)!;
  let plan: Array<{ name: string; total: number }> | null = null;
  try {
    const { loadRun } = await import('../../pipelines/engine/run-spec.js');
    const { compilePlan, stageTasks } = await import('../../pipelines/engine/plan.js');
    const runDir = join(run.dir, '.winnow');
    const { spec, pipeline } = loadRun(runDir);
    plan = compilePlan(pipeline).map((s) => ({
      name:
        s.kind === 'shard'
          ? [s.apply !== undefined ? `apply ${pipeline.steps[s.apply].name}` : 'read', ...pipeline.steps.slice(s.from, s.to).map((st) => st.name), s.collect !== undefined ? `collect ${pipeline.steps[s.collect].name}` : 'write']
              .join(' → ')
          : `${pipeline.steps[s.step].name}: ${s.name}`,
      total: stageTasks(pipeline, s, runDir, spec.shards).length,
    }));
  } catch {
    plan = null; // a run.json from another version, or a step this build does not know: markers only
  }
  plans.set(run.id, plan);
  return plan;
}

/** How far a run got: finished markers per stage against the plan, and the queue when a Redis URL is given. */
export async function runProgress(run: RunSource, redisUrl?: string): Promise<RunProgress> {
  const spec = readSpec(run);
  const markers = markerFiles(run);
  const plan = spec ? await stagePlan(run) : null;
  const count = Math.max(plan?.length ?? 0, ...[...markers.keys()].map((k) => k + 1), 0);
  const stages: StageProgress[] = [];
  for (let i = 0; i < count; i++)
    stages.push({ stage: i, name: plan?.[i]?.name ?? `stage ${i}`, done: markers.get(i)?.length ?? 0, total: plan?.[i]?.total ?? null });
  const finished = existsSync(join(run.dir, 'stats.json'));
  const stats = loadStats(run).stats;
  const progress: RunProgress = {
    finished,
    shards: spec?.shards.length ?? null,
    stages,
    done: stages.reduce((a, s) => a + s.done, 0),
    total: plan ? plan.reduce((a, s) => a + s.total, 0) : null,
    docsRead: stats.steps.read?.out.docs ?? 0,
  };
  if (redisUrl) {
    try {
      await probeRedis(redisUrl, 1_500);
      progress.queue = { ...(await readQueueStatus(redisUrl, 10)), now: Date.now() };
    } catch (e) {
      progress.queue = { error: (e as Error).message };
    }
  }
  return progress;
}
