import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { applyVerdict } from '../engine/filter.js';
import type { Barrier } from '../engine/barrier.js';
import { defineBarrierStep } from '../engine/step.js';
import { shardName } from '../engine/task.js';
import { writeFileAtomic } from '../writers/atomic.js';
import { binOf, checkEdges, DEFAULT_EDGES, equalQuotas } from './bins.js';
import { CandidateCollector, readShardIndex, RecordReader } from './candidates.js';
import { renderDatasheet, type SetReport } from './datasheet.js';
import { priorityOf } from './priority.js';
import type { PromptRecord } from './record.js';
import { CandidateMerge, selectLanguage, type StratumReport } from './select.js';
import { SPLIT_META, type SplitMeta } from './split-step.js';
import { writePromptFiles } from './write.js';

export const promptSampleOptions = z
  .object({
    /** Folder of the mined set (full/, small/, report.json, datasheet.md); relative to the config file. */
    out: z.string().min(1),
    /** Set name for the datasheet. */
    name: z.string().min(1).default('prompts'),
    per_language: z.number().int().min(1).default(25_000),
    /** The `small` split per language (PTP: 5,000), a subset of the full one. */
    small: z.number().int().min(0).default(5_000),
    seed: z.number().int().default(0),
    /** Bin edges over [first, last]; default 4 equal-width bins over [0, 1]. */
    edges: z
      .array(z.number())
      .default(DEFAULT_EDGES)
      .superRefine((e, ctx) => {
        try {
          checkEdges(e);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
        }
      }),
    /** Which score the bins read: the full text's (`toxicity`, RTP's rule) or the prompt's. */
    bucket_by: z.enum(['text', 'prompt']).default('text'),
    /** Only these languages (default: every language found). */
    languages: z.array(z.string().min(1)).optional(),
    dedup: z.boolean().default(true),
    /** Extra candidates kept per bin beyond the quota, as a share of it, to replace near-duplicates. */
    dedup_slack: z.number().min(0).max(100).default(1),
    formats: z.array(z.enum(['jsonl', 'parquet'])).min(1).default(['jsonl', 'parquet']),
    /** What flows on to the pipeline's output: the sampled documents, all, or none. */
    keep: z.enum(['selected', 'all', 'none']).default('selected'),
    /** Selection tasks (languages are spread over them by hash). */
    partitions: z.number().int().min(1).max(1024).default(8),
  })
  .strict();

type Options = z.output<typeof promptSampleOptions>;

const NOT_SAMPLED = 'not_sampled';

/** Language files under full/ and small/ that this run did not write (an earlier run's, after --force). */
async function removeStale(outDir: string, files: readonly string[]): Promise<void> {
  const keep = new Set(files);
  for (const split of ['full', 'small']) {
    const names = await readdir(join(outDir, split)).catch(() => [] as string[]);
    await Promise.all(names.filter((n) => !keep.has(join(split, n))).map((n) => rm(join(outDir, split, n), { force: true })));
  }
}

function partitionOf(lang: string, partitions: number): number {
  return priorityOf(0, lang) % partitions;
}

function toRecord(d: { id: string; text: string; url?: string; lang?: string; scores: Record<string, number> }, m: SplitMeta, bucket: number): PromptRecord {
  return {
    id: d.id,
    text: d.text,
    prompt: m.prompt,
    continuation: m.continuation,
    toxicity: d.scores.toxicity,
    prompt_toxicity: d.scores.prompt_toxicity,
    continuation_toxicity: d.scores.continuation_toxicity,
    toxicity_bucket: bucket,
    lang: d.lang ?? 'unknown',
    url: d.url ?? null,
    split_style: m.style,
    text_scored_by: m.text_scored_by,
    scorer: m.scorer,
    scorer_sha256: m.scorer_sha256,
  };
}

interface PartitionReport {
  strata: StratumReport[];
  scorers: Array<{ name: string; sha256: string }>;
  text_scored_by: Record<string, number>;
  files: string[];
}

/**
 * `prompt_sample`: the corpus-wide half of mining. Collect (per shard): each document after
 * `prompt_split` is binned and offered to its (language, bin) bottom-k by hash(seed, id) — memory
 * bounded by the quotas, never by the input. Phase `select` (one task per language partition):
 * shards' candidates merged, near-duplicate prompts skipped, quotas filled, the set written per
 * language. Phase `publish` (one task): report.json and datasheet.md. Apply (per shard): only the
 * sampled documents flow on (or all / none, `keep`).
 */
export const promptSample = defineBarrierStep({
  name: 'prompt_sample',
  description:
    'Sample a toxicity-stratified prompt set (after prompt_split): per language × bin, the quota of documents with the smallest hash(seed, id), near-duplicate prompts removed; writes <out>/full|small/<lang>.jsonl|.parquet, report.json and datasheet.md. Streams: memory bounded by the quotas.',
  options: promptSampleOptions,
  barrier(o: Options, env): Barrier {
    const edges = checkEdges(o.edges);
    const bins = edges.length - 1;
    const quotas = equalQuotas(o.per_language, bins);
    const caps = quotas.map((q) => q + (o.dedup ? Math.ceil(q * o.dedup_slack) : 0));
    const outDir = resolve(env.configDir, o.out);
    const wanted = o.languages ? new Set(o.languages) : undefined;
    const selectOptions = { bins, perLanguage: o.per_language, small: o.small, dedup: o.dedup };
    return {
      collector(ctx) {
        const c = new CandidateCollector(ctx.workDir, ctx.shardIndex, bins, caps);
        let warned = false;
        return {
          observe(doc) {
            const m = doc.metadata[SPLIT_META] as SplitMeta | undefined;
            if (!m) {
              if (!warned) ctx.log.warn('prompt_sample: documents without prompt_split metadata are skipped (put prompt_split before prompt_sample)');
              warned = true;
              return;
            }
            const lang = doc.lang ?? 'unknown';
            if (wanted && !wanted.has(lang)) return;
            const bin = binOf(o.bucket_by === 'text' ? doc.scores.toxicity : doc.scores.prompt_toxicity, edges);
            c.offer(lang, bin, priorityOf(o.seed, doc.id), doc.id, () => toRecord(doc, m, bin));
          },
          finish: () => c.finish(),
        };
      },
      phases: [
        {
          name: 'select',
          tasks: () => o.partitions,
          async run(task, ctx) {
            // one shard index at a time; this task keeps only its own languages' bottom-k
            const merge = new CandidateMerge((l) => partitionOf(l, o.partitions) === task, caps);
            for (let s = 0; s < ctx.shardCount; s++) merge.add(s, await readShardIndex(ctx.workDir, s));
            const { strata, available } = merge;
            const reader = new RecordReader(ctx.workDir);
            const report: PartitionReport = { strata: [], scorers: [], text_scored_by: {}, files: [] };
            const selected: string[] = [];
            const scorers = new Map<string, { name: string; sha256: string }>();
            try {
              for (const lang of [...available.keys()].sort()) {
                const s = selectLanguage(lang, strata.get(lang)!, available.get(lang)!, reader, selectOptions);
                report.strata.push(...s.strata);
                for (const r of s.full) {
                  selected.push(r.id);
                  scorers.set(r.scorer_sha256, { name: r.scorer, sha256: r.scorer_sha256 });
                  report.text_scored_by[r.text_scored_by] = (report.text_scored_by[r.text_scored_by] ?? 0) + 1;
                }
                // written by bin, then priority: the same seed gives the same bytes
                const files = [
                  ...(await writePromptFiles(join(outDir, 'full', lang), s.full, o.formats)),
                  ...(o.small > 0 ? await writePromptFiles(join(outDir, 'small', lang), s.small, o.formats) : []),
                ];
                report.files.push(...files.map((f) => relative(outDir, f)));
              }
            } finally {
              reader.close();
            }
            report.scorers = [...scorers.values()];
            await writeFileAtomic(join(ctx.workDir, 'selected', `${shardName(task)}.json`), JSON.stringify(selected));
            await writeFileAtomic(join(ctx.workDir, 'reports', `${shardName(task)}.json`), JSON.stringify(report));
          },
        },
        {
          name: 'publish',
          tasks: () => 1,
          async run(_task, ctx) {
            const merged: PartitionReport = { strata: [], scorers: [], text_scored_by: {}, files: [] };
            for (let p = 0; p < o.partitions; p++) {
              const r = JSON.parse(await readFile(join(ctx.workDir, 'reports', `${shardName(p)}.json`), 'utf8')) as PartitionReport;
              merged.strata.push(...r.strata);
              for (const s of r.scorers) if (!merged.scorers.some((x) => x.sha256 === s.sha256)) merged.scorers.push(s);
              for (const [k, n] of Object.entries(r.text_scored_by)) merged.text_scored_by[k] = (merged.text_scored_by[k] ?? 0) + n;
              merged.files.push(...r.files);
            }
            await removeStale(outDir, merged.files);
            merged.strata.sort((a, b) => (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : a.bin - b.bin));
            merged.files.sort();
            // the run's work folder is <run>/work/<step>: its run.json names the sources and steps
            // (imported here: run-spec → config → step registry → this module would be a cycle at load)
            const { loadRun } = await import('../engine/run-spec.js');
            const { pipeline } = loadRun(resolve(ctx.workDir, '..', '..'));
            const self = pipeline.steps.findIndex((s) => s.name === 'prompt_sample');
            const report: SetReport = {
              name: o.name,
              created_at: new Date().toISOString(),
              seed: o.seed,
              style: (pipeline.steps.find((s) => s.name === 'prompt_split')?.options as { style?: string } | undefined)?.style ?? 'ptp',
              bucket_by: o.bucket_by,
              edges,
              per_language: o.per_language,
              small: o.small,
              dedup: o.dedup,
              scorers: merged.scorers,
              text_scored_by: merged.text_scored_by,
              sources: pipeline.config.input.paths,
              input_format: pipeline.config.input.format,
              steps: pipeline.steps.slice(0, self).map((s) => ({ name: s.name, options: s.options })),
              strata: merged.strata,
              files: merged.files,
            };
            await writeFileAtomic(join(outDir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
            await writeFileAtomic(join(outDir, 'datasheet.md'), renderDatasheet(report));
          },
        },
      ],
      async applier(ctx) {
        const selected = new Set<string>();
        if (o.keep === 'selected') {
          for (let p = 0; p < o.partitions; p++) {
            for (const id of JSON.parse(await readFile(join(ctx.workDir, 'selected', `${shardName(p)}.json`), 'utf8')) as string[]) selected.add(id);
          }
        }
        return {
          name: 'prompt_sample',
          async *run(docs, sctx) {
            for await (const d of docs) {
              const keep = o.keep === 'all' || (o.keep === 'selected' && selected.has(d.id));
              if (applyVerdict(d, keep ? true : NOT_SAMPLED, 'drop', 'prompt_sample', sctx)) yield d;
            }
          },
        };
      },
    };
  },
});
