import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { readRunSpec, runSpecPath } from '../../pipelines/engine/run-file.js';
import { DEFAULT_REDIS_URL, maskRedisUrl, probeRedis } from '../../workers/connection.js';
import { QUEUE } from '../../workers/jobs.js';
import { ALIVE_MS, readQueueStatus } from '../../workers/queue-status.js';

/** Markers per stage of a run folder: how far a run got, from the storage alone. */
function runProgress(outDir: string): string[] {
  const runDir = join(resolve(outDir), '.winnow');
  if (!existsSync(runSpecPath(runDir))) return [`${outDir}: no run here (no .winnow/run.json)`];
  const spec = readRunSpec(runDir);
  const lines = [`run ${spec.configFile} → ${spec.outputDir}: ${spec.shards.length} shard(s)`];
  const tasksDir = join(runDir, 'tasks');
  const stages = existsSync(tasksDir) ? readdirSync(tasksDir).sort() : [];
  for (const s of stages) lines.push(`  ${s}: ${readdirSync(join(tasksDir, s)).filter((f) => f.endsWith('.json')).length} task(s) done`);
  if (existsSync(join(spec.outputDir, 'stats.json'))) lines.push('  finished: stats.json written');
  return lines;
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('Show tasks done/running/failed, workers and their heartbeats, and failed tasks with their error.')
    .option('--redis <url>', 'the Redis the workers use', DEFAULT_REDIS_URL)
    .option('--run <outputDir>', 'also show how far the run writing to this output folder got (from its completion markers)')
    .option('--failed <n>', 'how many failed tasks to list', '20')
    .addHelpText('after', '\nExamples:\n  winnow status --redis redis://queue-host:6379\n  winnow status --run out/corpus')
    .action(async (flags: { redis: string; run?: string; failed: string }) => {
      const out: string[] = [];
      if (flags.run) out.push(...runProgress(flags.run), '');
      try {
        await probeRedis(flags.redis, 3_000);
      } catch (e) {
        out.push((e as Error).message);
        process.stdout.write(out.join('\n') + '\n');
        process.exitCode = flags.run ? 0 : 2;
        return;
      }
      const { counts, workers, failed } = await readQueueStatus(flags.redis, Number(flags.failed));
      out.push(`queue ${QUEUE} on ${maskRedisUrl(flags.redis)}: ` + Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', '));
      const now = Date.now();
      out.push(`workers: ${workers.filter((b) => now - b.lastSeen < ALIVE_MS).length} alive`);
      for (const b of workers) {
        const age = (now - b.lastSeen) / 1000;
        const up = Math.max(1, (b.lastSeen - Date.parse(b.startedAt)) / 1000);
        out.push(
          `  ${b.id.padEnd(28)} ${age * 1000 < ALIVE_MS ? 'alive' : 'silent'} (heartbeat ${age.toFixed(0)}s ago)  done ${b.done}  failed ${b.failed}  ${Math.round(b.docs / up)} docs/s` +
            (b.running.length ? `\n    running: ${b.running.map((r) => `${r.shard} (${r.docs} docs)`).join(', ')}` : ''),
        );
      }
      if (failed.length) out.push(`failed tasks (${counts.failed}):`);
      for (const j of failed) out.push(`  ${j.id}  stage ${j.stage}  ${j.source}: ${j.reason} (${j.attempts} attempts)`);
      process.stdout.write(out.join('\n') + '\n');
    });
}
