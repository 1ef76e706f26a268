import { closeSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { shardName } from '../engine/task.js';
import { tempPathFor, writeFileAtomic } from '../writers/atomic.js';
import { BottomK, type Ranked } from './priority.js';
import type { PromptRecord } from './record.js';

/**
 * A shard's candidates for the sample: per (language, bin) its bottom-k by priority. The records
 * themselves go to an append-only file as they enter a bottom-k (expected k·(1 + ln(n/k))
 * writes, most never read); memory holds only (priority, id, offset, length). `available` counts
 * every document of the stratum, kept or not.
 */
export interface Candidate extends Ranked {
  shard: number;
  off: number;
  len: number;
}

export interface ShardIndex {
  /** lang → documents per bin. */
  available: Record<string, number[]>;
  /** [lang, bin, priority, id, offset, length] of each kept candidate. */
  candidates: Array<[string, number, number, string, number, number]>;
}

export const recordsPath = (workDir: string, shard: number) => join(workDir, 'records', `${shardName(shard)}.jsonl`);
export const indexPath = (workDir: string, shard: number) => join(workDir, 'index', `${shardName(shard)}.json`);

export class CandidateCollector {
  private readonly strata = new Map<string, BottomK<Candidate & { lang: string; bin: number }>>();
  private readonly available: Record<string, number[]> = {};
  private fd: number | undefined;
  private temp: string | undefined;
  private off = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly workDir: string,
    private readonly shard: number,
    private readonly bins: number,
    /** Candidates kept per bin (quota plus dedup slack). */
    private readonly caps: readonly number[],
  ) {}

  /** Counts the document; keeps its record if it ranks within its stratum's cap. */
  offer(lang: string, bin: number, pri: number, id: string, record: () => PromptRecord): void {
    (this.available[lang] ??= new Array<number>(this.bins).fill(0))[bin]++;
    const key = `${lang}\0${bin}`;
    let s = this.strata.get(key);
    if (!s) this.strata.set(key, (s = new BottomK(this.caps[bin])));
    // cheap refusal before serialising
    const probe = { pri, id, shard: this.shard, off: -1, len: 0, lang, bin };
    if (s.offer(probe) === probe) return;
    const bytes = Buffer.from(JSON.stringify(record()) + '\n');
    probe.off = this.off;
    probe.len = bytes.length;
    this.off += bytes.length;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.fd === undefined) {
      // opened synchronously: a barrier collector observes documents synchronously
      const path = recordsPath(this.workDir, this.shard);
      mkdirSync(dirname(path), { recursive: true });
      this.temp = tempPathFor(path);
      this.fd = openSync(this.temp, 'w');
    }
    if (this.pending.length === 0) return;
    writeSync(this.fd, Buffer.concat(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
  }

  async finish(): Promise<void> {
    this.flush();
    closeSync(this.fd!);
    await rename(this.temp!, recordsPath(this.workDir, this.shard));
    const index: ShardIndex = { available: this.available, candidates: [] };
    for (const s of this.strata.values()) for (const c of s.sorted()) index.candidates.push([c.lang, c.bin, c.pri, c.id, c.off, c.len]);
    await writeFileAtomic(indexPath(this.workDir, this.shard), JSON.stringify(index));
  }

  async abort(): Promise<void> {
    if (this.fd !== undefined) closeSync(this.fd);
    if (this.temp) await rm(this.temp, { force: true });
  }
}

export async function readShardIndex(workDir: string, shard: number): Promise<ShardIndex> {
  return JSON.parse(await readFile(indexPath(workDir, shard), 'utf8')) as ShardIndex;
}

/** Reads candidates' records back by offset, one open file per shard. */
export class RecordReader {
  private readonly fds = new Map<number, number>();
  constructor(private readonly workDir: string) {}

  read(c: Candidate): PromptRecord {
    let fd = this.fds.get(c.shard);
    if (fd === undefined) this.fds.set(c.shard, (fd = openSync(recordsPath(this.workDir, c.shard), 'r')));
    const buf = Buffer.alloc(c.len);
    readSync(fd, buf, 0, c.len, c.off);
    return JSON.parse(buf.toString('utf8')) as PromptRecord;
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
  }
}
