/**
 * One fit of the build in a worker thread: fold k (train on every other RTP-LX fold, score fold k)
 * or the final model (fold −1, train on everything). Each worker loads the data itself: loading is
 * deterministic, so record i is the same record in every worker and in the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fitToxicity, foldOf, loadTrainingData, merged, MODEL_FEATURES, type Fitted, type Licence } from './fit.js';
import { featurizeAll, predictLogits } from './train.js';

export interface FoldJob {
  dataDir: string;
  licence: Licence;
  seed: number;
  /** −1: the final model on all data. */
  fold: number;
}

export type FoldMessage =
  | { type: 'log'; message: string }
  | {
      type: 'fold';
      fold: number;
      /** Indices into [...rtp, ...rest] of loadTrainingData() of the records scored. */
      index: Int32Array;
      /** Out-of-fold logits of the merged model (network + linear member, as the graph computes them). */
      logits: Float32Array;
    }
  | ({ type: 'final' } & Fitted);

async function run(job: FoldJob): Promise<void> {
  const post = (m: FoldMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);
  const log = (message: string) => post({ type: 'log', message: `${job.fold < 0 ? 'final' : `fold ${job.fold}`}: ${message}` });
  const permissive = job.licence === 'permissive';
  const data = await loadTrainingData(job.dataDir, job.licence);
  if (job.fold < 0) {
    const f = fitToxicity([...(permissive ? [] : data.rtp), ...data.rest], job.seed, permissive, log);
    const p = f.params;
    post({ type: 'final', ...f }, [p.emb.buffer, p.wide.buffer, ...(f.linear ? [f.linear.w.buffer] : [])] as ArrayBuffer[]);
    return;
  }
  // records are numbered over [...rtp, ...rest]; fold k's RTP-LX prompts and templates are scored
  const pool = [...data.rtp, ...data.rest];
  const inFold = pool.map((e, i) => (foldOf(e) === job.fold ? i : -1)).filter((i) => i >= 0);
  const f = fitToxicity(pool.filter((e) => foldOf(e) !== job.fold), job.seed, permissive, log);
  const texts = inFold.map((i) => pool[i].text);
  const logits = predictLogits(merged(f), featurizeAll(texts, MODEL_FEATURES));
  const index = Int32Array.from(inFold);
  post({ type: 'fold', fold: job.fold, index, logits }, [index.buffer, logits.buffer] as ArrayBuffer[]);
}

// a failure rejects here, which fails the worker and rejects runFolds in the main thread
await run(workerData as FoldJob);
