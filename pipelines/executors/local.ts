import { summaryOf } from '../engine/run-task.js';
import type { Task } from '../engine/task.js';
import type { Executor, StageEvents, StageOutcome } from './executor.js';
import { TaskPool } from './pool.js';

export interface LocalExecutorOptions {
  /** Worker threads; 0 runs tasks one by one in this thread. Default: the number of cores. */
  workers?: number;
}

/** Runs a stage's tasks on a pool of worker threads sized to the cores: no services needed. */
export class LocalExecutor implements Executor {
  private readonly pool: TaskPool;

  constructor(options: LocalExecutorOptions = {}) {
    this.pool = new TaskPool(options.workers);
  }

  get workers(): number {
    return this.pool.workers;
  }

  async runStage(tasks: Task[], events: StageEvents): Promise<StageOutcome> {
    const outcome: StageOutcome = { results: [], failures: [] };
    const one = async (task: Task) => {
      events.onTaskStart?.(task);
      try {
        const result = await this.pool.run(task, (p) => events.onTaskProgress?.(task, p));
        outcome.results.push(summaryOf(result));
        events.onTaskDone?.(result);
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        outcome.failures.push({ task, error });
        events.onTaskFailed?.(task, error);
      }
    };
    if (this.pool.workers === 0) {
      for (const t of tasks) await one(t);
    } else {
      await Promise.all(tasks.map(one));
    }
    outcome.results.sort((a, b) => a.task.shard.index - b.task.shard.index);
    return outcome;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
