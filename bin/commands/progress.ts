import cliProgress from 'cli-progress';
import type { StageEvents } from '../../pipelines/executors/executor.js';
import { setLogSink, type Logger } from '../../pipelines/engine/log.js';
import type { Task } from '../../pipelines/engine/task.js';

/**
 * A progress bar on a terminal (tasks done, documents read, docs/s), periodic log lines otherwise
 * (CI logs, files). Log lines print above the bar. Documents are counted by the first stage's
 * tasks only: later stages (dedup phases, apply) see the same documents again.
 */
export class RunProgress {
  /** Documents read so far, per first-stage shard (a task reports its running count). */
  private docsByShard = new Map<number, number>();
  private done = 0;
  private failed = 0;
  private started = performance.now();
  private bars: cliProgress.MultiBar | undefined;
  private bar: cliProgress.SingleBar | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly total: number,
    private readonly log: Logger,
    enabled: boolean,
  ) {
    if (enabled && process.stderr.isTTY) {
      this.bars = new cliProgress.MultiBar(
        {
          format: ' {bar} {value}/{total} tasks | {docs} docs | {rate} docs/s | {failed} failed | {duration_formatted}',
          barsize: 30,
          hideCursor: true,
          stream: process.stderr,
          clearOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar = this.bars.create(total, 0, this.payload());
      const bars = this.bars;
      setLogSink((line) => bars.log(line + '\n'));
    } else if (enabled) {
      this.timer = setInterval(() => this.log.info('progress', this.payload() as Record<string, unknown>), 10_000);
      this.timer.unref();
    }
  }

  private docs(): number {
    let n = 0;
    for (const v of this.docsByShard.values()) n += v;
    return n;
  }

  private payload() {
    const docs = this.docs();
    const secs = (performance.now() - this.started) / 1000;
    return { docs: docs.toLocaleString('en-US'), rate: Math.round(docs / Math.max(secs, 1e-3)).toLocaleString('en-US'), failed: this.failed, tasks: `${this.done}/${this.total}` };
  }

  events(): StageEvents {
    return {
      onTaskProgress: (task: Task, p) => {
        if (task.stage !== 0) return;
        this.docsByShard.set(task.shard.index, p.docs);
        this.bar?.update(this.done, this.payload());
      },
      onTaskDone: (r) => {
        this.done++;
        if (r.task.stage === 0) this.docsByShard.set(r.task.shard.index, r.stats.steps.read?.out.docs ?? 0);
        this.bar?.update(this.done, this.payload());
      },
      onTaskFailed: (task, error) => {
        this.done++;
        this.failed++;
        this.log.error(`task failed: ${task.shard.source}: ${error.message}`);
        this.bar?.update(this.done, this.payload());
      },
    };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.bars) {
      this.bars.stop();
      setLogSink((line) => process.stderr.write(line + '\n'));
    }
  }
}
