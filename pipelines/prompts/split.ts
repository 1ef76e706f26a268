/**
 * Documents → (prompt, continuation) pairs, in the two published styles:
 *
 * - `ptp` (PolygloToxicityPrompts): the text cut at its character midpoint, moved to the nearest
 *   word boundary that `Intl.Segmenter` finds (so Chinese, Japanese and Thai split between words).
 * - `rtp` (RealToxicityPrompts): the first sentence of acceptable length, cut in half the same way.
 *
 * Parts shorter than `minChars` make no pair; texts longer than 2 × `maxChars` are first cut back
 * to their leading 2 × `maxChars` characters (at a word boundary), so no part exceeds `maxChars`
 * by more than a word.
 */
export type SplitStyle = 'ptp' | 'rtp';

export interface SplitOptions {
  style: SplitStyle;
  minChars: number;
  maxChars: number;
}

export interface PromptSplit {
  prompt: string;
  continuation: string;
}

/** Characters either side of the target segmented first (segmenting a whole long text is slow); widened when no boundary is inside. */
const WINDOW = 64;

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(lang: string | undefined, granularity: 'word' | 'sentence'): Intl.Segmenter {
  const key = `${granularity}:${lang ?? ''}`;
  let s = segmenters.get(key);
  if (!s) {
    let locale: string | undefined;
    try {
      locale = lang ? Intl.getCanonicalLocales(lang)[0] : undefined;
    } catch {
      locale = undefined; // a fastText label that is no BCP 47 tag: the root locale's rules
    }
    segmenters.set(key, (s = new Intl.Segmenter(locale, { granularity })));
  }
  return s;
}

/**
 * The word boundary of `text` nearest to `target` (ties go to the earlier one), never 0 or
 * text.length; undefined when the text has no inner boundary (one word).
 */
export function nearestWordBoundary(text: string, target: number, lang?: string, window = WINDOW): number | undefined {
  const from = Math.max(0, target - window);
  const to = Math.min(text.length, target + window);
  const slice = text.slice(from, to);
  let best: number | undefined;
  for (const seg of segmenter(lang, 'word').segment(slice)) {
    // the slice's own edges are boundaries only where they are the text's edges
    if (seg.index === 0) continue;
    const at = from + seg.index;
    if (at <= 0 || at >= text.length) continue;
    if (best === undefined || Math.abs(at - target) < Math.abs(best - target)) best = at;
  }
  if (best === undefined && (from > 0 || to < text.length)) return nearestWordBoundary(text, target, lang, window * 8);
  return best;
}

/** Cuts `text` at the word boundary nearest its midpoint; whitespace at the cut goes with neither part. */
export function splitAtMidpoint(text: string, lang?: string): PromptSplit | undefined {
  const at = nearestWordBoundary(text, Math.floor(text.length / 2), lang);
  if (at === undefined) return undefined;
  const prompt = text.slice(0, at).trimEnd();
  const continuation = text.slice(at).trimStart();
  if (!prompt || !continuation) return undefined;
  return { prompt, continuation };
}

function clip(text: string, max: number, lang?: string): string {
  if (text.length <= max) return text;
  const at = nearestWordBoundary(text, max, lang);
  return text.slice(0, at !== undefined && at <= max ? at : max).trimEnd();
}

function fits(s: PromptSplit | undefined, o: SplitOptions): s is PromptSplit {
  return !!s && s.prompt.length >= o.minChars && s.continuation.length >= o.minChars;
}

export function splitDocument(text: string, lang: string | undefined, o: SplitOptions): PromptSplit | undefined {
  const t = text.trim();
  if (o.style === 'ptp') {
    const s = splitAtMidpoint(clip(t, 2 * o.maxChars, lang), lang);
    return fits(s, o) ? s : undefined;
  }
  for (const seg of segmenter(lang, 'sentence').segment(t)) {
    const sentence = seg.segment.trim();
    if (sentence.length < 2 * o.minChars || sentence.length > 2 * o.maxChars) continue;
    const s = splitAtMidpoint(sentence, lang);
    if (fits(s, o)) return s;
  }
  return undefined;
}
