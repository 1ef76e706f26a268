import type { Task } from '../engine/task.js';
import type { TaskProgress, TaskResult, TaskSummary } from '../engine/run-task.js';

/** Events an executor reports while a stage runs (the CLI turns them into a progress bar). */
export interface StageEvents {
  onTaskStart?(task: Task): void;
  onTaskProgress?(task: Task, p: TaskProgress): void;
  /** The only place a task's stats pass: the run folds them into its total as tasks finish. */
  onTaskDone?(result: TaskResult): void;
  onTaskFailed?(task: Task, error: Error): void;
}

export interface StageOutcome {
  /** Finished tasks without their stats (a stage may have tens of thousands: memory stays flat). */
  results: TaskSummary[];
  failures: Array<{ task: Task; error: Error }>;
}

/**
 * Runs the tasks of one stage, all of which may run at once; stages run in order. The local pool
 * and the BullMQ queue implement the same contract over the same tasks.
 */
export interface Executor {
  runStage(tasks: Task[], events: StageEvents): Promise<StageOutcome>;
  close(): Promise<void>;
}
