/**
 * Gopher repetition rules (Rae et al. 2021, table A1) as datatrove 0.10's GopherRepetitionFilter:
 * duplicated paragraphs and lines (by count and by characters), the most frequent 2–4-gram's share of
 * the text, and the share of characters in repeated 5–10-grams. Reasons are datatrove's:
 * `dup_para_frac`, `dup_para_char_frac`, `dup_line_frac`, `dup_line_char_frac`, `top_{n}_gram`,
 * `duplicated_{n}_n_grams`.
 */
import { z } from 'zod';
import { defineFilter } from '../../pipelines/engine/filter.js';
import { RATIO } from '../../pipelines/engine/signals.js';
import { JoinedWords, repeatedNgramChars, topNgramChars } from '../text/ngrams.js';
import { pyStrip } from '../text/pystr.js';
import type { WordSplitter } from '../text/tokenizers.js';
import type { TextView } from '../text/view.js';
import { ngramOption, onOrNull, optionalFrac, pick, ruleBaseOptions, ruleResolver } from './common.js';
import { RuleSet, type Bound, type CompiledRules, type Measure } from './ruleset.js';

export const GOPHER_REPETITION_DEFAULTS = {
  dup_line_frac: 0.3,
  dup_para_frac: 0.3,
  dup_line_char_frac: 0.2,
  dup_para_char_frac: 0.2,
  top_n_grams: [
    [2, 0.2],
    [3, 0.18],
    [4, 0.16],
  ] as Array<[number, number]>,
  dup_n_grams: [
    [5, 0.15],
    [6, 0.14],
    [7, 0.13],
    [8, 0.12],
    [9, 0.11],
    [10, 0.1],
  ] as Array<[number, number]>,
};

/** `find_duplicates`: how many elements repeat an earlier one, and their total length. */
export function findDuplicates(items: readonly string[], lengthOf: (s: string) => number): [number, number] {
  const seen = new Set<string>();
  let dupElements = 0;
  let dupChars = 0;
  for (const x of items) {
    if (seen.has(x)) {
      dupElements++;
      dupChars += lengthOf(x);
    } else seen.add(x);
  }
  return [dupElements, dupChars];
}

interface Rules {
  dup_line_frac: number | null;
  dup_para_frac: number | null;
  dup_line_char_frac: number | null;
  dup_para_char_frac: number | null;
  top_n_grams: Array<[number, number]>;
  dup_n_grams: Array<[number, number]>;
}

const PARAGRAPH_SPLIT = /\n{2,}/;
const LINE_SPLIT = /\n+/;

/** One document's shared intermediates, each computed on first use. */
class RepetitionDoc {
  private paras?: { count: number; dups: number; dupChars: number };
  private lineDups?: { count: number; dups: number; dupChars: number };
  private glued?: JoinedWords;

  constructor(
    readonly view: TextView,
    private readonly splitter: WordSplitter,
  ) {}

  private duplicates(items: string[]) {
    const [dups, dupChars] = findDuplicates(items, (s) => this.view.lengthOf(s));
    return { count: items.length, dups, dupChars };
  }

  get paragraphs() {
    return (this.paras ??= this.duplicates(pyStrip(this.view.text).split(PARAGRAPH_SPLIT)));
  }

  get lines() {
    return (this.lineDups ??= this.duplicates(this.view.text.split(LINE_SPLIT)));
  }

  get words(): string[] {
    return this.view.words(this.splitter);
  }

  get lengths(): Int32Array {
    return this.view.wordLengths(this.splitter);
  }

  /** The words joined once for every n (valid until the next document's; documents go one at a time). */
  get joined(): JoinedWords {
    return (this.glued ??= new JoinedWords(this.words));
  }
}

const topNgramSignal = (n: number) => `top_${n}_gram`;
const dupNgramSignal = (n: number) => `duplicated_${n}_n_grams`;

/**
 * The measures, for the n-gram sizes any language uses. Character shares are of `len(text)`: for an
 * empty text they are NaN and pass (datatrove would divide by zero; nothing repeats in it anyway).
 */
function repetitionRules(topNs: number[], dupNs: number[]): RuleSet<RepetitionDoc> {
  const measures: Record<string, Measure<RepetitionDoc>> = {
    dup_para_frac: { layout: RATIO, value: (d) => d.paragraphs.dups / d.paragraphs.count },
    dup_para_char_frac: { layout: RATIO, value: (d) => d.paragraphs.dupChars / d.view.length },
    dup_line_frac: { layout: RATIO, value: (d) => d.lines.dups / d.lines.count },
    dup_line_char_frac: { layout: RATIO, value: (d) => d.lines.dupChars / d.view.length },
  };
  for (const n of topNs) {
    // datatrove skips a size with no n-gram at all.
    measures[topNgramSignal(n)] = {
      layout: RATIO,
      value: (d) => (d.words.length - n + 1 <= 0 ? NaN : topNgramChars(d.joined, d.words, d.lengths, n) / d.view.length),
    };
  }
  for (const n of dupNs) {
    measures[dupNgramSignal(n)] = { layout: RATIO, value: (d) => repeatedNgramChars(d.joined, d.words, d.lengths, n) / d.view.length };
  }
  return new RuleSet('gopher_repetition', measures);
}

/** datatrove's rules in its order; the reasons are the signal names. */
function bounds(r: Rules): Bound[] {
  return [
    { signal: 'dup_para_frac', max: onOrNull(r.dup_para_frac), reason: 'dup_para_frac' },
    { signal: 'dup_para_char_frac', max: onOrNull(r.dup_para_char_frac), reason: 'dup_para_char_frac' },
    { signal: 'dup_line_frac', max: onOrNull(r.dup_line_frac), reason: 'dup_line_frac' },
    { signal: 'dup_line_char_frac', max: onOrNull(r.dup_line_char_frac), reason: 'dup_line_char_frac' },
    ...r.top_n_grams.map(([n, frac]): Bound => ({ signal: topNgramSignal(n), max: frac, reason: topNgramSignal(n) })),
    ...r.dup_n_grams.map(([n, frac]): Bound => ({ signal: dupNgramSignal(n), max: frac, reason: dupNgramSignal(n) })),
  ];
}

const sizes = (all: Rules[], pickList: (r: Rules) => Array<[number, number]>) => [...new Set(all.flatMap((r) => pickList(r).map(([n]) => n)))].sort((a, b) => a - b);

export const gopherRepetition = defineFilter({
  name: 'gopher_repetition',
  description:
    'Gopher repetition rules (datatrove GopherRepetitionFilter): duplicate paragraphs/lines and repeated n-grams; thresholds per language (filters/languages/*.json), words from the language-aware segmenter or spaCy English rules.',
  options: z
    .object({
      ...ruleBaseOptions,
      dup_line_frac: optionalFrac.describe('max share of duplicated lines (datatrove default 0.3)'),
      dup_para_frac: optionalFrac.describe('max share of duplicated paragraphs (0.3)'),
      dup_line_char_frac: optionalFrac.describe('max share of characters in duplicated lines (0.2)'),
      dup_para_char_frac: optionalFrac.describe('max share of characters in duplicated paragraphs (0.2)'),
      top_n_grams: ngramOption.describe('[n, max share of characters in the most frequent n-gram] (default [[2,0.2],[3,0.18],[4,0.16]])'),
      dup_n_grams: ngramOption.describe('[n, max share of characters in repeated n-grams] (default [[5,0.15] … [10,0.1]])'),
    })
    .strict(),
  setup(o, env) {
    const d = GOPHER_REPETITION_DEFAULTS;
    const resolve = ruleResolver(o, env, (cfg): Rules => ({
      dup_line_frac: pick(o.dup_line_frac, cfg.dup_line_frac, d.dup_line_frac),
      dup_para_frac: pick(o.dup_para_frac, cfg.dup_para_frac, d.dup_para_frac),
      dup_line_char_frac: pick(o.dup_line_char_frac, cfg.dup_line_char_frac, d.dup_line_char_frac),
      dup_para_char_frac: pick(o.dup_para_char_frac, cfg.dup_para_char_frac, d.dup_para_char_frac),
      top_n_grams: pick(o.top_n_grams, cfg.top_n_grams, d.top_n_grams) ?? [],
      dup_n_grams: pick(o.dup_n_grams, cfg.dup_n_grams, d.dup_n_grams) ?? [],
    }));
    // Every n-gram size some language's rules use is measured for every document.
    const all = [resolve.base, ...resolve.configured()];
    const rules = repetitionRules(
      sizes(all, (r) => r.top_n_grams),
      sizes(all, (r) => r.dup_n_grams),
    );
    // The resolver keeps one Rules object per language: its bounds are compiled once.
    const compiled = new Map<Rules, CompiledRules>();
    const compile = (r: Rules) => {
      let c = compiled.get(r);
      if (c === undefined) compiled.set(r, (c = rules.compile(bounds(r))));
      return c;
    };
    return {
      signals: rules.specs(compile(resolve.base)),
      check: (doc, signals) => {
        const { rules: r, splitter, view } = resolve(doc);
        return rules.check(new RepetitionDoc(view, splitter), compile(r), signals);
      },
    };
  },
});
