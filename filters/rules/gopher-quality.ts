/**
 * Gopher quality rules (Rae et al. 2021) as datatrove 0.10's GopherQualityFilter: word count, mean
 * word length, `#` and ellipsis per word, bullet and ellipsis lines, words with a letter, stop words.
 * Reasons are datatrove's (`gopher_short_doc`, `gopher_long_doc`, `gopher_below_avg_threshold`,
 * `gopher_above_avg_threshold`, `gopher_too_many_hashes`, `gopher_too_many_ellipsis`,
 * `gopher_too_many_bullets`, `gopher_too_many_end_ellipsis`, `gopher_below_alpha_threshold`,
 * `gopher_enough_stop_words`). Words are "non-symbol" when they have a character outside
 * datatrove's PUNCTUATION_SET.
 */
import { z } from 'zod';
import { defineFilter } from '../../pipelines/engine/filter.js';
import { COUNT, RATIO, type SignalLayout } from '../../pipelines/engine/signals.js';
import { hasAlpha, pyCount, pyLstrip, pyRstrip } from '../text/pystr.js';
import type { WordSplitter } from '../text/tokenizers.js';
import type { TextView } from '../text/view.js';
import { onOrNull, pick, ruleBaseOptions, ruleResolver } from './common.js';
import { hasNonPunctuation } from './punctuation.js';
import { ratio, RuleSet, type Bound } from './ruleset.js';

/** datatrove gopher_quality_filter.STOP_WORDS. */
export const GOPHER_STOP_WORDS = ['the', 'be', 'to', 'of', 'and', 'that', 'have', 'with'];

export const GOPHER_QUALITY_DEFAULTS = {
  min_doc_words: 50,
  max_doc_words: 100000,
  min_avg_word_length: 3,
  max_avg_word_length: 10,
  max_symbol_word_ratio: 0.1,
  max_bullet_lines_ratio: 0.9,
  max_ellipsis_lines_ratio: 0.3,
  max_non_alpha_words_ratio: 0.8,
  min_stop_words: 2,
};

interface Rules {
  min_doc_words: number | null;
  max_doc_words: number | null;
  min_avg_word_length: number | null;
  max_avg_word_length: number | null;
  max_symbol_word_ratio: number | null;
  max_bullet_lines_ratio: number | null;
  max_ellipsis_lines_ratio: number | null;
  max_non_alpha_words_ratio: number | null;
  min_stop_words: number | null;
  stop_words: ReadonlySet<string>;
}

/** One document's shared intermediates, each computed on first use. */
class QualityDoc {
  private nonSymbol = -1;
  private nonSymbolChars = 0;

  constructor(
    readonly view: TextView,
    private readonly splitter: WordSplitter,
    readonly stopWords: ReadonlySet<string>,
  ) {}

  get words(): string[] {
    return this.view.words(this.splitter);
  }

  /** Words with a character outside datatrove's PUNCTUATION_SET. */
  nonSymbolWords(): number {
    if (this.nonSymbol === -1) {
      const words = this.words;
      const lengths = this.view.wordLengths(this.splitter);
      let n = 0;
      for (let i = 0; i < words.length; i++) {
        if (hasNonPunctuation(words[i])) {
          n++;
          this.nonSymbolChars += lengths[i];
        }
      }
      this.nonSymbol = n;
    }
    return this.nonSymbol;
  }

  /** Mean length of the non-symbol words (np.mean of none is nan, and nan never fails a rule). */
  avgWordLength(): number {
    const n = this.nonSymbolWords();
    return n === 0 ? NaN : this.nonSymbolChars / n;
  }
}

/** Mean word length: 0–20 characters in steps of 0.1. */
const WORD_LENGTH: SignalLayout = { lo: 0, hi: 20, bins: 200, scale: 'linear' };
/** Distinct stop words: one bin per count, 0–63. */
const STOP_WORDS: SignalLayout = { lo: 0, hi: 64, bins: 64, scale: 'linear' };

/**
 * The measures, in datatrove's order. Ratios over no words or no lines are NaN: Python would raise
 * ZeroDivisionError, but such documents were already dropped as too short unless min_doc_words is
 * off, and then no ratio can fail.
 */
const QUALITY = new RuleSet<QualityDoc>('gopher_quality', {
  words: { layout: COUNT, value: (d) => d.nonSymbolWords() },
  avg_word_length: { layout: WORD_LENGTH, value: (d) => d.avgWordLength() },
  hash_word_ratio: { layout: RATIO, value: (d) => ratio(pyCount(d.view.text, '#'), d.words.length) },
  ellipsis_word_ratio: { layout: RATIO, value: (d) => ratio(pyCount(d.view.text, '...') + pyCount(d.view.text, '…'), d.words.length) },
  bullet_lines_ratio: {
    layout: RATIO,
    value: (d) => {
      const lines = d.view.splitlines;
      let bullets = 0;
      for (const s of lines) {
        const t = pyLstrip(s);
        if (t.startsWith('•') || t.startsWith('-')) bullets++;
      }
      return ratio(bullets, lines.length);
    },
  },
  end_ellipsis_lines_ratio: {
    layout: RATIO,
    value: (d) => {
      const lines = d.view.splitlines;
      let ellipsis = 0;
      for (const s of lines) {
        const t = pyRstrip(s);
        if (t.endsWith('...') || t.endsWith('…')) ellipsis++;
      }
      return ratio(ellipsis, lines.length);
    },
  },
  alpha_words_ratio: {
    layout: RATIO,
    value: (d) => {
      let alpha = 0;
      for (const w of d.words) if (hasAlpha(w)) alpha++;
      return ratio(alpha, d.words.length);
    },
  },
  // datatrove 0.10 counts distinct stop words: len(stop_words ∩ set(words)).
  stop_words: {
    layout: STOP_WORDS,
    value: (d) => {
      const found = new Set<string>();
      for (const w of d.words) {
        if (d.stopWords.has(w)) {
          found.add(w);
          if (found.size === d.stopWords.size) break;
        }
      }
      return found.size;
    },
  },
});

/** datatrove's rules in its order, each with its reason. */
function bounds(r: Rules): Bound[] {
  return [
    { signal: 'words', min: onOrNull(r.min_doc_words), reason: 'gopher_short_doc' },
    { signal: 'words', max: onOrNull(r.max_doc_words), reason: 'gopher_long_doc' },
    { signal: 'avg_word_length', min: onOrNull(r.min_avg_word_length), reason: 'gopher_below_avg_threshold' },
    { signal: 'avg_word_length', max: onOrNull(r.max_avg_word_length), reason: 'gopher_above_avg_threshold' },
    { signal: 'hash_word_ratio', max: onOrNull(r.max_symbol_word_ratio), reason: 'gopher_too_many_hashes' },
    { signal: 'ellipsis_word_ratio', max: onOrNull(r.max_symbol_word_ratio), reason: 'gopher_too_many_ellipsis' },
    { signal: 'bullet_lines_ratio', max: onOrNull(r.max_bullet_lines_ratio), reason: 'gopher_too_many_bullets' },
    { signal: 'end_ellipsis_lines_ratio', max: onOrNull(r.max_ellipsis_lines_ratio), reason: 'gopher_too_many_end_ellipsis' },
    // The option is named for the non-alpha share, but bounds the share of words with a letter from below.
    { signal: 'alpha_words_ratio', min: onOrNull(r.max_non_alpha_words_ratio), reason: 'gopher_below_alpha_threshold' },
    { signal: 'stop_words', min: onOrNull(r.min_stop_words), reason: 'gopher_enough_stop_words' },
  ];
}

const count = z.number().int().min(0).nullable().optional();
const threshold = z.number().min(0).nullable().optional();

export const gopherQuality = defineFilter({
  name: 'gopher_quality',
  description:
    'Gopher quality rules (datatrove GopherQualityFilter): word count, mean word length, symbol ratios, bullet/ellipsis lines, alphabetic words, stop words; thresholds and stop words per language.',
  options: z
    .object({
      ...ruleBaseOptions,
      min_doc_words: count.describe('fewest non-symbol words (50)'),
      max_doc_words: count.describe('most non-symbol words (100000)'),
      min_avg_word_length: threshold.describe('lowest mean non-symbol word length (3)'),
      max_avg_word_length: threshold.describe('highest mean non-symbol word length (10)'),
      max_symbol_word_ratio: threshold.describe('most "#" or ellipses per word (0.1)'),
      max_bullet_lines_ratio: threshold.describe('most lines starting with a bullet (0.9)'),
      max_ellipsis_lines_ratio: threshold.describe('most lines ending with an ellipsis (0.3)'),
      max_non_alpha_words_ratio: threshold.describe('least share of words with a letter (0.8; the name is datatrove\'s)'),
      min_stop_words: count.describe('fewest stop words (2)'),
      stop_words: z.array(z.string().min(1)).optional().describe('stop words (default: the language config, English: datatrove STOP_WORDS)'),
    })
    .strict(),
  setup(o, env) {
    const d = GOPHER_QUALITY_DEFAULTS;
    const resolve = ruleResolver(o, env, (cfg) => {
      const r: Rules = {
        min_doc_words: pick(o.min_doc_words, cfg.min_doc_words, d.min_doc_words),
        max_doc_words: pick(o.max_doc_words, cfg.max_doc_words, d.max_doc_words),
        min_avg_word_length: pick(o.min_avg_word_length, cfg.min_avg_word_length, d.min_avg_word_length),
        max_avg_word_length: pick(o.max_avg_word_length, cfg.max_avg_word_length, d.max_avg_word_length),
        max_symbol_word_ratio: pick(o.max_symbol_word_ratio, cfg.max_symbol_word_ratio, d.max_symbol_word_ratio),
        max_bullet_lines_ratio: pick(o.max_bullet_lines_ratio, cfg.max_bullet_lines_ratio, d.max_bullet_lines_ratio),
        max_ellipsis_lines_ratio: pick(o.max_ellipsis_lines_ratio, cfg.max_ellipsis_lines_ratio, d.max_ellipsis_lines_ratio),
        max_non_alpha_words_ratio: pick(o.max_non_alpha_words_ratio, cfg.max_non_alpha_words_ratio, d.max_non_alpha_words_ratio),
        min_stop_words: pick(o.min_stop_words, cfg.min_stop_words, d.min_stop_words),
        stop_words: new Set(o.stop_words ?? cfg.stopwords ?? GOPHER_STOP_WORDS),
      };
      return { stopWords: r.stop_words, compiled: QUALITY.compile(bounds(r)) };
    });
    return {
      signals: QUALITY.specs(resolve.base.compiled),
      check: (doc, signals) => {
        const { rules, splitter, view } = resolve(doc);
        return QUALITY.check(new QualityDoc(view, splitter, rules.stopWords), rules.compiled, signals);
      },
    };
  },
});
