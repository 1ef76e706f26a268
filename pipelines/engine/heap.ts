/**
 * Binary-heap sifts over a plain array, for the few places that keep a heap (k-way run merges,
 * bottom-k samples). `before(a, b)` is true when `a` belongs nearer the top than `b`.
 */
export function siftUp<T>(heap: T[], i: number, before: (a: T, b: T) => boolean): void {
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!before(heap[i], heap[p])) return;
    [heap[i], heap[p]] = [heap[p], heap[i]];
    i = p;
  }
}

export function siftDown<T>(heap: T[], i: number, before: (a: T, b: T) => boolean): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < heap.length && before(heap[l], heap[m])) m = l;
    if (r < heap.length && before(heap[r], heap[m])) m = r;
    if (m === i) return;
    [heap[i], heap[m]] = [heap[m], heap[i]];
    i = m;
  }
}
