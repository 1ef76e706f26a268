import { Queue } from 'bullmq';
import { createLogger, type Logger } from '../engine/log.js';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { markerPath, readMarker, summaryOf } from '../engine/run-task.js';
import type { Task } from '../engine/task.js';
import { connect, probeRedis } from '../../workers/connection.js';
import { jobIdFor, QUEUE } from '../../workers/jobs.js';
import type { Executor, StageEvents, StageOutcome } from './executor.js';

export interface BullmqExecutorOptions {
  redis: string;
  /** Attempts per task before it is marked failed (retries use exponential backoff). */
  attempts?: number;
  /** How often the coordinator checks on the stage. */
  pollMs?: number;
  /** Pending tasks whose Redis state is checked per round (the rest wait for later rounds). */
  window?: number;
}

/** Marker paths that exist, listing each marker folder once. */
async function markerNames(tasks: Iterable<Task>): Promise<Set<string>> {
  const dirs = new Set<string>();
  for (const t of tasks) dirs.add(dirname(markerPath(t)));
  const out = new Set<string>();
  for (const dir of dirs) for (const f of await readdir(dir).catch(() => [] as string[])) out.add(join(dir, f));
  return out;
}

/**
 * Enqueues a stage's tasks on Redis for `winnow worker` processes and follows them to the end. The
 * stage barrier is this coordinator: the next stage is enqueued only when every task of this one
 * has its completion marker on the shared storage. The coordinator also heals lost state: a task
 * whose job vanished (Redis restarted without persistence) is enqueued again, and a job that
 * completed while its outputs were removed is redone.
 */
export class BullmqExecutor implements Executor {
  private readonly queue: Queue;
  private readonly redis: ReturnType<typeof connect>;
  private readonly log: Logger;
  private readonly attempts: number;
  private readonly pollMs: number;
  private readonly window: number;

  private constructor(o: BullmqExecutorOptions) {
    this.log = createLogger({ executor: 'bullmq' });
    this.redis = connect(o.redis);
    this.redis.on('error', () => undefined); // reconnects by itself; the queue's error handler logs
    this.queue = new Queue(QUEUE, { connection: this.redis });
    this.queue.on('error', (e) => this.log.warn(`redis: ${e.message}`));
    this.attempts = o.attempts ?? 3;
    this.pollMs = o.pollMs ?? 200;
    this.window = o.window ?? 256;
  }

  static async create(o: BullmqExecutorOptions): Promise<BullmqExecutor> {
    await probeRedis(o.redis);
    return new BullmqExecutor(o);
  }

  private async enqueue(task: Task): Promise<void> {
    const jobId = jobIdFor(task);
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state === 'failed') {
        await existing.retry('failed');
        return;
      }
      if (state !== 'completed') return; // waiting, active, delayed: already on its way
      await existing.remove(); // completed but no marker: outputs were removed, redo it
    }
    await this.queue.add('task', task, {
      jobId,
      attempts: this.attempts,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  async runStage(tasks: Task[], events: StageEvents): Promise<StageOutcome> {
    const outcome: StageOutcome = { results: [], failures: [] };
    const pending = new Map<string, Task>();
    for (const task of tasks) {
      const marker = await readMarker(task);
      if (marker) {
        outcome.results.push(summaryOf(marker));
        events.onTaskDone?.(marker);
        continue;
      }
      await this.enqueue(task);
      pending.set(jobIdFor(task), task);
      events.onTaskStart?.(task);
    }
    let cursor = 0;
    while (pending.size > 0) {
      await new Promise((r) => setTimeout(r, this.pollMs));
      // Finished tasks: one directory listing per stage, not one lookup per pending task.
      const finished = await markerNames(pending.values());
      for (const [jobId, task] of pending) {
        if (!finished.has(markerPath(task))) continue;
        const marker = await readMarker(task);
        if (!marker) continue; // listed but unreadable right now: next round
        pending.delete(jobId);
        outcome.results.push({ ...summaryOf(marker), skipped: false });
        events.onTaskDone?.({ ...marker, skipped: false });
      }
      // Redis state (failures, lost jobs, progress) for a rotating window of the others, so a
      // round costs the same with 90,000 pending tasks as with a hundred.
      const window = [...pending].slice(cursor, cursor + this.window);
      cursor = cursor + this.window >= pending.size ? 0 : cursor + this.window;
      for (const [jobId, task] of window) await this.check(jobId, task, pending, outcome, events);
    }
    outcome.results.sort((a, b) => a.task.shard.index - b.task.shard.index);
    return outcome;
  }

  /** One pending task's job: marked failed, lost (enqueued again), completed without a marker (redone), or progressing. */
  private async check(jobId: string, task: Task, pending: Map<string, Task>, outcome: StageOutcome, events: StageEvents): Promise<void> {
    const job = await this.queue.getJob(jobId).catch(() => undefined);
    if (!job) {
      if (await readMarker(task)) return; // finished since the listing: next round collects it
      this.log.warn(`task ${jobId} (${task.shard.source}) is no longer in Redis; enqueueing it again`);
      await this.enqueue(task).catch((e: Error) => this.log.warn(`re-enqueue failed: ${e.message}`));
      return;
    }
    const state = await job.getState().catch(() => 'unknown');
    if (state === 'failed' && job.attemptsMade >= this.attempts) {
      pending.delete(jobId);
      const error = new Error(`${job.failedReason ?? 'failed'} (after ${job.attemptsMade} attempts)`);
      outcome.failures.push({ task, error });
      events.onTaskFailed?.(task, error);
    } else if (state === 'completed') {
      // Completed but no marker in the listing: the worker writes the marker before it completes
      // the job, so read once more (that read closes the race); still none means the outputs were
      // removed since: redo the task now.
      if (!(await readMarker(task))) await this.enqueue(task);
    } else if (typeof job.progress === 'object' && job.progress && 'docs' in job.progress) {
      events.onTaskProgress?.(task, job.progress as { docs: number; bytes: number });
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
    // BullMQ leaves a connection it was handed open.
    this.redis.disconnect();
  }
}
