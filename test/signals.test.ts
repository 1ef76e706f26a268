/**
 * Signals: histograms of what each filter measures, in stats.json. Real runs through the CLI (and
 * steps driven as the engine drives them), compared with values recomputed here from the documents.
 */
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { KEEP } from '../pipelines/engine/filter.js';
import { SignalCounter, UndeclaredSignalError } from '../pipelines/engine/signals.js';
import type { StepDefinition, StreamStepDefinition } from '../pipelines/engine/step.js';
import { loadDeclaration } from '../pipelines/examples/udhr-source.js';
import { textLength } from '../pipelines/steps/text-length.js';
import { newDocument, type Document } from '../schemas/document.js';
import { emptyStepStats, signalBin, signalEdge, type SignalSpec, type SignalStats } from '../schemas/stats.js';
import { c4 } from '../filters/rules/c4.js';
import { finewebQuality } from '../filters/rules/fineweb-quality.js';
import { gopherQuality } from '../filters/rules/gopher-quality.js';
import { gopherRepetition } from '../filters/rules/gopher-repetition.js';
import { TERMINAL_PUNCTUATION } from '../filters/rules/punctuation.js';
import { langid } from '../filters/langid/step.js';
import { repoRoot, winnow } from './helpers/cli.js';
import { makeStep, recordingLogger, runStep } from './helpers/step.js';
import { tempDir } from './helpers/tmp.js';

const log = recordingLogger();

const UDHR: Record<string, string> = { en: 'eng', de: 'deu_1996', fr: 'fra', ja: 'jpn', ru: 'rus', es: 'spa' };

/** Paragraphs of a UDHR translation (preamble and articles, list items as lines). */
function paragraphs(lang: string): string[] {
  const out: string[] = [];
  for (const s of loadDeclaration(UDHR[lang]).sections) for (const b of s.blocks) out.push(b.kind === 'p' ? b.text : b.items.join('\n'));
  return out;
}

/**
 * Documents of every shape the rules look at, per language: short articles, long prose, repeated
 * lines and paragraphs, bullets, hashes, ellipses, lorem ipsum, "{", javascript lines, empty text.
 */
function corpus(): Array<{ id: string; lang: string; text: string }> {
  const docs: Array<{ id: string; lang: string; text: string }> = [];
  for (const lang of Object.keys(UDHR)) {
    const p = paragraphs(lang);
    const add = (kind: string, text: string) => docs.push({ id: `${lang}-${kind}-${docs.length}`, lang, text });
    for (let i = 1; i < 12; i++) add('article', p[i]);
    for (let i = 0; i < 4; i++) add('prose', p.slice(i * 6, i * 6 + 6).join('\n\n'));
    add('dup-lines', [p[1], p[2], p[1], p[3], p[1], p[2]].join('\n'));
    add('dup-paras', [p[4], p[5], p[4], p[4]].join('\n\n'));
    add('bullets', p.slice(5, 15).map((x) => `- ${x}`).join('\n'));
    add('hashes', p.slice(2, 6).map((x) => `# ${x} #tag #tag`).join('\n'));
    add('ellipsis', p.slice(6, 12).map((x) => `${x.slice(0, 60)}...`).join('\n'));
    add('lorem', [...p.slice(0, 3), 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.', ...p.slice(3, 9)].join('\n'));
    add('curly', [...p.slice(0, 4), 'var x = { a: 1 }; this is code, it goes on.', ...p.slice(4, 10)].join('\n'));
    add('script', [...p.slice(0, 6), 'Please enable JavaScript in your browser to continue.', ...p.slice(6, 9)].join('\n'));
    add('short-lines', p.slice(0, 20).map((x) => x.split(/\s+/).slice(0, 3).join(' ')).join('\n'));
    add('repeated-ngrams', `${p[1]} ${'the same words again and again '.repeat(20)}`);
    add('empty', '');
  }
  return docs;
}

/** The spec of a signal without its histograms (the layout and keep range). */
function specOf(s: SignalStats): SignalSpec {
  const { by_lang: _, ...spec } = s;
  return spec;
}

/** Counts values per language into histograms laid out as `spec`, independently of the engine. */
function histogram(spec: SignalSpec, values: Array<[string, number]>): Record<string, { counts: number[]; nan: number }> {
  const out: Record<string, { counts: number[]; nan: number }> = {};
  for (const [lang, v] of values) {
    const h = (out[lang] ??= { counts: new Array<number>(spec.bins).fill(0), nan: 0 });
    if (Number.isNaN(v)) h.nan++;
    else h.counts[signalBin(spec, v)]++;
  }
  return out;
}

function countsOnly(s: SignalStats): Record<string, { counts: number[]; nan: number }> {
  return Object.fromEntries(Object.entries(s.by_lang).map(([l, h]) => [l, { counts: h.counts, nan: h.nan }]));
}

// Recomputed here from the definitions, not with the filters' code.
const dupLineFrac = (text: string) => {
  const lines = text.split(/\n+/);
  const seen = new Set<string>();
  let dups = 0;
  for (const l of lines) if (seen.has(l)) dups++;
  else seen.add(l);
  return dups / lines.length;
};
const nonBlankLines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
const linePunctRatio = (text: string) => {
  const lines = nonBlankLines(text);
  return lines.length === 0 ? NaN : lines.filter((l) => TERMINAL_PUNCTUATION.some((p) => l.endsWith(p))).length / lines.length;
};
const bulletLinesRatio = (text: string) => {
  const lines = text === '' ? [] : text.split('\n');
  return lines.length === 0 ? NaN : lines.filter((l) => /^\s*[•-]/.test(l)).length / lines.length;
};

interface OutDoc {
  id: string;
  text: string;
  lang?: string;
  lang_score?: number;
  decisions: Record<string, string>;
}

async function readOutput(dir: string): Promise<OutDoc[]> {
  const docs: OutDoc[] = [];
  for (const f of (await readdir(dir)).filter((f) => /^part-\d{5}\.jsonl$/.test(f)).sort()) {
    for (const line of (await readFile(join(dir, f), 'utf8')).split('\n')) if (line) docs.push(JSON.parse(line) as OutDoc);
  }
  return docs;
}

const PIPELINE = `name: signals
input: { format: jsonl, paths: ["in/*.jsonl"] }
steps:
  - langid: { mode: annotate, languages: [en, de, fr, ja, ru], thresholds: { de: 0.9 } }
  - text_length: { min_chars: 1, max_chars: 5000, mode: annotate }
  - gopher_repetition: { mode: annotate }
  - gopher_quality: { mode: annotate }
  - fineweb_quality: { mode: annotate }
output: { format: jsonl, compression: none, path: out }
`;

/** Writes the corpus (without languages: langid finds them) into `files` JSONL files and runs the pipeline. */
async function runCorpus(files: number): Promise<{ stats: { steps: Record<string, { in: { docs: number }; signals?: Record<string, SignalStats> }> }; out: OutDoc[] }> {
  const dir = await tempDir();
  await mkdir(join(dir, 'in'));
  const docs = corpus();
  for (let f = 0; f < files; f++) {
    const part = docs.filter((_, i) => i % files === f);
    await writeFile(join(dir, 'in', `part-${f}.jsonl`), part.map((d) => JSON.stringify({ id: d.id, text: d.text })).join('\n') + '\n');
  }
  await writeFile(join(dir, 'pipeline.yaml'), PIPELINE);
  const r = winnow(['run', join(dir, 'pipeline.yaml'), '--workers', '2']);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  return { stats: JSON.parse(await readFile(join(dir, 'out', 'stats.json'), 'utf8')), out: await readOutput(join(dir, 'out')) };
}

describe('signals in a run (CLI)', () => {
  let single: Awaited<ReturnType<typeof runCorpus>>;
  let sharded: Awaited<ReturnType<typeof runCorpus>>;

  it('histograms equal the values recomputed from the documents, per language', async () => {
    single = await runCorpus(1);
    const { stats, out } = single;
    assert.equal(out.length, corpus().length, 'annotate mode keeps every document');
    const key = (d: OutDoc) => d.lang ?? 'unknown';
    const expected: Array<[string, string, (d: OutDoc) => number]> = [
      ['langid', 'lang_score', (d) => d.lang_score as number],
      ['text_length', 'length', (d) => d.text.length],
      ['gopher_repetition', 'dup_line_frac', (d) => dupLineFrac(d.text)],
      ['gopher_quality', 'bullet_lines_ratio', (d) => bulletLinesRatio(d.text)],
      ['fineweb_quality', 'lines', (d) => nonBlankLines(d.text).length],
      ['fineweb_quality', 'line_punct_ratio', (d) => linePunctRatio(d.text)],
    ];
    for (const [step, name, value] of expected) {
      const s = stats.steps[step].signals?.[name];
      assert.ok(s, `${step}.${name} is in stats.json`);
      assert.deepEqual(countsOnly(s), histogram(specOf(s), out.map((d) => [key(d), value(d)])), `${step}.${name}`);
    }
    // Every declared signal counts each document that entered the step once (NaN included).
    for (const [step, st] of Object.entries(stats.steps)) {
      for (const [name, s] of Object.entries(st.signals ?? {})) {
        let n = 0;
        for (const h of Object.values(s.by_lang)) n += h.counts.reduce((a, b) => a + b, 0) + h.nan;
        assert.equal(n, st.in.docs, `${step}.${name}: documents counted`);
      }
    }
    // The histograms are not trivially empty: several languages, values in several bins.
    const ls = stats.steps.langid.signals!.lang_score;
    assert.ok(Object.keys(ls.by_lang).length >= 5, Object.keys(ls.by_lang).join());
    const dl = stats.steps.gopher_repetition.signals!.dup_line_frac.by_lang.en.counts;
    assert.ok(dl.filter((c) => c > 0).length >= 2);
  });

  it('keep ranges: the step options and defaults, per-language overrides where they differ', () => {
    const sig = (step: string, name: string) => single.stats.steps[step].signals![name];
    const ls = sig('langid', 'lang_score');
    assert.equal(ls.min, 0.65);
    assert.equal(ls.max, null);
    assert.equal(ls.by_lang.de.min, 0.9, 'thresholds.de');
    assert.equal(ls.by_lang.en.min, undefined, 'English uses the step threshold');
    // Spanish is not among `languages`: dropped whatever the score (an empty range).
    assert.deepEqual([ls.by_lang.es.min, ls.by_lang.es.max], [1, 0]);
    assert.deepEqual([sig('text_length', 'length').min, sig('text_length', 'length').max], [1, 5000]);
    const dl = sig('gopher_repetition', 'dup_line_frac');
    assert.equal(dl.max, 0.3);
    assert.equal(dl.by_lang.ja.max, 0.375, 'filters/languages/ja.json');
    assert.equal(dl.by_lang.en.max, undefined);
    assert.equal(sig('gopher_repetition', 'dup_para_frac').by_lang.de.max, null, 'FineWeb-2 turns dup_para_frac off for German');
    const words = sig('gopher_quality', 'words');
    assert.deepEqual([words.min, words.max, words.scale], [50, 100000, 'log']);
    const avg = sig('gopher_quality', 'avg_word_length');
    assert.deepEqual([avg.by_lang.ja.min, avg.by_lang.ja.max], [1, 5]);
    assert.equal(sig('gopher_quality', 'alpha_words_ratio').min, 0.8);
    assert.equal(sig('fineweb_quality', 'char_dup_ratio').max, 0.01);
    assert.equal(sig('fineweb_quality', 'char_dup_ratio').by_lang.fr.max, 0.1);
  });

  it('a run over three shards merges into exactly the histograms of one shard', async () => {
    sharded = await runCorpus(3);
    for (const step of ['langid', 'text_length', 'gopher_repetition', 'gopher_quality', 'fineweb_quality']) {
      assert.ok(sharded.stats.steps[step].signals, step);
      assert.deepEqual(sharded.stats.steps[step].signals, single.stats.steps[step].signals, step);
    }
  });
});

/** The measuring steps of the bundled example and their signals; the others measure nothing. */
const EXAMPLE_SIGNALS: Record<string, string[]> = {
  langid: ['lang_score'],
  gopher_repetition: ['dup_para_frac', 'dup_para_char_frac', 'dup_line_frac', 'dup_line_char_frac', 'top_2_gram', 'top_3_gram', 'top_4_gram',
    ...[5, 6, 7, 8, 9, 10].map((n) => `duplicated_${n}_n_grams`)],
  gopher_quality: ['words', 'avg_word_length', 'hash_word_ratio', 'ellipsis_word_ratio', 'bullet_lines_ratio', 'end_ellipsis_lines_ratio', 'alpha_words_ratio', 'stop_words'],
  fineweb_quality: ['lines', 'line_punct_ratio', 'short_line_ratio', 'char_dup_ratio', 'list_ratio'],
  toxicity: ['toxicity', 'toxicity_mean'],
};
const EXAMPLE_UNMEASURED = ['extract', 'pii', 'exact_dedup', 'minhash_dedup'];

test('the bundled example writes signals for every filter step it runs', async () => {
  const yamlFile = join(repoRoot, 'pipelines', 'example.yaml');
  const steps = (parseYaml(await readFile(yamlFile, 'utf8')) as { steps: Array<Record<string, unknown>> }).steps.map((s) => Object.keys(s)[0]);
  for (const s of steps) assert.ok(s in EXAMPLE_SIGNALS || EXAMPLE_UNMEASURED.includes(s), `example step ${s}: expected signals unknown to this test`);
  const dir = await tempDir();
  const r = winnow(['run', yamlFile, '--out', join(dir, 'out'), '--excluded', join(dir, 'out', 'excluded')]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const stats = JSON.parse(await readFile(join(dir, 'out', 'stats.json'), 'utf8')) as { steps: Record<string, { in: { docs: number }; signals?: Record<string, SignalStats> }> };
  for (const s of steps) {
    const st = stats.steps[s];
    if (EXAMPLE_UNMEASURED.includes(s)) {
      assert.equal(st.signals, undefined, s);
      continue;
    }
    assert.deepEqual(Object.keys(st.signals ?? {}).sort(), [...EXAMPLE_SIGNALS[s]].sort(), s);
    assert.ok(st.in.docs > 0, s);
    for (const [name, sig] of Object.entries(st.signals!)) {
      let n = 0;
      for (const h of Object.values(sig.by_lang)) n += h.counts.reduce((a, b) => a + b, 0) + h.nan;
      assert.equal(n, st.in.docs, `${s}.${name}`);
    }
  }
  // Documents of many languages reach the rules: per-language histograms, with their own ranges.
  const dl = stats.steps.gopher_repetition.signals!.dup_line_frac;
  assert.ok(Object.keys(dl.by_lang).length >= 10, Object.keys(dl.by_lang).join());
  assert.equal(dl.by_lang.ja?.max, 0.375);
  // Only the non-NaN mass of lang_score: every document gets a score.
  const ls = stats.steps.langid.signals!.lang_score;
  assert.equal(Object.values(ls.by_lang).reduce((a, h) => a + h.nan, 0), 0);
});

type RuleCase = [StepDefinition, Record<string, unknown>];

function stream(def: StepDefinition): StreamStepDefinition {
  if (!('create' in def)) throw new Error(`${def.name} is not a stream step`);
  return def;
}

describe('verdicts do not depend on signals', () => {
  const docs = corpus();
  const cases: RuleCase[] = [];
  for (const tokenizer of ['spacy_en', 'auto']) {
    cases.push([gopherRepetition, { tokenizer }], [gopherQuality, { tokenizer }], [finewebQuality, { tokenizer }], [c4, { tokenizer }]);
    cases.push([c4, { tokenizer, filter_no_terminal_punct: false }], [finewebQuality, { tokenizer, line_punct_exclude_zero: true }]);
  }
  cases.push([textLength, { min_chars: 100, max_chars: 2000 }]);

  for (const [def, options] of cases) {
    it(`${def.name} ${JSON.stringify(options)}: same decisions (and C4 text) with signals on and off`, async () => {
      const results = [];
      for (const signals of [true, false]) {
        const step = await makeStep(stream(def), { ...options, mode: 'annotate', signals }, log);
        const r = await runStep(step, docs.map((d) => newDocument(d.id, d.text, { lang: d.lang })), log);
        results.push(r);
        // Off: nothing recorded; on: every declared signal counted every document.
        if (!signals) assert.equal(r.ctx.stats.signals, undefined);
        else {
          const sigs = Object.values(r.ctx.stats.signals ?? {});
          assert.ok(sigs.length > 0);
          for (const s of sigs) assert.equal(Object.values(s.by_lang).reduce((a, h) => a + h.counts.reduce((x, y) => x + y, 0) + h.nan, 0), docs.length);
        }
      }
      const [on, off] = results;
      assert.deepEqual(on.out.map((d: Document) => [d.id, d.decisions[def.name], d.text]), off.out.map((d: Document) => [d.id, d.decisions[def.name], d.text]));
      // The corpus makes the rules fail in several ways, so the order of the rules is exercised.
      const reasons = new Set(on.out.map((d: Document) => d.decisions[def.name]));
      assert.ok(reasons.size >= 3 || def.name === 'text_length', [...reasons].join());
    });
  }

  it('the first failing rule in datatrove order decides, while later measures are still recorded', async () => {
    // Too short (gopher_short_doc) and also full of hashes (gopher_too_many_hashes) and bullets.
    const text = '- # one # two\n- # three # four\n- # five six';
    const step = await makeStep(stream(gopherQuality), { mode: 'annotate', tokenizer: 'spacy_en' }, log);
    const r = await runStep(step, [newDocument('a', text)], log);
    assert.equal(r.out[0].decisions.gopher_quality, 'gopher_short_doc');
    const s = r.ctx.stats.signals!;
    assert.equal(s.bullet_lines_ratio.by_lang.unknown.counts[99], 1, 'every line a bullet: ratio 1');
    const hashes = s.hash_word_ratio.by_lang.unknown.counts;
    assert.equal(hashes.reduce((a, b) => a + b, 0), 1);
    assert.ok(hashes.findIndex((c) => c > 0) > 10, 'measured above max_symbol_word_ratio (0.1): that rule fails too, later in order');
    // C4: the first "{" line decides even though lorem ipsum comes later; the sentences after both are measured.
    const c4Step = await makeStep(stream(c4), { mode: 'annotate', tokenizer: 'spacy_en' }, log);
    const lines = ['This is one line that ends well.', 'Here is code { x } that we see.', 'Lorem ipsum dolor sit amet is here.', ...Array(6).fill('Another line with enough words.')];
    const r2 = await runStep(c4Step, [newDocument('b', lines.join('\n'))], log);
    assert.equal(r2.out[0].decisions.c4, 'curly_bracket');
    const sentences = r2.ctx.stats.signals!.sentences;
    assert.equal(sentences.by_lang.unknown.counts[signalBin(sentences, 7)], 1, '1 + 6 kept lines');
  });

  it('an empty document passes gopher_repetition with its character shares unmeasurable (NaN)', async () => {
    const step = await makeStep(stream(gopherRepetition), { mode: 'annotate' }, log);
    const r = await runStep(step, [newDocument('e', '')], log);
    assert.equal(r.out[0].decisions.gopher_repetition, KEEP);
    assert.equal(r.ctx.stats.signals!.dup_line_char_frac.by_lang.unknown.nan, 1);
  });
});

describe('signal recording', () => {
  it('keep ranges follow the options (null when a rule is off)', async () => {
    const step = await makeStep(stream(gopherQuality), { min_doc_words: 20, max_doc_words: null, min_stop_words: 0 }, log);
    const r = await runStep(step, [], log);
    const s = r.ctx.stats.signals!;
    assert.deepEqual([s.words.min, s.words.max], [20, null]);
    assert.deepEqual([s.stop_words.min, s.stop_words.max], [null, null]);
    assert.equal(s.words.by_lang.en, undefined, 'no documents, no language histograms');
    const tl = await runStep(await makeStep(stream(textLength), { min_chars: 5 }, log), [newDocument('x', 'hello world')], log);
    assert.deepEqual([tl.ctx.stats.signals!.length.min, tl.ctx.stats.signals!.length.max], [5, null]);
  });

  it('langid counts lang_score under the language it found', async () => {
    const step = await makeStep(stream(langid), { mode: 'annotate' }, log);
    const texts = paragraphs('de').slice(1, 4).concat(paragraphs('ja').slice(1, 3));
    const r = await runStep(step, texts.map((t, i) => newDocument(`d${i}`, t)), log);
    const ls = r.ctx.stats.signals!.lang_score;
    assert.deepEqual(Object.keys(ls.by_lang).sort(), ['de', 'ja']);
    for (const d of r.out) assert.equal(ls.by_lang[d.lang!].counts[signalBin(ls, d.lang_score!)] > 0, true);
  });

  it('a value on a bin edge falls in the bin that starts there', () => {
    const ratio: SignalSpec = { lo: 0, hi: 1, bins: 100, scale: 'linear', min: null, max: null };
    const count: SignalSpec = { lo: 0, hi: 1e6, bins: 240, scale: 'log', min: null, max: null };
    for (let k = 0; k < 100; k++) assert.equal(signalBin(ratio, k / 100), k, `${k / 100}`);
    for (const spec of [ratio, count]) {
      for (let i = 0; i < spec.bins; i++) {
        assert.equal(signalBin(spec, signalEdge(spec, i)), i, `edge ${i}`);
        assert.equal(signalBin(spec, (signalEdge(spec, i) + signalEdge(spec, i + 1)) / 2), i);
      }
      assert.equal(signalBin(spec, -1), 0);
      assert.equal(signalBin(spec, spec.hi * 10), spec.bins - 1);
    }
  });

  it('a check that reports an undeclared signal fails loudly', () => {
    const counter = new SignalCounter('x', { a: { lo: 0, hi: 1, bins: 10, scale: 'linear', min: null, max: null } }, emptyStepStats());
    assert.throws(() => counter.record('b', 1), UndeclaredSignalError);
  });
});
