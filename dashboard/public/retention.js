// Retention against a threshold from a signal's fixed-layout histogram (schemas/stats.ts):
// bin i holds edge(i) ≤ value < edge(i + 1); values outside [lo, hi] sit in the first or last bin.

/** Lower edge of bin i in the value's units (i = bins: upper edge of the last bin). */
export function edge(sig, i) {
  const axis = (v) => (sig.scale === 'log' ? Math.log10(1 + Math.max(0, v)) : v);
  const lo = axis(sig.lo);
  const hi = axis(sig.hi);
  const x = lo + ((hi - lo) * i) / sig.bins;
  return sig.scale === 'log' ? 10 ** x - 1 : x;
}

/** The keep range a language had: its own when the step set one, else the step's. */
export function keepRange(sig, lang) {
  const l = sig.by_lang[lang];
  return {
    min: l && 'min' in l && l.min !== undefined ? l.min : sig.min,
    max: l && 'max' in l && l.max !== undefined ? l.max : sig.max,
  };
}

/**
 * Documents of a count vector whose bin lies wholly inside [min, max] (null = unbounded), plus the
 * NaN ones, which no bound removes. At bin resolution: a bound that is not on an edge counts the bin
 * it cuts as removed.
 */
export function keptCount(sig, counts, min, max, nan = 0) {
  let kept = nan; // a value the rule could not measure (NaN) passes it
  for (let i = 0; i < sig.bins; i++) {
    const lo = edge(sig, i);
    const hi = edge(sig, i + 1);
    if (min !== null && min !== undefined && lo < min - 1e-12) continue;
    if (max !== null && max !== undefined && hi > max + 1e-12) continue;
    kept += counts[i];
  }
  return kept;
}

export function total(counts) {
  let t = 0;
  for (const c of counts) t += c;
  return t;
}

/** Counts of all languages added up (the "all" line). */
export function allCounts(sig) {
  const out = new Array(sig.bins).fill(0);
  for (const l of Object.values(sig.by_lang)) for (let i = 0; i < sig.bins; i++) out[i] += l.counts[i];
  return out;
}

// Bins wholly inside the bound (as keptCount): the first bin passing `min`, one past the last passing `max`.
function fromFor(sig, min) {
  if (min === null || min === undefined) return 0;
  let i = 0;
  while (i < sig.bins && edge(sig, i) < min - 1e-12) i++;
  return i;
}
function toFor(sig, max) {
  if (max === null || max === undefined) return sig.bins;
  let i = sig.bins;
  while (i > 0 && edge(sig, i) > max + 1e-12) i--;
  return i;
}

/**
 * Share kept (of the documents counted, NaN included) with the moving bound at each edge k = 0..bins
 * (the other bound as the run had it):
 * prefix sums, so a curve of 1,000 bins costs microseconds whatever the corpus size.
 */
export function curve(sig, counts, bound, other, nan = 0) {
  const n = sig.bins;
  const t = total(counts) + nan;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + counts[i];
  const fixedFrom = bound === 'max' ? fromFor(sig, other) : 0;
  const fixedTo = bound === 'min' ? toFor(sig, other) : n;
  const pts = new Array(n + 1);
  for (let k = 0; k <= n; k++) {
    const from = bound === 'min' ? k : fixedFrom;
    const to = bound === 'max' ? k : fixedTo;
    pts[k] = t > 0 ? ((to > from ? prefix[to] - prefix[from] : 0) + nan) / t : 0;
  }
  return pts;
}

/** The edge index nearest to a value (where the run's threshold sits on the slider). */
export function nearestEdge(sig, value) {
  let best = 0;
  let bestD = Infinity;
  for (let k = 0; k <= sig.bins; k++) {
    const d = Math.abs(edge(sig, k) - value);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}
