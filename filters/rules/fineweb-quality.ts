/**
 * FineWeb's own quality rules as datatrove 0.10's FineWebQualityFilter, over the non-blank lines:
 * share of lines ending in terminal punctuation, share of short lines, share of characters in
 * duplicated lines, newlines per word. Reasons: `empty`, `line_punct_ratio`, `short_line_ratio`,
 * `char_dup_ratio`, `list_ratio`.
 */
import { z } from 'zod';
import { defineFilter } from '../../pipelines/engine/filter.js';
import { COUNT, RATIO, type SignalLayout } from '../../pipelines/engine/signals.js';
import { endsWithAny, pyCount, pyStrip } from '../text/pystr.js';
import type { WordSplitter } from '../text/tokenizers.js';
import type { TextView } from '../text/view.js';
import { pick, ruleBaseOptions, ruleResolver } from './common.js';
import { findDuplicates } from './gopher-repetition.js';
import { TERMINAL_PUNCTUATION } from './punctuation.js';
import { ratio, RuleSet, type Bound } from './ruleset.js';

export const FINEWEB_QUALITY_DEFAULTS = {
  line_punct_thr: 0.12,
  line_punct_exclude_zero: false,
  short_line_thr: 0.67,
  short_line_length: 30,
  char_duplicates_ratio: 0.01,
  new_line_ratio: 0.3,
};

interface Rules {
  line_punct_thr: number;
  short_line_thr: number;
  short_line_length: number;
  char_duplicates_ratio: number;
  new_line_ratio: number;
}

/** One document's shared intermediates, each computed on first use. */
class FinewebDoc {
  private nonBlank?: string[];

  constructor(
    readonly view: TextView,
    readonly splitter: WordSplitter,
    readonly stopChars: readonly string[],
    readonly shortLineLength: number,
  ) {}

  /** The non-blank lines of `text.split("\n")`. */
  get lines(): string[] {
    return (this.nonBlank ??= this.view.lines.filter((l) => pyStrip(l) !== ''));
  }
}

/** Duplicated-line characters: FineWeb's thresholds are 0.01 (English) and 0.1, so steps of 0.001. */
const CHAR_DUP: SignalLayout = { lo: 0, hi: 1, bins: 1000, scale: 'linear' };

const FINEWEB = new RuleSet<FinewebDoc>('fineweb_quality', {
  lines: { layout: COUNT, value: (d) => d.lines.length },
  line_punct_ratio: {
    layout: RATIO,
    value: (d) => {
      let punct = 0;
      for (const l of d.lines) if (endsWithAny(l, d.stopChars)) punct++;
      return ratio(punct, d.lines.length);
    },
  },
  short_line_ratio: {
    layout: RATIO,
    value: (d) => {
      let short = 0;
      for (const l of d.lines) if (d.view.lengthOf(l) <= d.shortLineLength) short++;
      return ratio(short, d.lines.length);
    },
  },
  char_dup_ratio: {
    layout: CHAR_DUP,
    value: (d) => ratio(findDuplicates(d.lines, (s) => d.view.lengthOf(s))[1], d.view.length - pyCount(d.view.text, '\n')),
  },
  // Newlines per word (datatrove's new_line_ratio; the reason is list_ratio).
  list_ratio: { layout: RATIO, value: (d) => ratio(pyCount(d.view.text, '\n'), d.view.words(d.splitter).length) },
});

export const finewebQuality = defineFilter({
  name: 'fineweb_quality',
  description:
    'FineWeb quality rules (datatrove FineWebQualityFilter): lines ending in punctuation, short lines, duplicated line characters, newlines per word; thresholds per language.',
  options: z
    .object({
      ...ruleBaseOptions,
      line_punct_thr: z.number().min(0).optional().describe('least share of lines ending in stop_chars (0.12)'),
      line_punct_exclude_zero: z.boolean().default(false).describe('do not drop documents with no such line at all'),
      stop_chars: z.array(z.string().min(1)).optional().describe("line endings that count as punctuation (datatrove's TERMINAL_PUNCTUATION)"),
      short_line_thr: z.number().min(0).optional().describe('most share of short lines (0.67)'),
      short_line_length: z.number().int().min(0).optional().describe('a line this long or shorter is short (30)'),
      char_duplicates_ratio: z.number().min(0).optional().describe('most share of characters in duplicated lines (0.01)'),
      new_line_ratio: z.number().min(0).optional().describe('most newlines per word (0.3)'),
    })
    .strict(),
  setup(o, env) {
    const d = FINEWEB_QUALITY_DEFAULTS;
    const stopChars = o.stop_chars ?? TERMINAL_PUNCTUATION;
    const resolve = ruleResolver(o, env, (cfg) => {
      const r: Rules = {
        line_punct_thr: pick(o.line_punct_thr, cfg.line_punct_thr, d.line_punct_thr) ?? 0,
        short_line_thr: pick(o.short_line_thr, cfg.short_line_thr, d.short_line_thr) ?? Infinity,
        short_line_length: pick(o.short_line_length, cfg.short_line_length, d.short_line_length) ?? 0,
        char_duplicates_ratio: pick(o.char_duplicates_ratio, cfg.char_duplicates_ratio, d.char_duplicates_ratio) ?? Infinity,
        new_line_ratio: pick(o.new_line_ratio, cfg.new_line_ratio, d.new_line_ratio) ?? Infinity,
      };
      // datatrove's rules in its order, each with its reason.
      const bounds: Bound[] = [
        { signal: 'lines', min: 1, reason: 'empty' },
        { signal: 'line_punct_ratio', min: r.line_punct_thr, exempt: o.line_punct_exclude_zero ? 0 : undefined, reason: 'line_punct_ratio' },
        { signal: 'short_line_ratio', max: r.short_line_thr, reason: 'short_line_ratio' },
        { signal: 'char_dup_ratio', max: r.char_duplicates_ratio, reason: 'char_dup_ratio' },
        { signal: 'list_ratio', max: r.new_line_ratio, reason: 'list_ratio' },
      ];
      return { shortLineLength: r.short_line_length, compiled: FINEWEB.compile(bounds) };
    });
    return {
      signals: FINEWEB.specs(resolve.base.compiled),
      check: (doc, signals) => {
        const { rules, splitter, view } = resolve(doc);
        return FINEWEB.check(new FinewebDoc(view, splitter, stopChars, rules.shortLineLength), rules.compiled, signals);
      },
    };
  },
});
