import { Queue } from 'bullmq';
import type { Task } from '../pipelines/engine/task.js';
import { connect } from './connection.js';
import { QUEUE, WORKERS_KEY, type WorkerBeat } from './jobs.js';

/** A worker is alive when its last heartbeat is younger than this. */
export const ALIVE_MS = 10_000;

export interface QueueStatus {
  counts: Record<string, number>;
  /** Heartbeats of every worker that ever registered, sorted by id. */
  workers: WorkerBeat[];
  failed: Array<{ id: string; stage: number; source: string; reason: string; attempts: number }>;
}

/**
 * The queue's job counts, the workers' heartbeats and the latest failed tasks: what `winnow status`
 * prints and the dashboard's progress view shows. The caller probes Redis first (`probeRedis`).
 */
export async function readQueueStatus(redisUrl: string, failedLimit = 20): Promise<QueueStatus> {
  const redis = connect(redisUrl);
  const queue = new Queue<Task>(QUEUE, { connection: redis });
  try {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
    const workers = Object.values(await redis.hgetall(WORKERS_KEY))
      .map((v) => JSON.parse(v) as WorkerBeat)
      .sort((a, c) => a.id.localeCompare(c.id));
    const failedJobs = failedLimit > 0 ? await queue.getFailed(0, failedLimit - 1) : [];
    const failed = failedJobs.map((j) => ({
      id: String(j.id),
      stage: j.data.stage,
      source: j.data.shard.source,
      reason: j.failedReason,
      attempts: j.attemptsMade,
    }));
    return { counts, workers, failed };
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
