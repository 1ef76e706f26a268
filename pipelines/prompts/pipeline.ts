import { isAbsolute, resolve } from 'node:path';
import { stringify } from 'yaml';

/**
 * `winnow mine-prompts` as a pipeline: [extract] → prompt_split → prompt_sample, over any input
 * winnow reads, run by the same engine and executors as `winnow run`. The YAML is written into the
 * set's folder, so a set can be remade (or resumed) with `winnow run <out>/mine-prompts.yaml`.
 */
export interface MineOptions {
  input: string[];
  format?: string;
  out: string;
  perLanguage: number;
  small: number;
  seed: number;
  edges: number[];
  style: 'ptp' | 'rtp';
  minChars: number;
  maxChars: number;
  bucketBy: 'text' | 'prompt';
  model?: string;
  /** Score the full text with the model even when a document carries `scores.toxicity`. */
  rescore?: boolean;
  languages?: string[];
  dedup: boolean;
  keep: 'selected' | 'all' | 'none';
  workers?: number;
  name?: string;
}

/** The input format from the file names (`--format` overrides). */
export function guessFormat(paths: readonly string[]): string {
  const p = paths[0].toLowerCase().replace(/\.(gz|zst)$/, '');
  if (p.endsWith('.parquet')) return 'parquet';
  if (p.endsWith('.warc')) return 'warc';
  if (p.endsWith('.wet')) return 'wet';
  if (p.endsWith('.html') || p.endsWith('.htm')) return 'html';
  return 'jsonl';
}

export function minePipelineYaml(o: MineOptions, cwd = process.cwd()): string {
  const format = o.format ?? guessFormat(o.input);
  const steps: Array<Record<string, unknown>> = [];
  // HTML-carrying inputs need their main text first
  if (format === 'warc' || format === 'html') steps.push({ extract: {} });
  steps.push({
    prompt_split: {
      style: o.style,
      min_chars: o.minChars,
      max_chars: o.maxChars,
      ...(o.model ? { model: resolve(cwd, o.model) } : {}),
      ...(o.rescore ? { rescore: true } : {}),
    },
  });
  steps.push({
    prompt_sample: {
      out: '.',
      name: o.name ?? 'prompts',
      per_language: o.perLanguage,
      small: o.small,
      seed: o.seed,
      edges: o.edges,
      bucket_by: o.bucketBy,
      ...(o.languages ? { languages: o.languages } : {}),
      dedup: o.dedup,
      keep: o.keep,
    },
  });
  const config = {
    name: o.name ?? 'mine-prompts',
    input: { format, paths: o.input.map((p) => (/^https?:\/\//.test(p) || isAbsolute(p) ? p : resolve(cwd, p))) },
    steps,
    output: { format: 'parquet', path: 'documents' },
    ...(o.workers !== undefined ? { executor: { workers: o.workers } } : {}),
  };
  return `# written by winnow mine-prompts; rerun with \`winnow run\` on this file\n${stringify(config)}`;
}
