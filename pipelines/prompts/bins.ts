/**
 * Toxicity bins: `edges` e₀ < e₁ < … < e_k cut [e₀, e_k] into k bins; bin i holds e_i ≤ v < e_{i+1},
 * the last bin also holds v = e_k, and values outside the range go to the first or last bin.
 * The default is RTP's and PTP's: 4 equal-width bins over [0, 1].
 */
export const DEFAULT_EDGES = [0, 0.25, 0.5, 0.75, 1];

export class BinEdgesError extends Error {
  readonly code = 'WINNOW_BIN_EDGES';
  constructor(message: string) {
    super(message);
    this.name = 'BinEdgesError';
  }
}

export function checkEdges(edges: readonly number[]): number[] {
  if (edges.length < 2) throw new BinEdgesError(`bin edges need at least 2 values, got ${edges.length}`);
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i] > edges[i - 1])) throw new BinEdgesError(`bin edges must increase: ${edges.join(', ')}`);
  }
  return [...edges];
}

export function binOf(v: number, edges: readonly number[]): number {
  const k = edges.length - 1;
  for (let i = k - 1; i > 0; i--) if (v >= edges[i]) return i;
  return 0;
}

/** "[0.25, 0.5)" labels for reports. */
export function binLabel(i: number, edges: readonly number[]): string {
  const last = i === edges.length - 2;
  return `[${edges[i]}, ${edges[i + 1]}${last ? ']' : ')'}`;
}

/** `total` split as evenly as possible over `bins` (the first bins take the remainder). */
export function equalQuotas(total: number, bins: number): number[] {
  const base = Math.floor(total / bins);
  return Array.from({ length: bins }, (_, i) => base + (i < total % bins ? 1 : 0));
}
