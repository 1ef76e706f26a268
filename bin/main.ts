import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { registerCrawl } from './commands/crawl.js';
import { registerMinePrompts } from './commands/mine-prompts.js';
import { registerDashboard } from './commands/dashboard.js';
import { registerParity } from './commands/parity.js';
import { registerRun } from './commands/run.js';
import { registerStatus } from './commands/status.js';
import { registerSteps } from './commands/steps.js';
import { registerWorker } from './commands/worker.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('winnow')
  .description('Turn web crawls into clean multilingual pretraining corpora and mine toxicity benchmarks from them.')
  .version(pkg.version)
  .showHelpAfterError();

// One file per command under bin/commands/, each exporting register<Name>(program).
registerRun(program);
registerCrawl(program);
registerMinePrompts(program);
registerParity(program);
registerStatus(program);
registerSteps(program);
registerWorker(program);
registerDashboard(program);

await program.parseAsync(process.argv);
