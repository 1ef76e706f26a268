/**
 * Shared pieces of the build: training-set assembly, calibration, per-language evaluation.
 */
import { DEFAULT_FEATURES, type FeatureConfig } from '../../filters/classify/features.js';
import { obfuscate } from './augment.js';
import type { Example } from './data.js';
import { ece, fitOffset, fitPlatt, rocAuc, spearman, type Platt } from './metrics.js';
import { rng, type TrainSet, featurizeAll } from './train.js';

export const PTP_LANGS = ['ar', 'cs', 'de', 'en', 'es', 'fr', 'hi', 'id', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'ru', 'sv', 'zh'] as const;

/** FNV-1a of a string, for splits that depend on nothing but the record's key. */
export function keyHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export interface AssembleOptions {
  /** Most examples taken from one native source and language. */
  nativeCap: number;
  nativeWeight: number;
  /** Probability of adding an obfuscated copy of an RTP-LX / functional training example. */
  augment: number;
  seed: number;
  features: FeatureConfig;
  /** Train on RTP-LX's clear cases only (t ≥ 3 or t ≤ 1.5). */
  binaryOnly: boolean;
  /**
   * Weight of the cross-locale consensus in an RTP-LX target: t = (1 − c)·own + c·mean over every
   * locale of the same Index (RTP-LX is parallel; three annotators per locale are noisy).
   */
  consensus: number;
  /** RTP-LX targets: 'binary' (t ≥ 3 → 1, t ≤ 1.5 → 0, middle dropped) or 'soft' (clip((t − 1.5)/1.5), all records). */
  rtpTarget: 'binary' | 'soft';
  /** Weight of the functional template rows (absent = 1). */
  templateWeight?: number;
  /** Obfuscated copies per functional template row (absent = one copy with probability `augment`). */
  templateCopies?: number;
  /** Weight the template rows so that hateful and non-hateful ones weigh the same in every language. */
  templateBalance?: boolean;
}

export const DEFAULT_ASSEMBLE: AssembleOptions = { nativeCap: 6000, nativeWeight: 0.5, augment: 0.5, seed: 1, features: DEFAULT_FEATURES, binaryOnly: true, consensus: 0, rtpTarget: 'binary' };

export interface Assembled {
  set: TrainSet;
  texts: string[];
  sourceNames: string[];
  counts: Record<string, number>;
}

/** Deterministic sample of at most `cap` items (by key hash, not by position). */
function capped<T>(xs: T[], cap: number, key: (x: T) => string): T[] {
  if (xs.length <= cap) return xs;
  return xs
    .map((x) => ({ x, h: keyHash(key(x)) }))
    .sort((a, b) => a.h - b.h)
    .slice(0, cap)
    .map((o) => o.x);
}

/**
 * RTP-LX training targets: t = (1 − c)·own mean toxicity + c·mean over every locale of the same
 * Index (within `train`); 'binary' → 1 / 0 / null (middle band), 'soft' → clip((t − 1.5)/1.5, 0, 1).
 */
export function rtpTargets(train: readonly Example[], consensus: number, mode: 'binary' | 'soft'): (e: Example) => number | null {
  const groupTox = new Map<string, { s: number; n: number }>();
  for (const e of train) {
    if (e.source !== 'rtp-lx' || e.tox === undefined) continue;
    const g = groupTox.get(e.group!) ?? { s: 0, n: 0 };
    g.s += e.tox;
    g.n++;
    groupTox.set(e.group!, g);
  }
  return (e) => {
    const g = groupTox.get(e.group!)!;
    const t = (1 - consensus) * e.tox! + consensus * (g.s / g.n);
    if (mode === 'soft') return Math.min(1, Math.max(0, (t - 1.5) / 1.5));
    return t >= 3 ? 1 : t <= 1.5 ? 0 : null;
  };
}

export function assemble(train: Example[], o: AssembleOptions): Assembled {
  const rand = rng(o.seed ^ 0x5eed);
  const rows: Array<{ text: string; y: number; w: number; src: string }> = [];
  const bySrcLang = new Map<string, Example[]>();
  const rtpY = rtpTargets(train, o.consensus, o.rtpTarget);
  for (const e of train) {
    // with 'binary' targets RTP-LX's middle band (1.5 < t < 3) is left out
    if (o.binaryOnly && e.source === 'rtp-lx' && rtpY(e) === null) continue;
    const k = `${e.source}\u0000${e.lang}`;
    let l = bySrcLang.get(k);
    if (!l) bySrcLang.set(k, (l = []));
    l.push(e);
  }
  for (const [k, list] of [...bySrcLang].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const src = k.split('\u0000')[0];
    // template balance: each class gets half of the language's template weight
    const pos = list.filter((e) => e.y >= 0.5).length;
    const balance = src === 'functional' && o.templateBalance && pos > 0 && pos < list.length ? [list.length / (2 * (list.length - pos)), list.length / (2 * pos)] : [1, 1];
    const target = src === 'rtp-lx' || src === 'functional' || src === 'udhr' || src === 'flores';
    const chosen = target ? list : capped(list, o.nativeCap, (e) => e.text);
    for (const e of chosen) {
      const w = src === 'functional' ? (o.templateWeight ?? 1) * balance[e.y >= 0.5 ? 1 : 0] : target ? 1 : o.nativeWeight;
      const y = e.source === 'rtp-lx' ? rtpY(e) ?? e.y : e.y;
      rows.push({ text: e.text, y, w, src });
      if (src === 'functional' && o.templateCopies !== undefined) {
        for (let c = 0; c < o.templateCopies; c++) rows.push({ text: obfuscate(e.text, rand), y, w, src });
      } else if (target && src !== 'udhr' && src !== 'flores' && rand() < o.augment) rows.push({ text: obfuscate(e.text, rand), y, w, src });
    }
  }
  // rtp-lx is the reference source (offset slot 0); the templates and the UDHR share it, so that
  // what they teach lands in the features rather than in an offset of their own
  const shared = new Set(['rtp-lx', 'functional', 'udhr', 'flores']);
  const sourceNames = ['rtp-lx', ...[...new Set(rows.map((r) => r.src))].filter((s) => !shared.has(s)).sort()];
  const srcIndex = new Map(sourceNames.map((s, i) => [s, i]));
  for (const s of shared) srcIndex.set(s, 0);
  const texts = rows.map((r) => r.text);
  const fs = featurizeAll(texts, o.features);
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.src] = (counts[r.src] ?? 0) + 1;
  return {
    texts,
    sourceNames,
    counts,
    set: {
      ...fs,
      y: Float32Array.from(rows.map((r) => r.y)),
      weight: Float32Array.from(rows.map((r) => r.w)),
      source: Uint16Array.from(rows.map((r) => srcIndex.get(r.src)!)),
      sources: sourceNames.length,
    },
  };
}

export interface LangReport {
  lang: string;
  n: number;
  pos: number;
  auc: number;
  /** ECE of the calibrated probabilities, calibration fitted on the other half (2-fold cross-fit). */
  ece: number;
  /**
   * The ECE a perfectly calibrated model with these same probabilities would show on this many
   * records (labels drawn from the probabilities themselves): the noise floor of the ECE column.
   */
  eceFloor: number;
  spearman: number;
  baselineAuc?: number;
  /**
   * AUC of the human ceiling: each record scored by the mean annotator toxicity of the same prompt
   * (Index) in every other RTP-LX locale, i.e. what a perfect cross-lingual reader of the other
   * locales' labels would get against this locale's own three annotators.
   */
  oracleAuc?: number;
}

/** Per-language AUC of the other locales' mean toxicity for the same Index (see LangReport.oracleAuc). */
export function oracleAuc(dev: Example[], lang: string): number {
  const byGroup = new Map<string, Example[]>();
  for (const e of dev) {
    const l = byGroup.get(e.group!) ?? [];
    l.push(e);
    byGroup.set(e.group!, l);
  }
  const items = dev.filter((e) => e.lang === lang && e.binary !== null);
  const scores = items.map((e) => {
    const others = byGroup.get(e.group!)!.filter((x) => x.lang !== lang && x.tox !== undefined);
    return others.length ? others.reduce((a, x) => a + x.tox!, 0) / others.length : 0;
  });
  return rocAuc(scores, items.map((e) => e.binary!));
}

/** Expected ECE of perfectly calibrated probabilities `probs` (labels drawn from them; seeded, 200 draws). */
export function eceFloor(probs: ArrayLike<number>, bins = 10, draws = 200, seed = 7): number {
  const r = rng(seed);
  const y = new Float64Array(probs.length);
  let sum = 0;
  for (let d = 0; d < draws; d++) {
    for (let i = 0; i < probs.length; i++) y[i] = r() < probs[i] ? 1 : 0;
    sum += ece(probs, y, bins);
  }
  return sum / draws;
}

const sig = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * How each language's calibration relates to the global Platt fit: `shared` = the global fit;
 * `offset` = the global slope (a temperature shared by every language) with a per-language offset
 * pulled towards the global one (prior strength `lambda` examples); `platt` = slope and offset per
 * language, both pulled towards the global fit.
 */
export interface CalibrationSpec {
  mode: 'shared' | 'offset' | 'platt';
  lambda: number;
}

export function fitLanguage(z: ArrayLike<number>, y: ArrayLike<number>, global: Platt, spec: CalibrationSpec): Platt {
  if (spec.mode === 'shared' || z.length === 0) return global;
  if (spec.mode === 'offset') return { a: global.a, b: fitOffset(z, y, global.a, global.b, spec.lambda) };
  return fitPlatt(z, y, global, spec.lambda);
}

/**
 * Per-language calibration (see CalibrationSpec). Returns the map used for shipping (fitted on all
 * dev data) and cross-fitted probabilities for honest ECE.
 */
export function calibrate(dev: Example[], logits: Float32Array, langs: readonly string[], spec: CalibrationSpec): { global: Platt; perLang: Map<string, Platt>; crossProbs: Float64Array } {
  const lab = dev.map((e, i) => ({ e, i })).filter(({ e }) => e.binary !== null);
  const zs = (items: typeof lab) => items.map(({ i }) => logits[i]);
  const ys = (items: typeof lab) => items.map(({ e }) => e.binary!);
  const global = fitPlatt(zs(lab), ys(lab));
  const perLang = new Map<string, Platt>();
  for (const l of langs) {
    const items = lab.filter(({ e }) => e.lang === l);
    perLang.set(l, fitLanguage(zs(items), ys(items), global, spec));
  }
  // cross-fit: fold by group hash
  const crossProbs = new Float64Array(dev.length).fill(NaN);
  for (const fold of [0, 1]) {
    const inFold = (e: Example) => keyHash(`fold:${e.group}`) % 2 === fold;
    const fitSet = lab.filter(({ e }) => !inFold(e));
    const g = fitPlatt(zs(fitSet), ys(fitSet));
    for (const l of langs) {
      const items = fitSet.filter(({ e }) => e.lang === l);
      const c = fitLanguage(zs(items), ys(items), g, spec);
      dev.forEach((e, i) => {
        if (e.lang === l && inFold(e)) crossProbs[i] = sig(c.a * logits[i] + c.b);
      });
    }
  }
  return { global, perLang, crossProbs };
}

export function evaluate(dev: Example[], logits: Float32Array, crossProbs: Float64Array, langs: readonly string[], baseline?: Float32Array): LangReport[] {
  const out: LangReport[] = [];
  for (const l of langs) {
    const idx = dev.map((e, i) => (e.lang === l ? i : -1)).filter((i) => i >= 0);
    const bin = idx.filter((i) => dev[i].binary !== null);
    const ys = bin.map((i) => dev[i].binary!);
    out.push({
      lang: l,
      n: bin.length,
      pos: ys.reduce<number>((a, b) => a + b, 0),
      auc: rocAuc(bin.map((i) => logits[i]), ys),
      ece: ece(bin.map((i) => crossProbs[i]), ys),
      eceFloor: eceFloor(bin.map((i) => crossProbs[i])),
      spearman: spearman(idx.map((i) => logits[i]), idx.map((i) => dev[i].tox ?? 0)),
      baselineAuc: baseline ? rocAuc(bin.map((i) => baseline[i]), ys) : undefined,
    });
  }
  return out;
}

export function macro(rs: LangReport[], k: 'auc' | 'ece' | 'eceFloor' | 'spearman' | 'baselineAuc' | 'oracleAuc'): number {
  const v = rs.map((r) => r[k] as number).filter((x) => Number.isFinite(x));
  return v.reduce((a, b) => a + b, 0) / v.length;
}
