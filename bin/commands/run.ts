import type { Command } from 'commander';
import { ConfigError } from '../../pipelines/config/load.js';
import { createLogger } from '../../pipelines/engine/log.js';
import { executeRun, prepareRun, RunConflictError } from '../../pipelines/engine/run-pipeline.js';
import { BullmqExecutor } from '../../pipelines/executors/bullmq.js';
import type { Executor } from '../../pipelines/executors/executor.js';
import { LocalExecutor } from '../../pipelines/executors/local.js';
import { DEFAULT_REDIS_URL, maskRedisUrl } from '../../workers/connection.js';
import { RunProgress } from './progress.js';
import { summaryTable } from './summary.js';

export interface RunFlags {
  executor: string;
  redis: string;
  attempts: string;
  out?: string;
  excluded?: string;
  workers?: string;
  force?: boolean;
  progress: boolean;
}

/** The executor choice, shared by every command that runs a pipeline. */
export function withExecutorOptions(cmd: Command): Command {
  return cmd
    .option('--executor <kind>', 'local (threads in this process) or bullmq (tasks on Redis for `winnow worker` processes)', 'local')
    .option('--redis <url>', 'Redis for --executor bullmq: redis://[:password@]host:port[/db] or rediss:// (TLS)', DEFAULT_REDIS_URL)
    .option('--attempts <n>', 'bullmq: attempts per task before it is marked failed', '3');
}

export function registerRun(program: Command): void {
  const cmd = program
    .command('run')
    .description('Run a pipeline (YAML) over its input; reruns resume where a previous run stopped.')
    .argument('<pipeline>', 'pipeline YAML file, e.g. pipelines/example.yaml')
    .option('--out <dir>', 'output folder (overrides output.path; relative to the current folder)')
    .option('--excluded <dir>', 'folder for dropped documents (overrides output.excluded)')
    .option('--workers <n>', 'worker threads (default: number of cores; 0 = run in this thread)');
  withExecutorOptions(cmd)
    .option('--force', 'discard a previous run of a different pipeline in the output folder and start over')
    .option('--no-progress', 'no progress bar or periodic progress lines')
    .addHelpText(
      'after',
      `
Examples:
  winnow run pipelines/example.yaml
  winnow run my.yaml --out /data/out --workers 8
  winnow run my.yaml --executor bullmq --redis redis://queue-host:6379   # with \`winnow worker\` processes

Outputs go to output.path: part-NNNNN.parquet (or .jsonl[.gz]) per shard, excluded documents with
their reason under output.excluded, and stats.json. Completed shards are recorded under
<output>/.winnow/, so running the same command again skips them and finishes the rest.`,
    )
    .action(async (file: string, flags: RunFlags) => {
      process.exitCode = await runCommand(file, flags);
    });
}

/** Runs a pipeline file as `winnow run` does (progress, summary table); returns the exit code. */
export async function runCommand(file: string, flags: RunFlags): Promise<number> {
  const log = createLogger();
  let prepared;
  try {
    prepared = await prepareRun(file, { outputPath: flags.out, excludedPath: flags.excluded }, { force: flags.force });
  } catch (e) {
    if (e instanceof ConfigError || e instanceof RunConflictError) {
      log.error(e.message);
      return 2;
    }
    log.error(`cannot start ${file}: ${(e as Error).message}`);
    return 2;
  }
  const workers = flags.workers !== undefined ? Number(flags.workers) : prepared.pipeline.config.executor.workers;
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0)) {
    log.error(`--workers must be a whole number ≥ 0, got ${flags.workers}`);
    return 2;
  }
  let executor: Executor;
  let where: string;
  if (flags.executor === 'bullmq') {
    try {
      executor = await BullmqExecutor.create({ redis: flags.redis, attempts: Number(flags.attempts) });
    } catch (e) {
      log.error((e as Error).message);
      return 2;
    }
    where = `tasks on ${maskRedisUrl(flags.redis)} for \`winnow worker\` processes`;
  } else if (flags.executor === 'local') {
    const local = new LocalExecutor({ workers });
    executor = local;
    where = `${local.workers || 'in-process'} worker thread(s)`;
  } else {
    log.error(`--executor must be local or bullmq, got ${flags.executor}`);
    return 2;
  }
  const { spec } = prepared;
  log.info(
    `${prepared.resumed ? 'resuming' : 'starting'} ${prepared.pipeline.config.name ?? file}: ${spec.shards.length} shard(s), ${prepared.stages.length} stage(s), ${where} → ${spec.outputDir}`,
  );
  const progress = new RunProgress(
    prepared.stages.reduce((n, s) => n + s.tasks.length, 0),
    log,
    flags.progress,
  );
  let summary;
  try {
    summary = await executeRun(prepared, executor, progress.events());
  } finally {
    progress.stop();
    await executor.close();
  }
  const read = summary.stats.steps.read?.out.docs ?? 0;
  const names = Object.keys(summary.stats.steps);
  const kept = summary.stats.steps[names[names.length - 1]]?.out.docs ?? 0;
  process.stdout.write('\n' + summaryTable(summary.stats) + '\n\n');
  const secs = summary.durationMs / 1000;
  process.stdout.write(
    `${read.toLocaleString('en-US')} documents read, ${kept.toLocaleString('en-US')} kept, in ${secs.toFixed(1)}s` +
      ` (${Math.round(read / Math.max(secs, 1e-3)).toLocaleString('en-US')} docs/s)` +
      (summary.skipped ? `; ${summary.skipped} shard(s) already done, skipped` : '') +
      `\noutput: ${spec.outputDir}${spec.excludedDir ? `\nexcluded: ${spec.excludedDir}` : ''}\nstats: ${summary.statsPath}\n`,
  );
  if (summary.stats.errors.count > 0) {
    process.stdout.write(`\n${summary.stats.errors.count} bad input record(s) skipped, e.g.:\n`);
    for (const e of summary.stats.errors.sample.slice(0, 5)) process.stdout.write(`  ${e.file}${e.where ? ` (${e.where})` : ''}: ${e.message}\n`);
  }
  if (summary.failures.length > 0) {
    process.stdout.write(`\n${summary.failures.length} task(s) failed (rerun the same command to retry them):\n`);
    for (const f of summary.failures) process.stdout.write(`  ${f.task.shard.source}: ${f.error.message}\n`);
    return 1;
  }
  return 0;
}
