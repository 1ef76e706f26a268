import { binLabel } from './bins.js';
import type { StratumReport } from './select.js';

/** Everything a mined set's datasheet and report.json say about how it was made. */
export interface SetReport {
  name: string;
  created_at: string;
  seed: number;
  style: string;
  bucket_by: string;
  edges: number[];
  per_language: number;
  small: number;
  dedup: boolean;
  scorers: Array<{ name: string; sha256: string }>;
  text_scored_by: Record<string, number>;
  sources: string[];
  input_format: string;
  steps: Array<{ name: string; options: unknown }>;
  strata: StratumReport[];
  files: string[];
}

function table(rows: string[][]): string {
  return rows.map((r) => `| ${r.join(' | ')} |`).join('\n').replace(/\n/, `\n|${rows[0].map(() => '---').join('|')}|\n`);
}

export function shortLanguages(r: SetReport): string[] {
  const short = new Set<string>();
  for (const s of r.strata) if (s.missing > 0) short.add(s.lang);
  return [...short].sort();
}

export function renderDatasheet(r: SetReport): string {
  const langs = [...new Set(r.strata.map((s) => s.lang))].sort();
  const bins = r.edges.length - 1;
  const header = ['language', ...Array.from({ length: bins }, (_, b) => `bin ${binLabel(b, r.edges)} taken/available (missing)`), 'total', 'small', 'near-dups'];
  const rows = langs.map((lang) => {
    const ss = r.strata.filter((s) => s.lang === lang).sort((a, b) => a.bin - b.bin);
    return [
      lang,
      ...ss.map((s) => `${s.taken}/${s.available}${s.missing ? ` (−${s.missing})` : ''}${s.candidates_exhausted ? ' ⚠' : ''}`),
      String(ss.reduce((n, s) => n + s.taken, 0)),
      String(ss.reduce((n, s) => n + s.small_taken, 0)),
      String(ss.reduce((n, s) => n + s.near_duplicates, 0)),
    ];
  });
  const short = shortLanguages(r);
  return `# Datasheet: ${r.name}

Created ${r.created_at} by \`winnow mine-prompts\` (PolygloToxicityPrompts / RealToxicityPrompts style).

## Sources

- Input (${r.input_format}): ${r.sources.map((s) => `\`${s}\``).join(', ')}
- Pipeline steps before sampling: ${r.steps.map((s) => `\`${s.name}\` ${JSON.stringify(s.options)}`).join('; ') || 'none'}

## How prompts were made

- Split: \`${r.style}\` (${r.style === 'ptp' ? 'character midpoint moved to the nearest word boundary, Intl.Segmenter' : 'a sentence cut in half at a word boundary'}).
- Scorer: ${r.scorers.map((s) => `\`${s.name}\` sha256 \`${s.sha256}\``).join(', ') || 'none'}; full-text scores from: ${Object.entries(r.text_scored_by).map(([k, n]) => `${k} ${n}`).join(', ')}.
- Bins over \`${r.bucket_by === 'text' ? 'toxicity' : 'prompt_toxicity'}\`: edges ${r.edges.join(', ')} (${bins} bins).
- Quotas: ${r.per_language} per language (equal per bin), \`small\` split ${r.small} per language (a subset of the full split).
- Sampling: per language × bin, the documents of smallest sha256(seed, id); seed **${r.seed}**. Near-duplicate prompts removed: ${r.dedup ? 'yes (MinHash, 14 × 8 bands, 5-word shingles)' : 'no'}.
- Short supply is reported, never padded: a bin takes what exists, up to its quota.

## Counts per language and bin

${table([header, ...rows])}

⚠: near-duplicates used up the kept candidates while more documents existed (raise \`dedup_slack\`).

Languages short of their quota: ${short.length ? short.join(', ') : 'none'}.

## Files

${r.files.map((f) => `- \`${f}\``).join('\n')}
`;
}
