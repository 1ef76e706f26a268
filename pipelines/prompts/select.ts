import { BottomK, byPriority } from './priority.js';
import { NearDupIndex } from './near-dup.js';
import { equalQuotas } from './bins.js';
import type { Candidate, RecordReader, ShardIndex } from './candidates.js';
import type { PromptRecord } from './record.js';

/** What one language × bin had, got and lacks: the table a team reads to see where to crawl more. */
export interface StratumReport {
  lang: string;
  bin: number;
  /** Documents of this language and bin that made a prompt (before near-duplicate removal). */
  available: number;
  quota: number;
  taken: number;
  /** quota − taken: never padded from elsewhere. */
  missing: number;
  /** Prompts passed over as near-duplicates of an accepted one. */
  near_duplicates: number;
  small_quota: number;
  small_taken: number;
  /** True when near-duplicates used up the kept candidates while more documents existed (raise dedup_slack). */
  candidates_exhausted: boolean;
}

export interface LanguageSample {
  lang: string;
  full: PromptRecord[];
  small: PromptRecord[];
  strata: StratumReport[];
}

export interface SelectOptions {
  bins: number;
  perLanguage: number;
  small: number;
  dedup: boolean;
}

/** Per (language, bin) bottom-k over all shards' candidates of the wanted languages, and their supply. */
export class CandidateMerge {
  readonly strata = new Map<string, Array<BottomK<Candidate>>>();
  readonly available = new Map<string, number[]>();

  constructor(
    private readonly wanted: (lang: string) => boolean,
    private readonly caps: readonly number[],
  ) {}

  /** Folds in one shard's index (which can then be dropped: memory stays at the merged bottom-k). */
  add(shard: number, idx: ShardIndex): void {
    for (const [lang, counts] of Object.entries(idx.available)) {
      if (!this.wanted(lang)) continue;
      const a = this.available.get(lang) ?? new Array<number>(this.caps.length).fill(0);
      counts.forEach((n, b) => (a[b] += n));
      this.available.set(lang, a);
      if (!this.strata.has(lang)) this.strata.set(lang, this.caps.map((k) => new BottomK<Candidate>(k)));
    }
    for (const [lang, bin, pri, id, off, len] of idx.candidates) {
      if (this.wanted(lang)) this.strata.get(lang)![bin].offer({ pri, id, shard, off, len });
    }
  }
}

/**
 * One language's sample: candidates in priority order over all bins; each is taken while its bin
 * is under quota and its prompt is no near-duplicate of one already taken. The `small` split is
 * each bin's first `small` quota of the full sample (so small ⊂ full, as in PTP).
 */
export function selectLanguage(
  lang: string,
  strata: Array<BottomK<Candidate>>,
  available: number[],
  reader: RecordReader,
  o: SelectOptions,
): LanguageSample {
  const quotas = equalQuotas(o.perLanguage, o.bins);
  const smallQuotas = equalQuotas(Math.min(o.small, o.perLanguage), o.bins);
  const all = strata.flatMap((s, bin) => s.sorted().map((c) => ({ c, bin }))).sort((a, b) => byPriority(a.c, b.c));
  const taken: PromptRecord[][] = quotas.map(() => []);
  const dups = quotas.map(() => 0);
  const seen = new NearDupIndex();
  for (const { c, bin } of all) {
    if (taken[bin].length >= quotas[bin]) continue;
    const r = reader.read(c);
    if (o.dedup && seen.seenOrAdd(r.prompt, lang)) {
      dups[bin]++;
      continue;
    }
    taken[bin].push(r);
  }
  const reports: StratumReport[] = quotas.map((quota, bin) => ({
    lang,
    bin,
    available: available[bin] ?? 0,
    quota,
    taken: taken[bin].length,
    missing: quota - taken[bin].length,
    near_duplicates: dups[bin],
    small_quota: smallQuotas[bin],
    small_taken: Math.min(smallQuotas[bin], taken[bin].length),
    candidates_exhausted: taken[bin].length < quota && (available[bin] ?? 0) > strata[bin].size,
  }));
  return { lang, full: taken.flat(), small: taken.flatMap((t, bin) => t.slice(0, smallQuotas[bin])), strata: reports };
}
