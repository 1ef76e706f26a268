import { createRequire } from 'node:module';
import { clauseHits, hostilityLists, matchesWord, UNSPACED_RE } from './hostility.js';
import { CLAUSE_END_RE, isNegator } from './negation.js';

/**
 * Hashed n-gram features for the bag-of-n-grams classifiers (the shipped toxicity model). The
 * trainer (models/toxicity) and the runtime step call this same code, so a model always sees at
 * run time exactly the features it was trained on. Views of the text:
 *  - characters 1–5 of the lower-cased NFKC text (with a space before and after every word);
 *  - a "skeleton" (leetspeak mapped to letters, everything but letters removed, runs of one
 *    letter squeezed): character 3–5-grams of it catch `f.u.c.k`, `h4te`, `w o m e n`, `fuuuck`;
 *  - words from `Intl.Segmenter` (every script, dictionary-based for CJK/Thai): uni- and bigrams;
 *  - with `lexicon`, one shared id per hit of the LDNOOBW bad-words lists (npm `naughty-words`, all
 *    languages merged): a cue that means the same in every language, so what the model learns about
 *    it from languages with much data carries over to languages with little (cs, nl, sv, …);
 *  - with `hostility`, `stance` and `negation`, shared ids per clause for words of hostility towards
 *    groups, of regard and of condemnation, for such words beside a group or a hostile word, and
 *    for negated clauses (see ClauseCues).
 * Each n-gram is hashed (FNV-1a, finalised with murmur3's fmix32) into `buckets` rows.
 */

export interface FeatureConfig {
  /** Number of hash buckets (embedding rows); a power of two. */
  buckets: number;
  charMin: number;
  charMax: number;
  skeletonMin: number;
  skeletonMax: number;
  wordUnigrams: boolean;
  wordBigrams: boolean;
  /** Weight of each of a bag's n features: `mean` 1/n (fastText), `sqrt` 1/√n (long texts dilute less). */
  pooling: 'mean' | 'sqrt';
  /** Add the shared bad-words-lexicon id once per hit (absent = off, as in models made before it). */
  lexicon?: boolean;
  /**
   * Also count a word that starts with a listed word of at least this many characters (inflections
   * and compounds: `klootzakken`, `jävlarna`); absent or 0 = whole words only.
   */
  lexiconPrefix?: number;
  /**
   * Negated clauses (filters/classify/negation.ts): one shared id per clause that holds a negation,
   * plus one per bad-words-lexicon hit inside it.
   */
  negation?: boolean;
  /**
   * Hostility towards groups (filters/classify/hostility.ts): one shared id per hostile word, one
   * per clause that also names an identity group, and (with `negation`) one per negated hostile clause.
   */
  hostility?: boolean;
  /**
   * Stance (filters/classify/hostility.ts SUPPORTIVE, COUNTER; needs `hostility`): one shared id per
   * word of regard and one per clause that also names a group; one per word that condemns hate and
   * one per clause that also holds a hostile word (counter-speech).
   */
  stance?: boolean;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  buckets: 1 << 18,
  charMin: 1,
  charMax: 5,
  skeletonMin: 3,
  skeletonMax: 5,
  wordUnigrams: true,
  wordBigrams: true,
  pooling: 'sqrt',
};

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// One seed per view so that the same string in two views lands in different buckets.
const SEED_CHAR = 0x9e3779b1;
const SEED_SKELETON = 0x85ebca77;
const SEED_WORD = 0xc2b2ae3d;
const SEED_BIGRAM = 0x27d4eb2f;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(s: string, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** Growable int32 buffer, reused across calls to avoid garbage in hot loops. */
export class IdBuffer {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  clear(): void {
    this.length = 0;
  }
  slice(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

const LEET: Record<string, string> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', '$': 's', '!': 'i', '|': 'l', '€': 'e', '+': 't',
};
const LEET_RE = /[0134578@$!|€+]/g;
const NON_LETTER_RE = /[^\p{L}\p{M}]+/gu;
const RUN_RE = /(\p{L})\1+/gu;
const SPACE_RE = /\s+/gu;

/** The normalisation every view starts from: NFKC, lower case, one space between words. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(SPACE_RE, ' ').trim();
}

/** Leetspeak to letters, letters only, runs squeezed: `F.u.c.k`, `fuuuck`, `f u c k` → `fuck`. */
export function skeleton(normalised: string): string {
  return normalised.replace(LEET_RE, (c) => LEET[c]).replace(NON_LETTER_RE, '').replace(RUN_RE, '$1');
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Short everyday substrings the lists hold for unspaced scripts (datatrove's allowlist). */
const LEXICON_ALLOW = new Set(['sm', 'グロ', '女の子', '性']);

interface Lexicon {
  words: Set<string>;
  /** Multi-word entries, padded with spaces, matched on the letters-and-digits-only text. */
  phrases: string[];
  /** Entries in unspaced scripts (2+ characters), matched as substrings. */
  unspaced: string[];
}
let lexicon: Lexicon | undefined;

function loadLexicon(): Lexicon {
  const lists = createRequire(import.meta.url)('naughty-words') as Record<string, string[]>;
  const words = new Set<string>();
  const phrases = new Set<string>();
  const unspaced = new Set<string>();
  for (const lang of Object.keys(lists).sort()) {
    for (const raw of lists[lang]) {
      const w = normalise(raw);
      if (!w || LEXICON_ALLOW.has(w)) continue;
      if (UNSPACED_RE.test(w)) {
        if ([...w].length >= 2) unspaced.add(w);
      } else if (w.includes(' ')) phrases.add(` ${w.replace(WORD_SEP_RE, ' ').trim()} `);
      else words.add(w);
    }
  }
  return { words, phrases: [...phrases].sort(), unspaced: [...unspaced].sort() };
}

function hasListedPrefix(lex: Lexicon, word: string, min: number): boolean {
  for (let k = word.length - 1; k >= min; k--) if (lex.words.has(word.slice(0, k))) return true;
  return false;
}

const WORD_SEP_RE = /[^\p{L}\p{N}]+/gu;
const LEXICON_ID_KEY = '\u0001lexicon';
const NEGATED_CLAUSE_KEY = '\u0001negated-clause';
const NEGATED_LEXICON_KEY = '\u0001negated-lexicon';
// the seed of the shared per-clause ids (ClauseCues)
const SEED_CLAUSE = 0x165667b1;
const HOSTILE_KEY = '\u0001hostile';
const GROUP_HOSTILE_KEY = '\u0001group-hostile';
const NEGATED_HOSTILE_KEY = '\u0001negated-hostile';
const SUPPORTIVE_KEY = '\u0001supportive';
const GROUP_SUPPORTIVE_KEY = '\u0001group-supportive';
const COUNTER_KEY = '\u0001counter';
const COUNTER_HOSTILE_KEY = '\u0001counter-hostile';

function charGrams(s: string, min: number, max: number, seed: number, mask: number, out: IdBuffer): void {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let h = (FNV_OFFSET ^ seed) >>> 0;
    for (let k = 0; k < max && i + k < n; k++) {
      h = Math.imul(h ^ s.charCodeAt(i + k), FNV_PRIME);
      if (k + 1 >= min) out.push(fmix32(h ^ (k + 1)) & mask);
    }
  }
}

/**
 * Shared per-clause cues (FeatureConfig.negation, .hostility and .stance), gathered word by word. A clause
 * ends at punctuation (negation.ts CLAUSE_END_RE) or at the end of the text.
 */
class ClauseCues {
  private lexiconHits = 0;
  private hostileHits = 0;
  private groupHits = 0;
  private supportiveHits = 0;
  private counterHits = 0;
  private negated = false;
  private start = 0;
  constructor(
    private readonly mask: number,
    private readonly negation: boolean,
    private readonly hostility: boolean,
    private readonly stance: boolean,
  ) {}

  word(segment: string, lexiconHit: boolean): void {
    if (this.negation && isNegator(segment)) this.negated = true;
    if (lexiconHit) this.lexiconHits++;
    if (this.hostility) {
      const lists = hostilityLists();
      if (matchesWord(lists.hostile, segment)) this.hostileHits++;
      if (matchesWord(lists.groups, segment)) this.groupHits++;
      if (this.stance) {
        if (matchesWord(lists.supportive, segment)) this.supportiveHits++;
        if (matchesWord(lists.counter, segment)) this.counterHits++;
      }
    }
  }

  /** Ends the clause that runs from the previous end to `end` in `text`. */
  end(text: string, end: number, out: IdBuffer): void {
    const id = (key: string) => fmix32(hashString(key, SEED_CLAUSE)) & this.mask;
    if (this.hostility) {
      // phrases and unspaced-script entries are matched on the clause's text, words one by one
      const clause = text.slice(this.start, end);
      const lists = hostilityLists();
      this.hostileHits += clauseHits(lists.hostile, clause);
      this.groupHits += clauseHits(lists.groups, clause);
      for (let k = 0; k < this.hostileHits; k++) out.push(id(HOSTILE_KEY));
      if (this.hostileHits > 0 && this.groupHits > 0) out.push(id(GROUP_HOSTILE_KEY));
      if (this.hostileHits > 0 && this.negated) out.push(id(NEGATED_HOSTILE_KEY));
      if (this.stance) {
        this.supportiveHits += clauseHits(lists.supportive, clause);
        this.counterHits += clauseHits(lists.counter, clause);
        for (let k = 0; k < this.supportiveHits; k++) out.push(id(SUPPORTIVE_KEY));
        if (this.supportiveHits > 0 && this.groupHits > 0) out.push(id(GROUP_SUPPORTIVE_KEY));
        for (let k = 0; k < this.counterHits; k++) out.push(id(COUNTER_KEY));
        if (this.counterHits > 0 && this.hostileHits > 0) out.push(id(COUNTER_HOSTILE_KEY));
      }
    }
    if (this.negated) {
      out.push(id(NEGATED_CLAUSE_KEY));
      for (let k = 0; k < this.lexiconHits; k++) out.push(id(NEGATED_LEXICON_KEY));
    }
    this.lexiconHits = this.hostileHits = this.groupHits = this.supportiveHits = this.counterHits = 0;
    this.negated = false;
    this.start = end;
  }
}

/**
 * Appends the feature ids of `text` to `out` and returns how many were added. An empty text adds
 * none (callers give it a zero vector).
 */
export function featurize(text: string, cfg: FeatureConfig, out: IdBuffer): number {
  const start = out.length;
  const mask = cfg.buckets - 1;
  const norm = normalise(text);
  if (norm.length === 0) return 0;
  charGrams(' ' + norm + ' ', cfg.charMin, cfg.charMax, SEED_CHAR, mask, out);
  if (cfg.skeletonMax > 0) {
    const sk = skeleton(norm);
    if (sk.length >= cfg.skeletonMin) charGrams(sk, cfg.skeletonMin, cfg.skeletonMax, SEED_SKELETON, mask, out);
  }
  let lexId = -1;
  let lex: Lexicon | undefined;
  if (cfg.lexicon) {
    lex = lexicon ??= loadLexicon();
    lexId = fmix32(hashString(LEXICON_ID_KEY, SEED_WORD)) & mask;
    const padded = ` ${norm.replace(WORD_SEP_RE, ' ').trim()} `;
    for (const p of lex.phrases) if (padded.includes(p)) out.push(lexId);
    if (UNSPACED_RE.test(norm)) for (const u of lex.unspaced) if (norm.includes(u)) out.push(lexId);
  }
  if (cfg.wordUnigrams || cfg.wordBigrams || lex || cfg.negation || cfg.hostility) {
    let prev = -1;
    const clause = cfg.negation || cfg.hostility ? new ClauseCues(mask, !!cfg.negation, !!cfg.hostility, !!cfg.hostility && !!cfg.stance) : undefined;
    for (const seg of segmenter.segment(norm)) {
      if (!seg.isWordLike) {
        if (clause && seg.segment !== ' ' && CLAUSE_END_RE.test(seg.segment)) clause.end(norm, seg.index, out);
        continue;
      }
      const hit = lex !== undefined && (lex.words.has(seg.segment) || (!!cfg.lexiconPrefix && hasListedPrefix(lex, seg.segment, cfg.lexiconPrefix)));
      if (hit) out.push(lexId);
      clause?.word(seg.segment, hit);
      if (!cfg.wordUnigrams && !cfg.wordBigrams) continue;
      const h = hashString(seg.segment, SEED_WORD);
      if (cfg.wordUnigrams) out.push(fmix32(h) & mask);
      if (cfg.wordBigrams && prev !== -1) out.push(fmix32(Math.imul(prev, FNV_PRIME) ^ h ^ SEED_BIGRAM) & mask);
      prev = h;
    }
    clause?.end(norm, norm.length, out);
  }
  return out.length - start;
}

/** Per-feature weight of a bag with `n` features. */
export function bagWeight(n: number, pooling: FeatureConfig['pooling']): number {
  return n === 0 ? 0 : pooling === 'mean' ? 1 / n : 1 / Math.sqrt(n);
}

/** Featurised rows (windows, training examples) in CSR form: row i is ids[offsets[i]..offsets[i+1]). */
export interface FeatureRows {
  ids: Int32Array;
  offsets: Int32Array;
}

export function featurizeRows(texts: readonly string[], cfg: FeatureConfig): FeatureRows {
  const buf = new IdBuffer();
  const offsets = new Int32Array(texts.length + 1);
  for (let i = 0; i < texts.length; i++) {
    featurize(texts[i], cfg, buf);
    offsets[i + 1] = buf.length;
  }
  return { ids: buf.slice(), offsets };
}
