/**
 * Runs the build's fits (every cross-validation fold and the final model) in worker threads,
 * `parallel` at a time, and gathers their out-of-fold logits and the final parameters.
 */
import { Worker } from 'node:worker_threads';
import type { Fitted } from './fit.js';
import type { FoldJob, FoldMessage } from './fold-worker.js';

export interface FoldResults {
  /** Out-of-fold logits per record of [...rtp, ...rest] (NaN where no fold scored it). */
  logits: Float32Array;
  final: Fitted;
}

export async function runFolds(jobs: FoldJob[], records: number, parallel: number, log: (m: string) => void): Promise<FoldResults> {
  const logits = new Float32Array(records).fill(NaN);
  let final: Fitted | undefined;
  const queue = [...jobs];
  const runOne = (job: FoldJob) =>
    new Promise<void>((resolve, reject) => {
      const w = new Worker(new URL('./fold-worker.js', import.meta.url), { workerData: job });
      w.on('message', (m: FoldMessage) => {
        if (m.type === 'log') log(m.message);
        else if (m.type === 'final') {
          const { type, ...fitted } = m;
          final = fitted;
        }
        else m.index.forEach((r, k) => (logits[r] = m.logits[k]));
      });
      w.on('error', reject);
      w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`fit ${job.fold < 0 ? 'final' : `fold ${job.fold}`} exited with code ${code}`))));
    });
  const lane = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await runOne(job);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, jobs.length)) }, lane));
  if (!final) throw new Error('the final fit returned no model');
  return { logits, final };
}
