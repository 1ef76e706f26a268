/** Evaluation metrics: ROC-AUC, expected calibration error, Spearman correlation, Platt scaling. */

/** ROC-AUC by the rank-sum (Mann–Whitney) formula, ties counted half. NaN without both classes. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let pos = 0;
  let neg = 0;
  let rankSumPos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[idx[k]] === 1) {
        pos++;
        rankSumPos += avgRank;
      } else neg++;
    }
    i = j + 1;
  }
  if (pos === 0 || neg === 0) return NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Expected calibration error with `bins` equal-width probability bins. */
export function ece(probs: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): number {
  const n = probs.length;
  if (n === 0) return NaN;
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  const cnt = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const b = Math.min(bins - 1, Math.floor(probs[i] * bins));
    sumP[b] += probs[i];
    sumY[b] += labels[i];
    cnt[b]++;
  }
  let e = 0;
  for (let b = 0; b < bins; b++) if (cnt[b] > 0) e += Math.abs(sumP[b] - sumY[b]) / n;
  return e;
}

function ranks(xs: ArrayLike<number>): Float64Array {
  const idx = Array.from({ length: xs.length }, (_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const r = new Float64Array(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && xs[idx[j + 1]] === xs[idx[i]]) j++;
    for (let k = i; k <= j; k++) r[idx[k]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

/** Spearman's rank correlation (Pearson on average ranks). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = ra.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += ra[i];
    mb += rb[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) ** 2;
    sbb += (rb[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

export interface Platt {
  a: number;
  b: number;
}

/**
 * Fits p = σ(a·z + b) by Newton's method on the log loss, with a Gaussian prior pulling (a, b)
 * towards `prior` (strength `lambda`, in units of examples): small languages stay near the
 * global fit instead of chasing noise. Targets use Platt's smoothing (N+ + 1)/(N+ + 2).
 */
export function fitPlatt(z: ArrayLike<number>, y: ArrayLike<number>, prior: Platt = { a: 1, b: 0 }, lambda = 0): Platt {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] > 0.5 ? 1 : 0;
  const neg = y.length - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const objective = (a: number, b: number): number => {
    let l = 0.5 * lambda * ((a - prior.a) ** 2 + (b - prior.b) ** 2);
    for (let i = 0; i < z.length; i++) {
      const t = y[i] > 0.5 ? hi : lo;
      const s = a * z[i] + b;
      // log(1 + e^s) − t·s, computed stably
      l += (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))) - t * s;
    }
    return l;
  };
  let { a, b } = prior;
  let f = objective(a, b);
  for (let it = 0; it < 100; it++) {
    let ga = lambda * (a - prior.a);
    let gb = lambda * (b - prior.b);
    let haa = lambda + 1e-9;
    let hab = 0;
    let hbb = lambda + 1e-9;
    for (let i = 0; i < z.length; i++) {
      const t = y[i] > 0.5 ? hi : lo;
      const s = a * z[i] + b;
      const p = s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
      const d = p - t;
      ga += d * z[i];
      gb += d;
      const w = Math.max(p * (1 - p), 1e-12);
      haa += w * z[i] * z[i];
      hab += w * z[i];
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 1e-18)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    // backtracking: Newton steps can overshoot when the logits are large
    let step = 1;
    let fNew = objective(a - da, b - db);
    while (fNew > f && step > 1e-6) {
      step /= 2;
      fNew = objective(a - step * da, b - step * db);
    }
    if (fNew > f) break;
    a -= step * da;
    b -= step * db;
    const done = f - fNew < 1e-10 * Math.max(1, Math.abs(f));
    f = fNew;
    if (done) break;
  }
  return { a, b };
}

/**
 * Fits only the offset b of p = σ(a·z + b) for a fixed slope `a` (a temperature shared by every
 * language), by Newton's method on the log loss with a Gaussian prior of strength `lambda`
 * (examples) pulling b towards `prior`; Platt's target smoothing as in fitPlatt.
 */
export function fitOffset(z: ArrayLike<number>, y: ArrayLike<number>, a: number, prior: number, lambda: number): number {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] > 0.5 ? 1 : 0;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (y.length - pos + 2);
  let b = prior;
  for (let it = 0; it < 100; it++) {
    let g = lambda * (b - prior);
    let h = lambda + 1e-9;
    for (let i = 0; i < z.length; i++) {
      const s = a * z[i] + b;
      const p = s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
      g += p - (y[i] > 0.5 ? hi : lo);
      h += Math.max(p * (1 - p), 1e-12);
    }
    const step = g / h;
    b -= Math.max(-2, Math.min(2, step));
    if (Math.abs(step) < 1e-10) break;
  }
  return b;
}
