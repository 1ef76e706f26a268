import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { readRunSpec, runSpecPath } from '../../pipelines/engine/run-file.js';
import type { RunSpec } from '../../pipelines/engine/run-spec.js';
import { denseCounts, emptyRunStats, mergeRunStats, type RunStats, type SignalStats, type StepStats } from '../../schemas/stats.js';

/** One run directory given on the command line. Clients name it by index only, never by path. */
export interface RunSource {
  id: number;
  /** Display label: the folder's name (with its parent when names repeat). */
  label: string;
  /** Resolved real path of the output folder. */
  dir: string;
}

export class RunDirError extends Error {
  readonly code = 'RUN_DIR';
}

/** Resolves the run folders (real paths, so a symlinked argument is pinned to where it points now). */
export function openRuns(dirs: string[]): RunSource[] {
  if (dirs.length === 0) throw new RunDirError('give at least one run folder (the output folder of `winnow run`)');
  const runs = dirs.map((d, id) => {
    const abs = resolve(d);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new RunDirError(`${d}: not a folder`);
    const dir = realpathSync(abs);
    if (!existsSync(join(dir, 'stats.json')) && !existsSync(runSpecPath(join(dir, '.winnow'))))
      throw new RunDirError(`${d}: not a winnow run folder (no stats.json and no .winnow/run.json)`);
    return { id, label: basename(dir), dir };
  });
  for (const r of runs) if (runs.filter((o) => o.label === r.label).length > 1) r.label = `${basename(resolve(r.dir, '..'))}/${r.label}`;
  return runs;
}

export function readSpec(run: RunSource): RunSpec | undefined {
  const runDir = join(run.dir, '.winnow');
  return existsSync(runSpecPath(runDir)) ? readRunSpec(runDir) : undefined;
}

/** Folder of the run's excluded documents (from run.json; `excluded/` beside the output otherwise). */
export function excludedDir(run: RunSource): string | undefined {
  const spec = readSpec(run);
  const dir = spec?.excludedDir ?? join(run.dir, 'excluded');
  return existsSync(dir) ? dir : undefined;
}

export interface LoadedStats {
  stats: RunStats;
  /** False while the run is in flight: the stats are merged from the tasks finished so far. */
  finished: boolean;
  mtimeMs: number;
}

const cache = new Map<number, LoadedStats>();

/** The run's stats.json, or (run in flight) the stats of its finished tasks merged by addition. */
export function loadStats(run: RunSource): LoadedStats {
  const path = join(run.dir, 'stats.json');
  if (existsSync(path)) {
    const mtimeMs = statSync(path).mtimeMs;
    const hit = cache.get(run.id);
    if (hit?.finished && hit.mtimeMs === mtimeMs) return hit;
    const loaded = { stats: JSON.parse(readFileSync(path, 'utf8')) as RunStats, finished: true, mtimeMs };
    cache.set(run.id, loaded);
    return loaded;
  }
  return { stats: mergeMarkers(run), finished: false, mtimeMs: Date.now() };
}

/** Completion markers per stage: `.winnow/tasks/stage-N/part-NNNNN.json`. */
export function markerFiles(run: RunSource): Map<number, string[]> {
  const tasksDir = join(run.dir, '.winnow', 'tasks');
  const out = new Map<number, string[]>();
  if (!existsSync(tasksDir)) return out;
  for (const s of readdirSync(tasksDir)) {
    const m = /^stage-(\d+)$/.exec(s);
    if (!m) continue;
    out.set(Number(m[1]), readdirSync(join(tasksDir, s)).filter((f) => /^part-\d+\.json$/.test(f)).map((f) => join(tasksDir, s, f)));
  }
  return out;
}

function mergeMarkers(run: RunSource): RunStats {
  const merged = emptyRunStats();
  // Steps in pipeline order: the first stage's first marker lists them in order; later ones add theirs.
  const stages = [...markerFiles(run).entries()].sort((a, b) => a[0] - b[0]);
  for (const [, files] of stages)
    for (const f of files.sort()) {
      try {
        const marker = JSON.parse(readFileSync(f, 'utf8'), denseCounts) as { stats: RunStats };
        mergeRunStats(merged, marker.stats);
      } catch {
        // A marker being renamed into place right now: counted on the next poll.
      }
    }
  return merged;
}

/** A signal without its histograms (the overview lists them; curves fetch one at a time). */
export interface SignalInfo extends Omit<SignalStats, 'by_lang'> {
  langs: string[];
}

/** Stats as the page's overview needs them: signals reduced to their layout and languages. */
export function statsSummary(stats: RunStats): RunStats & { signalInfo: Record<string, Record<string, SignalInfo>> } {
  const steps: Record<string, StepStats> = {};
  const signalInfo: Record<string, Record<string, SignalInfo>> = {};
  for (const [name, step] of Object.entries(stats.steps)) {
    const { signals, ...rest } = step;
    steps[name] = rest;
    if (!signals) continue;
    signalInfo[name] = {};
    for (const [sig, s] of Object.entries(signals)) {
      const { by_lang, ...layout } = s;
      signalInfo[name][sig] = { ...layout, langs: Object.keys(by_lang) };
    }
  }
  return { ...stats, steps, signalInfo };
}
