import * as arrow from 'apache-arrow';
import { Float64Column, Utf8Column } from '../writers/columns.js';
import type { RowBatch } from '../writers/parquet.js';

/**
 * One row of a mined prompt set. Names follow PolygloToxicityPrompts' dataset card (`text`,
 * `prompt`, `continuation`, `toxicity`, `prompt_toxicity`, `continuation_toxicity`,
 * `toxicity_bucket`, `lang`, `url`), which RealToxicityPrompts users also recognise; PTP's
 * Perspective API struct is replaced by our scorer's probability plus the scorer's name and hash.
 * The mapping to RTP's nested `prompt.text`/`prompt.toxicity` is documented in the README.
 */
export interface PromptRecord {
  /** `<source id>` — unique within a set. */
  id: string;
  text: string;
  prompt: string;
  continuation: string;
  toxicity: number;
  prompt_toxicity: number;
  continuation_toxicity: number;
  /** Bin index of `toxicity_by` (0 = least toxic). */
  toxicity_bucket: number;
  lang: string;
  url: string | null;
  /** `ptp` (midpoint at a word boundary) or `rtp` (a sentence cut in half). */
  split_style: string;
  /** Where `toxicity` came from: `input` (the document carried it) or `model`. */
  text_scored_by: string;
  scorer: string;
  scorer_sha256: string;
}

export const PROMPT_COLUMNS: ReadonlyArray<{ name: keyof PromptRecord; type: 'string' | 'double' | 'int' }> = [
  { name: 'id', type: 'string' },
  { name: 'text', type: 'string' },
  { name: 'prompt', type: 'string' },
  { name: 'continuation', type: 'string' },
  { name: 'toxicity', type: 'double' },
  { name: 'prompt_toxicity', type: 'double' },
  { name: 'continuation_toxicity', type: 'double' },
  { name: 'toxicity_bucket', type: 'int' },
  { name: 'lang', type: 'string' },
  { name: 'url', type: 'string' },
  { name: 'split_style', type: 'string' },
  { name: 'text_scored_by', type: 'string' },
  { name: 'scorer', type: 'string' },
  { name: 'scorer_sha256', type: 'string' },
];

/** Prompt records column-wise for the Parquet row writer (strings encoded on arrival, as documents are). */
export class PromptBatch implements RowBatch<PromptRecord> {
  private readonly strings = new Map<string, Utf8Column>();
  private readonly doubles = new Map<string, Float64Column>();
  private ints = new Map<string, number[]>();
  length = 0;

  constructor() {
    for (const c of PROMPT_COLUMNS) {
      if (c.type === 'string') this.strings.set(c.name, new Utf8Column());
      else if (c.type === 'double') this.doubles.set(c.name, new Float64Column());
      else this.ints.set(c.name, []);
    }
  }

  add(r: PromptRecord): void {
    for (const [name, col] of this.strings) col.push(r[name as keyof PromptRecord] as string | null);
    for (const [name, col] of this.doubles) col.push(r[name as keyof PromptRecord] as number);
    for (const [name, col] of this.ints) col.push(r[name as keyof PromptRecord] as number);
    this.length++;
  }

  take(): arrow.Table {
    const vectors: Record<string, arrow.Vector> = {};
    for (const c of PROMPT_COLUMNS) {
      if (c.type === 'string') vectors[c.name] = arrow.makeVector(this.strings.get(c.name)!.take());
      else if (c.type === 'double') vectors[c.name] = arrow.makeVector(this.doubles.get(c.name)!.take());
      else vectors[c.name] = arrow.makeVector(Int32Array.from(this.ints.get(c.name)!));
    }
    for (const k of this.ints.keys()) this.ints.set(k, []);
    this.length = 0;
    return new arrow.Table(vectors);
  }
}
