import { createHash } from 'node:crypto';
import { siftDown, siftUp } from '../engine/heap.js';

/**
 * Seeded sampling that streams and ignores shard order: every document gets the priority
 * hash(seed, id), and a stratum's sample is its `k` documents of smallest priority. Each shard
 * keeps its own bottom-k (memory bounded by k, not by the input); merging shards' bottom-k and
 * taking the bottom-k again gives the same sample whatever the sharding or order.
 */
export function priorityOf(seed: number, id: string): number {
  // 48 bits: exact in a double, and ties are negligible (they break by id)
  return createHash('sha256').update(`${seed}\0${id}`).digest().readUIntBE(0, 6);
}

export interface Ranked {
  pri: number;
  id: string;
}

export function byPriority(a: Ranked, b: Ranked): number {
  return a.pri - b.pri || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Max-heap order: the largest priority at the top. */
const ranksAbove = (a: Ranked, b: Ranked): boolean => byPriority(a, b) > 0;

/** The k smallest items seen so far (a max-heap on priority). */
export class BottomK<T extends Ranked> {
  private readonly heap: T[] = [];
  constructor(readonly k: number) {}

  get size(): number {
    return this.heap.length;
  }

  /** Keeps `item` if it ranks among the k smallest; returns the item that left (or `item` itself when refused). */
  offer(item: T): T | undefined {
    const h = this.heap;
    if (this.k === 0) return item;
    if (h.length < this.k) {
      h.push(item);
      siftUp(h, h.length - 1, ranksAbove);
      return undefined;
    }
    if (byPriority(item, h[0]) >= 0) return item;
    const out = h[0];
    h[0] = item;
    siftDown(h, 0, ranksAbove);
    return out;
  }

  /** The kept items, smallest priority first. */
  sorted(): T[] {
    return [...this.heap].sort(byPriority);
  }
}
