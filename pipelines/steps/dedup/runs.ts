import { open, mkdir, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../../writers/atomic.js';
import { siftDown, siftUp } from '../../engine/heap.js';

/**
 * Sorted runs: fixed-size binary records sorted by their leading key bytes, cut into partitions
 * by key range, with a header that says where each partition starts. A partition of one run is
 * read with one seek, so a phase task reads only its slice of every shard's run.
 *
 * Layout: "WNRN" u32 version u32 recordBytes u32 partitions, then (partitions + 1) × u64 record
 * indexes, then the records.
 */
const MAGIC = 0x4e524e57; // "WNRN" little-endian
const HEADER = 16;

export async function writeRun(path: string, records: Uint8Array, recordBytes: number, partitions: number, partitionOf: (rec: Uint8Array, at: number) => number): Promise<void> {
  const count = records.length / recordBytes;
  const offsets = new BigUint64Array(partitions + 1);
  // Records are sorted by key and partitions are key ranges, so partition starts are monotone.
  let p = 0;
  for (let i = 0; i < count; i++) {
    const part = partitionOf(records, i * recordBytes);
    while (p < part) offsets[++p] = BigInt(i);
  }
  while (p < partitions) offsets[++p] = BigInt(count);
  const header = Buffer.alloc(HEADER + offsets.byteLength);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(1, 4);
  header.writeUInt32LE(recordBytes, 8);
  header.writeUInt32LE(partitions, 12);
  Buffer.from(offsets.buffer).copy(header, HEADER);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, Buffer.concat([header, records]));
}

/**
 * Streams the records of one partition of a run, in order, in chunks (bounded memory). The chunk
 * buffer is reused: copy what must outlive the next read.
 */
export async function* readRunPartition(path: string, partition: number, chunkRecords = 65_536): AsyncIterable<Buffer> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(HEADER);
    await fh.read(head, 0, HEADER, 0);
    if (head.readUInt32LE(0) !== MAGIC) throw new Error(`${path}: not a winnow run file`);
    const recordBytes = head.readUInt32LE(8);
    const partitions = head.readUInt32LE(12);
    if (partition >= partitions) throw new Error(`${path}: has ${partitions} partitions, asked for ${partition}`);
    const offs = Buffer.alloc(16);
    await fh.read(offs, 0, 16, HEADER + partition * 8);
    const start = Number(offs.readBigUInt64LE(0));
    const end = Number(offs.readBigUInt64LE(8));
    const dataStart = HEADER + (partitions + 1) * 8;
    // One buffer, refilled: a chunk is consumed before the next is asked for.
    const chunk = Buffer.allocUnsafe(Math.min(chunkRecords, Math.max(0, end - start)) * recordBytes);
    for (let i = start; i < end; i += chunkRecords) {
      const n = Math.min(chunkRecords, end - i);
      const buf = chunk.subarray(0, n * recordBytes);
      await fh.read(buf, 0, buf.length, dataStart + i * recordBytes);
      yield buf;
    }
  } finally {
    await fh.close();
  }
}

/**
 * Sorts fixed-size records bytewise (keys first in the record, so this is key order). Large inputs:
 * LSD radix sort (16-bit digits) on the first 8 bytes, then a comparison sort inside each run of
 * equal 8-byte prefixes; small ones: comparison sort. Same order either way.
 */
export function sortRecords(records: Uint8Array, recordBytes: number, into?: Uint8Array): Uint8Array {
  const n = records.length / recordBytes;
  const buf = Buffer.from(records.buffer, records.byteOffset, records.byteLength);
  // > 0 when record a sorts after record b.
  const cmp = (a: number, b: number) => buf.compare(buf, b * recordBytes, b * recordBytes + recordBytes, a * recordBytes, a * recordBytes + recordBytes);
  let idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (n < 4096 || recordBytes < 8) {
    idx.sort(cmp);
  } else {
    const hi = new Uint32Array(n);
    const lo = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      hi[i] = buf.readUInt32BE(i * recordBytes);
      lo[i] = buf.readUInt32BE(i * recordBytes + 4);
    }
    let tmp = new Uint32Array(n);
    const count = new Uint32Array(65_537);
    const digits: Array<(i: number) => number> = [(i) => lo[i] & 0xffff, (i) => lo[i] >>> 16, (i) => hi[i] & 0xffff, (i) => hi[i] >>> 16];
    for (const digit of digits) {
      count.fill(0);
      for (let i = 0; i < n; i++) count[digit(i) + 1]++;
      if (count[digit(0) + 1] === n) continue; // every record has this digit: the pass would not move anything
      for (let d = 1; d <= 65_536; d++) count[d] += count[d - 1];
      for (let i = 0; i < n; i++) {
        const r = idx[i];
        tmp[count[digit(r)]++] = r;
      }
      [idx, tmp] = [tmp, idx];
    }
    if (recordBytes > 8) {
      for (let i = 0; i < n; ) {
        let j = i + 1;
        while (j < n && hi[idx[j]] === hi[idx[i]] && lo[idx[j]] === lo[idx[i]]) j++;
        if (j - i > 1) idx.subarray(i, j).sort(cmp);
        i = j;
      }
    }
  }
  // Fresh memory costs a page fault per 4 KiB on first touch: callers that sort repeatedly pass `into`.
  const out = into && into.length >= records.length ? into.subarray(0, records.length) : Buffer.allocUnsafe(records.length);
  if (recordBytes <= 256) {
    // A byte loop beats a native copy() call per small record.
    for (let i = 0, o = 0; i < n; i++) {
      const from = idx[i] * recordBytes;
      for (let k = 0; k < recordBytes; k++) out[o++] = buf[from + k];
    }
  } else for (let i = 0; i < n; i++) out.set(buf.subarray(idx[i] * recordBytes, idx[i] * recordBytes + recordBytes), i * recordBytes);
  return out;
}

/**
 * Min-heap k-way merge of sorted record streams; yields [record, sourceIndex] with ties broken by
 * source order. The record is a view into a reused chunk: copy it to keep it.
 */
export async function* mergeRuns(sources: Array<AsyncIterable<Buffer>>, recordBytes: number): AsyncIterable<[Buffer, number]> {
  type Cursor = { it: AsyncIterator<Buffer>; chunk: Buffer; at: number; src: number };
  const heap: Cursor[] = [];
  const less = (a: Cursor, b: Cursor) => {
    const c = a.chunk.compare(b.chunk, b.at, b.at + recordBytes, a.at, a.at + recordBytes);
    // compare() > 0 means a's record sorts after b's.
    return c < 0 || (c === 0 && a.src < b.src);
  };
  const push = (c: Cursor) => {
    heap.push(c);
    siftUp(heap, heap.length - 1, less);
  };
  for (let src = 0; src < sources.length; src++) {
    const it = sources[src][Symbol.asyncIterator]();
    const r = await it.next();
    if (!r.done && r.value.length > 0) push({ it, chunk: r.value, at: 0, src });
  }
  while (heap.length > 0) {
    const top = heap[0];
    yield [top.chunk.subarray(top.at, top.at + recordBytes), top.src];
    top.at += recordBytes;
    if (top.at >= top.chunk.length) {
      const r = await top.it.next();
      if (r.done || r.value.length === 0) {
        const last = heap.pop()!;
        if (heap.length > 0) heap[0] = last;
      } else {
        top.chunk = r.value;
        top.at = 0;
      }
    }
    if (heap.length > 0) siftDown(heap, 0, less);
  }
}

export type { FileHandle };

/**
 * The k-way merge of `mergeRuns` without a promise or an allocation per record: `step()` moves to
 * the next record synchronously while every source has buffered data, and says when a source must
 * be refilled first (`await refill()`). The current record is `buf[at, at + recordBytes)` from
 * source `src`; it stays valid until the next `step()`.
 *
 *   const m = new RunMerger(sources, bytes);
 *   for (let r = m.step(); r !== 0; r = m.step()) { if (r < 0) { await m.refill(); continue; } use(m.buf, m.at); }
 */
export class RunMerger {
  buf: Buffer = Buffer.alloc(0);
  at = 0;
  src = -1;
  private readonly its: Array<AsyncIterator<Buffer>>;
  private readonly chunks: Array<Buffer | undefined>;
  private readonly pos: Int32Array;
  private heap: number[] = [];
  private started = false;
  /** Source whose chunk ran out and must be refilled before the next step. */
  private pending = -1;

  constructor(
    sources: Array<AsyncIterable<Buffer>>,
    private readonly recordBytes: number,
  ) {
    this.its = sources.map((s) => s[Symbol.asyncIterator]());
    this.chunks = new Array(sources.length).fill(undefined);
    this.pos = new Int32Array(sources.length);
  }

  private less(a: number, b: number): boolean {
    const ca = this.chunks[a]!;
    const cb = this.chunks[b]!;
    const c = ca.compare(cb, this.pos[b], this.pos[b] + this.recordBytes, this.pos[a], this.pos[a] + this.recordBytes);
    return c < 0 || (c === 0 && a < b);
  }

  private readonly before = (a: number, b: number): boolean => this.less(a, b);

  private up(i: number): void {
    siftUp(this.heap, i, this.before);
  }

  private down(i: number): void {
    siftDown(this.heap, i, this.before);
  }

  private async load(src: number): Promise<boolean> {
    for (;;) {
      const r = await this.its[src].next();
      if (r.done) {
        this.chunks[src] = undefined;
        return false;
      }
      if (r.value.length > 0) {
        this.chunks[src] = r.value;
        this.pos[src] = 0;
        return true;
      }
    }
  }

  /** Loads the first chunks, or the chunk `step()` asked for. */
  async refill(): Promise<void> {
    if (!this.started) {
      this.started = true;
      for (let s = 0; s < this.its.length; s++) if (await this.load(s)) this.heap.push(s), this.up(this.heap.length - 1);
      return;
    }
    const s = this.pending;
    this.pending = -1;
    if (s < 0) return;
    if (await this.load(s)) {
      this.heap[0] = s;
      this.down(0);
    } else {
      const last = this.heap.pop()!;
      if (this.heap.length > 0 && last !== s) {
        this.heap[0] = last;
        this.down(0);
      }
    }
  }

  /** 1: a record is current; 0: all sources are done; −1: call `await refill()` and step again. */
  step(): number {
    if (!this.started || this.pending >= 0) return -1;
    // Advance past the record returned last time.
    if (this.src >= 0) {
      const s = this.src;
      this.src = -1;
      this.pos[s] += this.recordBytes;
      if (this.pos[s] >= this.chunks[s]!.length) {
        this.pending = s;
        return -1;
      }
      this.down(0);
    }
    if (this.heap.length === 0) return 0;
    const top = this.heap[0];
    this.src = top;
    this.buf = this.chunks[top]!;
    this.at = this.pos[top];
    return 1;
  }
}
