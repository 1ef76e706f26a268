import { Queue } from 'bullmq';
import { createLogger, type Logger } from '../engine/log.js';
import { readMarker, summaryOf } from '../engine/run-task.js';
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

  private constructor(o: BullmqExecutorOptions) {
    this.log = createLogger({ executor: 'bullmq' });
    this.redis = connect(o.redis);
    this.redis.on('error', () => undefined); // reconnects by itself; the queue's error handler logs
    this.queue = new Queue(QUEUE, { connection: this.redis });
    this.queue.on('error', (e) => this.log.warn(`redis: ${e.message}`));
    this.attempts = o.attempts ?? 3;
    this.pollMs = o.pollMs ?? 200;
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
    while (pending.size > 0) {
      await new Promise((r) => setTimeout(r, this.pollMs));
      for (const [jobId, task] of pending) {
        const marker = await readMarker(task);
        if (marker) {
          pending.delete(jobId);
          outcome.results.push({ ...summaryOf(marker), skipped: false });
          events.onTaskDone?.({ ...marker, skipped: false });
          continue;
        }
        const job = await this.queue.getJob(jobId).catch(() => undefined);
        if (!job) {
          this.log.warn(`task ${jobId} (${task.shard.source}) is no longer in Redis; enqueueing it again`);
          await this.enqueue(task).catch((e: Error) => this.log.warn(`re-enqueue failed: ${e.message}`));
          continue;
        }
        const state = await job.getState().catch(() => 'unknown');
        if (state === 'failed' && job.attemptsMade >= this.attempts) {
          pending.delete(jobId);
          const error = new Error(`${job.failedReason ?? 'failed'} (after ${job.attemptsMade} attempts)`);
          outcome.failures.push({ task, error });
          events.onTaskFailed?.(task, error);
        } else if (state === 'completed') {
          // Completed but no marker at the first read: the worker writes the marker before it
          // completes the job, so read once more (that read closes the race); still none means
          // the outputs were removed since: redo the task now.
          const again = await readMarker(task);
          if (!again) await this.enqueue(task);
        } else if (typeof job.progress === 'object' && job.progress && 'docs' in job.progress) {
          events.onTaskProgress?.(task, job.progress as { docs: number; bytes: number });
        }
      }
    }
    outcome.results.sort((a, b) => a.task.shard.index - b.task.shard.index);
    return outcome;
  }

  async close(): Promise<void> {
    await this.queue.close();
    // BullMQ leaves a connection it was handed open.
    this.redis.disconnect();
  }
}
