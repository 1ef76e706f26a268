/**
 * C4's heuristics (Raffel et al. 2020) as datatrove 0.10's C4QualityFilter. Per line: drop lines
 * with a word over `max_word_length`, strip Wikipedia-style citations, drop lines without terminal
 * punctuation (or ending in "..."), with fewer than `min_words_per_line` words, mentioning
 * "javascript" or a cookie/terms-of-use phrase; drop the whole document on "lorem ipsum" or "{", or
 * when fewer than `min_num_sentences` sentences remain. A kept document's text becomes its kept
 * lines (datatrove rewrites `doc.text`; `rewrite: false` leaves it). Reasons: `lorem_ipsum`,
 * `curly_bracket`, `too_few_sentences`. Signals: `sentences`, `kept_lines_ratio`, `kept_words`.
 */
import { z } from 'zod';
import { defineFilter } from '../../pipelines/engine/filter.js';
import { COUNT, RATIO, signalSpec } from '../../pipelines/engine/signals.js';
import { endsWithAny, pyLen, pySplitlines, pyStrip, pyWordCount } from '../text/pystr.js';
import { pick, ruleBaseOptions, ruleResolver } from './common.js';
import { hasNonPunctuation } from './punctuation.js';
import { ratio } from './ruleset.js';

/** Wikipedia-style citations; Python's `\d` matches any Unicode decimal digit. */
export const CITATION_REGEX = /\[\p{Nd}*\]|\[edit\]|\[citation needed\]/gu;
export const END_PUNCTUATION = ['.', '?', '!', '"', "'"];
export const ELLIPSIS = '...';
export const POLICY_SUBSTRINGS = ['terms of use', 'privacy policy', 'cookie policy', 'uses cookies', 'use of cookies', 'use cookies'];

export const C4_DEFAULTS = {
  split_paragraph: true,
  remove_citations: true,
  filter_no_terminal_punct: true,
  min_num_sentences: 5,
  min_words_per_line: 3,
  max_word_length: 1000,
  filter_lorem_ipsum: true,
  filter_javascript: true,
  filter_curly_bracket: true,
  filter_policy: true,
};

export const c4 = defineFilter({
  name: 'c4',
  description:
    'C4 heuristics (datatrove C4QualityFilter): keep lines ending in terminal punctuation with enough words, drop documents with lorem ipsum, "{" or too few sentences; rewrites the text of kept documents to the kept lines.',
  options: z
    .object({
      ...ruleBaseOptions,
      split_paragraph: z.boolean().default(true).describe('work on lines (C4); false: on sentences'),
      remove_citations: z.boolean().default(true).describe('remove [1], [edit], [citation needed]'),
      filter_no_terminal_punct: z.boolean().default(true).describe('drop lines not ending in terminal punctuation (FineWeb sets false)'),
      min_num_sentences: z.number().int().optional().describe('fewest sentences left (5; -1 turns it off)'),
      min_words_per_line: z.number().int().optional().describe('fewest words in a kept line (3; -1 off)'),
      max_word_length: z.number().int().default(1000).describe('drop lines with a longer word (-1 off)'),
      filter_lorem_ipsum: z.boolean().default(true),
      filter_javascript: z.boolean().default(true),
      filter_curly_bracket: z.boolean().default(true),
      filter_policy: z.boolean().default(true),
      rewrite: z.boolean().default(true).describe('replace the text of kept documents by their kept lines, as datatrove does'),
    })
    .strict(),
  setup(o, env) {
    const d = C4_DEFAULTS;
    const resolve = ruleResolver(o, env, (cfg) => {
      const min_num_sentences = pick(o.min_num_sentences, cfg.min_num_sentences, d.min_num_sentences) ?? -1;
      return {
        min_num_sentences,
        min_words_per_line: pick(o.min_words_per_line, cfg.min_words_per_line, d.min_words_per_line) ?? -1,
        end_punctuation: cfg.end_punctuation ?? END_PUNCTUATION,
        // Counting words by spaces only makes sense for scripts that put spaces between words.
        spaceless: o.tokenizer === 'auto' && cfg.spaceless === true,
        sentencesRange: { min: min_num_sentences === -1 ? null : min_num_sentences, max: null },
      };
    });
    return {
      // lorem_ipsum and curly_bracket are events on one line, not measures of the document.
      signals: {
        sentences: signalSpec(COUNT, resolve.base.sentencesRange),
        kept_lines_ratio: signalSpec(RATIO),
        kept_words: signalSpec(COUNT),
      },
      check: (doc, signals) => {
        const { rules: r, splitter, view } = resolve(doc);
        // datatrove returns at the first lorem-ipsum or "{" line; recording signals, the pass goes
        // on to measure the whole document, and that first reason is still the verdict.
        const measureAll = signals.enabled;
        const lines = o.split_paragraph ? pySplitlines(view.text) : splitter.sentences(view.text);
        let firstBadLine: string | undefined;
        let sentences = 0;
        let keptWords = 0;
        const kept: string[] = [];
        for (let line of lines) {
          line = pyStrip(line);
          let wordCount: number;
          if (r.spaceless) {
            const words = splitter.words(line).filter(hasNonPunctuation);
            wordCount = o.max_word_length !== -1 && words.some((w) => pyLen(w) > o.max_word_length) ? -1 : words.length;
          } else wordCount = pyWordCount(line, o.max_word_length);
          if (wordCount === -1) continue;
          if (o.remove_citations && line.includes('[')) line = line.replace(CITATION_REGEX, '');
          if (o.filter_no_terminal_punct && (!endsWithAny(line, r.end_punctuation) || line.endsWith(ELLIPSIS))) continue;
          if (wordCount < r.min_words_per_line) continue;
          const lower = line.toLowerCase();
          if (o.filter_lorem_ipsum && lower.includes('lorem ipsum')) {
            firstBadLine ??= 'lorem_ipsum';
            if (measureAll) continue;
            break;
          }
          if (o.filter_javascript && lower.includes('javascript')) continue;
          if (o.filter_curly_bracket && line.includes('{')) {
            firstBadLine ??= 'curly_bracket';
            if (measureAll) continue;
            break;
          }
          if (o.filter_policy && POLICY_SUBSTRINGS.some((p) => lower.includes(p))) continue;
          if (r.min_num_sentences !== -1 || measureAll) sentences += o.split_paragraph ? splitter.sentenceCount(line) : 1;
          keptWords += wordCount;
          kept.push(line);
        }
        signals.record('sentences', sentences, r.sentencesRange);
        signals.record('kept_lines_ratio', ratio(kept.length, lines.length));
        signals.record('kept_words', keptWords);
        if (firstBadLine !== undefined) return firstBadLine;
        if (sentences < r.min_num_sentences) return 'too_few_sentences';
        if (o.rewrite) doc.text = pyStrip(kept.join(o.split_paragraph ? '\n' : ' '));
        return true;
      },
    };
  },
});
