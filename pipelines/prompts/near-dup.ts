import { DATATROVE_SIGNATURE, MinHasher } from '../steps/dedup/signature.js';
import { simplifyText } from '../steps/dedup/simplify.js';
import { splitSegmenter } from '../steps/dedup/words.js';

/**
 * Near-duplicate prompts within one language, with the dedup step's MinHash (datatrove's
 * signature: 5-word shingles, 14 bands × 8 rows; words by Intl.Segmenter where a script has no
 * spaces): a prompt sharing any LSH band with an accepted prompt is a near-duplicate. Prompts too
 * short for one shingle fall back to their normalised text.
 */
export class NearDupIndex {
  private readonly hasher = new MinHasher(DATATROVE_SIGNATURE, splitSegmenter);
  private readonly keys = new Set<string>();

  private keysOf(text: string, lang: string | undefined): string[] {
    const sig = this.hasher.signature(text, lang);
    if (!sig) return [`x:${simplifyText(text)}`];
    const { bands, rows } = DATATROVE_SIGNATURE;
    const out: string[] = [];
    for (let b = 0; b < bands; b++) out.push(`${b}:${sig.subarray(2 * b * rows, 2 * (b + 1) * rows).join(',')}`);
    return out;
  }

  /** True when `text` is a near-duplicate of an accepted prompt; otherwise accepts it. */
  seenOrAdd(text: string, lang: string | undefined): boolean {
    const keys = this.keysOf(text, lang);
    if (keys.some((k) => this.keys.has(k))) return true;
    for (const k of keys) this.keys.add(k);
    return false;
  }
}
