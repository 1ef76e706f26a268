import { writeFileAtomic } from '../writers/atomic.js';
import { ParquetRowWriter } from '../writers/parquet.js';
import { PromptBatch, type PromptRecord } from './record.js';

export type SetFormat = 'jsonl' | 'parquet';

/** Writes one language's split as `<base>.jsonl` and/or `<base>.parquet` (atomically); returns the paths. */
export async function writePromptFiles(base: string, records: readonly PromptRecord[], formats: readonly SetFormat[]): Promise<string[]> {
  const out: string[] = [];
  if (formats.includes('jsonl')) {
    await writeFileAtomic(`${base}.jsonl`, records.map((r) => JSON.stringify(r) + '\n').join(''));
    out.push(`${base}.jsonl`);
  }
  if (formats.includes('parquet') && records.length > 0) {
    const w = new ParquetRowWriter(`${base}.parquet`, new PromptBatch(), { compression: 'zstd', rowGroupSize: 10_000 });
    try {
      for (const r of records) await w.write(r);
      out.push((await w.commit())!);
    } catch (e) {
      await w.abort();
      throw e;
    }
  }
  return out;
}
