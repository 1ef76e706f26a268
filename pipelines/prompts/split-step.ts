import { z } from 'zod';
import { defaultModelPath, loadLidModel, type LidModel } from '../../filters/langid/model.js';
import { applyVerdict } from '../engine/filter.js';
import { defineStep } from '../engine/step.js';
import { newDocument, type Document } from '../../schemas/document.js';
import { createToxicityScorer, innerContext, modelFile, scorerIdentity } from './scorer.js';
import { splitDocument } from './split.js';

/** What `prompt_split` leaves on each document for `prompt_sample` (in `metadata.prompt_split`). */
export interface SplitMeta {
  prompt: string;
  continuation: string;
  style: 'ptp' | 'rtp';
  text_scored_by: 'input' | 'model';
  scorer: string;
  scorer_sha256: string;
}

export const SPLIT_META = 'prompt_split';
export const TOO_SHORT = 'prompt_too_short';

export const promptSplitOptions = z
  .object({
    /** `ptp`: the character midpoint moved to the nearest word boundary; `rtp`: a sentence cut in half. */
    style: z.enum(['ptp', 'rtp']).default('ptp'),
    /** Shortest prompt and continuation, in characters (shorter: the document makes no prompt). */
    min_chars: z.number().int().min(1).default(32),
    /** Longest part, in characters: longer texts are cut back to 2 × max_chars first (ptp), longer sentences skipped (rtp). */
    max_chars: z.number().int().min(2).default(1000),
    /** Toxicity model (default: the shipped one); relative to the config file. */
    model: z.string().min(1).optional(),
    /** Score the full text again even when the document carries `scores.toxicity`. */
    rescore: z.boolean().default(false),
    batch_size: z.number().int().min(1).max(4096).default(32),
    /** Most windows scored per part (0 = all), as the toxicity step's option. */
    max_windows: z.number().int().min(0).default(0),
  })
  .strict()
  .refine((o) => o.max_chars >= o.min_chars, { message: 'max_chars must be ≥ min_chars' });

type Options = z.output<typeof promptSplitOptions>;

/**
 * `prompt_split`: each document → prompt + continuation (metadata.prompt_split), both scored with
 * the toxicity model (scores.prompt_toxicity, scores.continuation_toxicity); the full text is
 * scored too when it carries no scores.toxicity yet. Documents without `lang` get one from
 * fastText first (splitting and calibration depend on it); documents too short to split are dropped
 * with reason `prompt_too_short`.
 */
export const promptSplit = defineStep({
  name: 'prompt_split',
  description:
    'Split each document into prompt + continuation (PTP: midpoint at a word boundary via Intl.Segmenter; RTP: a sentence cut in half) and score both with the toxicity model (scores.prompt_toxicity / continuation_toxicity; scores.toxicity too when missing). Documents without lang get fastText LID first; too short ones are dropped (prompt_too_short).',
  options: promptSplitOptions,
  scores: () => ['toxicity', 'prompt_toxicity', 'continuation_toxicity'],
  async create(o: Options, env) {
    const file = modelFile(o.model, env.configDir);
    const identity = await scorerIdentity(file);
    const scorer = await createToxicityScorer({ model: file, batch_size: o.batch_size, max_windows: o.max_windows }, env);
    let lid: LidModel | undefined;
    const split = { style: o.style, minChars: o.min_chars, maxChars: o.max_chars };
    return {
      name: 'prompt_split',
      async *run(docs, ctx) {
        // Part documents point back to their document; the scorer keeps order, so a document is
        // complete when its last part comes back.
        const parentOf = new WeakMap<Document, { doc: Document; score: string; last: boolean }>();
        async function* parts(): AsyncIterable<Document> {
          for await (const d of docs) {
            if (!d.lang) {
              lid ??= await loadLidModel(defaultModelPath());
              const top = lid.predict(d.text, 1);
              if (top.length > 0) [d.lang, d.lang_score] = top[0];
            }
            const s = splitDocument(d.text, d.lang, split);
            if (!s) {
              applyVerdict(d, TOO_SHORT, 'drop', 'prompt_split', ctx);
              continue;
            }
            const scoreText = o.rescore || typeof d.scores.toxicity !== 'number';
            const meta: SplitMeta = {
              prompt: s.prompt,
              continuation: s.continuation,
              style: o.style,
              text_scored_by: scoreText ? 'model' : 'input',
              scorer: identity.name,
              scorer_sha256: identity.sha256,
            };
            d.metadata[SPLIT_META] = meta;
            const jobs: Array<[string, string]> = [
              ['prompt_toxicity', s.prompt],
              ['continuation_toxicity', s.continuation],
            ];
            if (scoreText) jobs.push(['toxicity', d.text]);
            for (let i = 0; i < jobs.length; i++) {
              const part = newDocument(`${d.id}#${jobs[i][0]}`, jobs[i][1], { lang: d.lang });
              parentOf.set(part, { doc: d, score: jobs[i][0], last: i === jobs.length - 1 });
              yield part;
            }
          }
        }
        for await (const part of scorer.run(parts(), innerContext(ctx))) {
          const p = parentOf.get(part)!;
          p.doc.scores[p.score] = part.scores.toxicity ?? 0;
          if (p.last) yield p.doc;
        }
      },
      close: () => scorer.close?.() ?? Promise.resolve(),
    };
  },
});
