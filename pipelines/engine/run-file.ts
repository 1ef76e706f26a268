import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunSpec } from './run-spec.js';

/**
 * A run's `run.json` in its work folder (`<output>/.winnow`), read without parsing the pipeline it
 * holds: this module imports nothing heavy, so the dashboard and `winnow status` can use it too.
 */
export function runSpecPath(runDir: string): string {
  return join(runDir, 'run.json');
}

export function readRunSpec(runDir: string): RunSpec {
  return JSON.parse(readFileSync(runSpecPath(runDir), 'utf8')) as RunSpec;
}
