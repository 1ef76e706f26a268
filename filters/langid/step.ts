import path from 'node:path';
import { z } from 'zod';
import { defineFilter } from '../../pipelines/engine/filter.js';
import { RATIO, signalSpec, type KeepRange } from '../../pipelines/engine/signals.js';
import { decide, thresholdFor, type LanguagePolicy } from './decision.js';
import { defaultModelPath, loadLidModel, normaliseLabel } from './model.js';

const score = z.number().min(0).max(1);

/**
 * fastText language identification (LID-176 by default), as datatrove's LanguageFilter: sets
 * `doc.lang`, `doc.lang_score` and `metadata.lang_topk`, then keeps or drops by language and score.
 */
export const langid = defineFilter({
  name: 'langid',
  description:
    'Identify the language with fastText (lid.176.ftz by default; any fastText LID model via `model`), set lang/lang_score/metadata.lang_topk, and keep documents in `languages` scoring above `threshold` (or `thresholds[lang]`).',
  options: z
    .object({
      /** fastText .bin/.ftz model (lid.176.bin, GlotLID, OpenLID…); relative to the config file. */
      model: z.string().min(1).optional(),
      /** Labels to keep, without `__label__` (`en`, or `eng_Latn` for GlotLID); empty/absent = any. */
      languages: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
      /** Minimum score, compared with `>` as datatrove does. */
      threshold: score.default(0.65),
      /** Per-language minimum scores (FineWeb-2 style), overriding `threshold` for those labels. */
      thresholds: z.record(z.string(), score).default({}),
      /** How many top predictions go into `metadata.lang_topk`. */
      k: z.number().int().min(1).default(3),
    })
    .strict(),
  async setup(o, env) {
    const file = o.model === undefined ? defaultModelPath() : path.resolve(env.configDir, o.model);
    const model = await loadLidModel(file);
    const list = o.languages === undefined ? [] : typeof o.languages === 'string' ? [o.languages] : o.languages;
    const policy: LanguagePolicy = {
      languages: list.length === 0 ? null : new Set(list.map(normaliseLabel)),
      threshold: o.threshold,
      thresholds: new Map(Object.entries(o.thresholds).map(([l, t]) => [normaliseLabel(l), t])),
    };
    const k = o.k;
    env.log.debug('langid model loaded', { model: file });
    // Signals are counted under the identified language. A language outside `languages` is dropped
    // whatever its score: an empty range (min > max) says so. (With thresholds below 0.5 a document
    // may also pass on a listed language further down its top-k; the ranges leave that out.)
    const ranges = new Map<string, KeepRange>();
    const rangeFor = (lang: string): KeepRange => {
      let r = ranges.get(lang);
      if (r === undefined) {
        const listed = policy.languages === null || policy.languages.has(lang);
        ranges.set(lang, (r = listed ? { min: thresholdFor(policy, lang), max: null } : { min: 1, max: 0 }));
      }
      return r;
    };
    return {
      signals: { lang_score: signalSpec(RATIO, { min: o.threshold, max: null }) },
      check: (doc, signals) => {
        const top = model.predict(doc.text, k);
        doc.lang = top[0][0];
        doc.lang_score = top[0][1];
        doc.metadata.lang_topk = top;
        signals.record('lang_score', doc.lang_score, rangeFor(doc.lang));
        return decide(top, k, policy, (min) => model.predict(doc.text, -1, min));
      },
    };
  },
});
