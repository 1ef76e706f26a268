import { hostname } from 'node:os';
import { Worker, type Job } from 'bullmq';
import { createLogger } from '../pipelines/engine/log.js';
import { summaryOf, type TaskSummary } from '../pipelines/engine/run-task.js';
import type { Task } from '../pipelines/engine/task.js';
import { TaskPool } from '../pipelines/executors/pool.js';
import { connect, maskRedisUrl, probeRedis } from './connection.js';
import { QUEUE, WORKERS_KEY, type WorkerBeat } from './jobs.js';

export interface WorkerOptions {
  redis: string;
  /** Tasks at once (worker threads). Default: the number of cores. */
  concurrency?: number;
  /** How long a job's lock lasts without renewal; a killed worker's job is retried after this. */
  lockDurationMs?: number;
  /** How often to look for stalled jobs (jobs whose worker died). */
  stalledIntervalMs?: number;
  heartbeatMs?: number;
}

export interface RunningWorker {
  id: string;
  close(): Promise<void>;
}

/**
 * `winnow worker`: pulls tasks from Redis and runs them on a local thread pool, the same way the
 * local executor does. A job's work is idempotent (completion markers, atomic renames), so a job
 * redelivered after a crash or a stalled lock just finds its marker or redoes the same bytes.
 */
export async function startWorker(o: WorkerOptions): Promise<RunningWorker> {
  await probeRedis(o.redis);
  const pool = new TaskPool(o.concurrency);
  const concurrency = Math.max(1, pool.workers);
  const id = `${hostname()}:${process.pid}`;
  const log = createLogger({ worker: id });
  const beat: WorkerBeat = { id, host: hostname(), pid: process.pid, concurrency, startedAt: new Date().toISOString(), lastSeen: Date.now(), running: [], done: 0, failed: 0, docs: 0 };
  const progress = new Map<string, { shard: string; docs: number }>();

  const connection = connect(o.redis);
  connection.on('error', () => undefined); // reconnects by itself; the worker's error handler logs
  const worker = new Worker<Task, TaskSummary>(
    QUEUE,
    async (job: Job<Task, TaskSummary>) => {
      const task = job.data;
      const key = job.id ?? '';
      progress.set(key, { shard: task.shard.source, docs: 0 });
      log.info(`task start`, { job: key, stage: task.stage, shard: task.shard.source, attempt: job.attemptsMade + 1 });
      try {
        const result = await pool.run(task, (p) => {
          progress.set(key, { shard: task.shard.source, docs: p.docs });
          void job.updateProgress({ docs: p.docs, bytes: p.bytes }).catch(() => undefined);
        });
        beat.done++;
        beat.docs += result.stats.steps.read?.out.docs ?? 0;
        log.info(result.skipped ? 'task already done (marker found)' : 'task done', { job: key, ms: Math.round(result.durationMs) });
        // Redis keeps return values with the job: the stats live in the marker, not here.
        return summaryOf(result);
      } catch (e) {
        beat.failed++;
        log.error(`task failed: ${(e as Error).message}`, { job: key, shard: task.shard.source });
        throw e;
      } finally {
        progress.delete(key);
      }
    },
    {
      connection,
      concurrency,
      lockDuration: o.lockDurationMs ?? 30_000,
      stalledInterval: o.stalledIntervalMs ?? o.lockDurationMs ?? 30_000,
      maxStalledCount: 3,
      autorun: true,
    },
  );
  worker.on('error', (e) => log.warn(`redis: ${e.message}`));

  // Heartbeat: what this worker runs, for `winnow status` and the run's progress line.
  const redis = connect(o.redis);
  redis.on('error', () => undefined);
  const heartbeat = async () => {
    beat.lastSeen = Date.now();
    beat.running = [...progress].map(([job, p]) => ({ job, ...p }));
    await redis.hset(WORKERS_KEY, id, JSON.stringify(beat)).catch(() => undefined);
  };
  await heartbeat();
  const timer = setInterval(() => void heartbeat(), o.heartbeatMs ?? 2_000);
  log.info(`worker ready on ${maskRedisUrl(o.redis)} queue ${QUEUE}, ${concurrency} task(s) at once`);

  return {
    id,
    async close() {
      clearInterval(timer);
      await worker.close();
      connection.disconnect();
      await redis.hdel(WORKERS_KEY, id).catch(() => undefined);
      redis.disconnect();
      await pool.close();
    },
  };
}
