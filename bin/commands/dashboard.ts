import type { Command } from 'commander';
import { DEFAULT_HOST, DEFAULT_PORT, startDashboard } from '../../dashboard/server/server.js';

export function registerDashboard(program: Command): void {
  program
    .command('dashboard')
    .description('Serve a read-only web page over run folders: funnel, drops per step and language, retention vs threshold, examples, comparison, live progress.')
    .argument('<runDirs...>', 'output folders of `winnow run` (the folder holding stats.json and .winnow/)')
    .option('--port <n>', 'port to listen on (0: any free port)', String(DEFAULT_PORT))
    .option('--host <addr>', 'address to bind (the default serves this machine only)', DEFAULT_HOST)
    .option('--redis <url>', 'Redis of a distributed run: progress also shows the queue and workers')
    .addHelpText(
      'after',
      '\nExamples:\n  winnow dashboard out/example\n  winnow dashboard out/before out/after --port 8090\n  winnow dashboard /data/out --redis redis://redis:6379 --host 0.0.0.0   # in a container',
    )
    .action(async (runDirs: string[], flags: { port: string; host: string; redis?: string }) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${flags.port}: not a port number`);
      let dash;
      try {
        dash = await startDashboard({ runs: runDirs, host: flags.host, port, redis: flags.redis });
      } catch (e) {
        process.stderr.write(`winnow dashboard: ${(e as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(`dashboard: ${dash.url}  (${dash.runs.map((r) => r.label).join(', ')}; Ctrl-C stops)\n`);
      const stop = (): void => {
        void dash.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
