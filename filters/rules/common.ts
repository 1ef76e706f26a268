/**
 * What every rule-set step shares: the `language` / `tokenizer` / `language_config` options, the
 * choice of language per document, and per-language resolution of thresholds (step option, else the
 * language's config, else datatrove's default), cached per language.
 */
import path from 'node:path';
import { z } from 'zod';
import type { Document } from '../../schemas/document.js';
import type { StepEnv } from '../../pipelines/engine/step.js';
import { languageConfigs, normaliseLanguage, type LanguageConfig } from '../config/languages.js';
import { splitterFor, TOKENIZER_NAMES, type TokenizerName, type WordSplitter } from '../text/tokenizers.js';
import { viewOf, type TextView } from '../text/view.js';

export const ruleBaseOptions = {
  language: z.string().min(1).default('en').describe('language when the document has none (doc.lang from langid wins); datatrove uses English'),
  tokenizer: z
    .enum(TOKENIZER_NAMES)
    .default('auto')
    .describe('auto: Intl.Segmenter words/sentences for the document language; spacy_en: spaCy English rules (datatrove parity)'),
  language_config: z.string().min(1).optional().describe('JSON file or folder of per-language settings merged over the shipped ones'),
};

/** A threshold that Python treats as "off" when None or 0 (datatrove checks `if self.x and …`). */
export const optionalFrac = z.number().min(0).nullable().optional();
export const ngramOption = z.array(z.tuple([z.number().int().min(1), z.number().min(0)])).optional();

export interface RuleBase {
  language: string;
  tokenizer: TokenizerName;
  language_config?: string;
}

export interface DocRules<R> {
  lang: string;
  rules: R;
  splitter: WordSplitter;
  view: TextView;
}

/** Resolves a document's rules; also gives the step's own rules and every configured language's. */
export interface RuleResolver<R> {
  (doc: Document): DocRules<R>;
  /** The step's rules for a language without a config: its options over datatrove's defaults. */
  readonly base: R;
  /** The rules of every language with a config (to declare every signal some language uses). */
  configured(): R[];
}

/**
 * Builds the per-document resolver: `build(config)` turns the language's config (undefined when the
 * language has none) into the step's resolved rules once per language.
 */
export function ruleResolver<R>(o: RuleBase, env: StepEnv, build: (cfg: LanguageConfig) => R): RuleResolver<R> {
  const configs = languageConfigs(o.language_config === undefined ? undefined : path.resolve(env.configDir, o.language_config));
  const perLang = new Map<string, { rules: R; splitter: WordSplitter }>();
  const fallback = normaliseLanguage(o.language);
  const resolve = (doc: Document): DocRules<R> => {
    const lang = doc.lang === undefined || doc.lang === '' ? fallback : normaliseLanguage(doc.lang);
    let entry = perLang.get(lang);
    if (entry === undefined) {
      entry = { rules: build(configs.get(lang) ?? {}), splitter: splitterFor(o.tokenizer, lang) };
      perLang.set(lang, entry);
    }
    return { lang, rules: entry.rules, splitter: entry.splitter, view: viewOf(doc) };
  };
  return Object.assign(resolve, { base: build({}), configured: () => [...configs.values()].map(build) });
}

/** First defined of: the step option, the language config value, datatrove's default. */
export function pick<T>(option: T | null | undefined, fromConfig: T | undefined, fallback: T): T | null {
  if (option !== undefined) return option;
  if (fromConfig !== undefined) return fromConfig;
  return fallback;
}

/** Python truthiness of a numeric threshold: None and 0 switch a check off (null here). */
export function onOrNull(x: number | null | undefined): number | null {
  return x === null || x === undefined || x === 0 ? null : x;
}
