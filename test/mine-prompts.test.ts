import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { mulberry32 } from '../pipelines/engine/random.js';
import { binOf, checkEdges, equalQuotas } from '../pipelines/prompts/bins.js';
import type { SetReport } from '../pipelines/prompts/datasheet.js';
import { BottomK, priorityOf } from '../pipelines/prompts/priority.js';
import { PROMPT_COLUMNS, type PromptRecord } from '../pipelines/prompts/record.js';
import { nearestWordBoundary, splitDocument } from '../pipelines/prompts/split.js';
import { promptSplit } from '../pipelines/prompts/split-step.js';
import { newDocument } from '../schemas/document.js';
import { winnowRun } from './helpers/cli.js';
import { duckQuery } from './helpers/duckdb.js';
import { makeStep, recordingLogger, runStep } from './helpers/step.js';
import { tempDir } from './helpers/tmp.js';

const ptp = { style: 'ptp' as const, minChars: 4, maxChars: 1000 };

/** Word boundaries of `text` as Intl.Segmenter sees them. */
function boundaries(text: string, lang: string): Set<number> {
  return new Set([...new Intl.Segmenter(lang, { granularity: 'word' }).segment(text)].map((s) => s.index));
}

test('PTP split: the midpoint moved to the nearest word boundary', () => {
  const text = 'alpha beta gamma delta epsilon zeta eta theta';
  const s = splitDocument(text, 'en', ptp)!;
  assert.equal(`${s.prompt} ${s.continuation}`, text);
  assert.ok(Math.abs(s.prompt.length - text.length / 2) <= 8, `${s.prompt.length} vs ${text.length / 2}`);
  assert.ok(!s.prompt.endsWith(' ') && !s.continuation.startsWith(' '));
});

test('PTP split: Chinese, Japanese and Thai split between words (Intl.Segmenter), never inside one', () => {
  const cases: Array<[string, string]> = [
    ['zh', '人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，并应以兄弟关系的精神相对待。'],
    ['ja', 'すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。人間は、理性と良心とを授けられており、互いに同胞の精神をもって行動しなければならない。'],
    ['th', 'มนุษย์ทั้งหลายเกิดมามีอิสระและเสมอภาคกันในเกียรติศักด์และสิทธิต่างมีเหตุผลและมโนธรรมและควรปฏิบัติต่อกันด้วยเจตนารมณ์แห่งภราดรภาพ'],
  ];
  for (const [lang, text] of cases) {
    const s = splitDocument(text, lang, ptp)!;
    assert.ok(s, lang);
    assert.equal(s.prompt + s.continuation, text, lang);
    const cut = s.prompt.length;
    assert.ok(boundaries(text, lang).has(cut), `${lang}: cut at ${cut} is a word boundary`);
    assert.ok(Math.abs(cut - text.length / 2) <= 6, `${lang}: cut ${cut} near the middle ${text.length / 2}`);
  }
  // a Thai text has no spaces: a plain character midpoint would fall inside a word here
  const th = cases[2][1];
  const mid = Math.floor(th.length / 2);
  assert.equal(boundaries(th, 'th').has(mid), false, 'the raw midpoint is not a boundary (the test means something)');
  assert.notEqual(nearestWordBoundary(th, mid, 'th'), mid);
});

test('RTP split: the first sentence of acceptable length, cut in half', () => {
  const text = 'Hi. The quick brown fox jumps over the lazy dog near the river bank. Then it slept.';
  const s = splitDocument(text, 'en', { style: 'rtp', minChars: 10, maxChars: 200 })!;
  assert.equal(`${s.prompt} ${s.continuation}`, 'The quick brown fox jumps over the lazy dog near the river bank.');
  assert.ok(s.prompt.length >= 10 && s.continuation.length >= 10);
  // no sentence long enough: no pair
  assert.equal(splitDocument('Hi. Ok. Yes.', 'en', { style: 'rtp', minChars: 10, maxChars: 200 }), undefined);
});

test('split lengths: parts below min_chars make no prompt; long texts are cut back to 2 × max_chars', () => {
  assert.equal(splitDocument('tiny text here', 'en', { style: 'ptp', minChars: 10, maxChars: 100 }), undefined);
  const long = Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ');
  const s = splitDocument(long, 'en', { style: 'ptp', minChars: 10, maxChars: 100 })!;
  assert.ok(s.prompt.length <= 100 + 10 && s.continuation.length <= 100 + 10, `${s.prompt.length}/${s.continuation.length}`);
  assert.ok(long.startsWith(s.prompt + ' ' + s.continuation));
  assert.equal(splitDocument('oneverylongwordwithoutanyboundary', 'en', ptp), undefined);
});

test('bins: default 4 equal-width bins over [0, 1]; configurable edges; bad edges refused', () => {
  const d = checkEdges([0, 0.25, 0.5, 0.75, 1]);
  assert.deepEqual([0, 0.1, 0.25, 0.49, 0.5, 0.75, 0.99, 1, 1.2, -0.1].map((v) => binOf(v, d)), [0, 0, 1, 1, 2, 3, 3, 3, 3, 0]);
  const e = checkEdges([0, 0.1, 0.5, 1]);
  assert.deepEqual([0.05, 0.1, 0.3, 0.5, 1].map((v) => binOf(v, e)), [0, 1, 1, 2, 2]);
  assert.throws(() => checkEdges([0, 0.5, 0.5, 1]), /must increase/);
  assert.throws(() => checkEdges([0]), /at least 2/);
  assert.deepEqual(equalQuotas(10, 4), [3, 3, 2, 2]);
});

test('bottom-k by hash(seed, id) is the same whatever the sharding and order', () => {
  const ids = Array.from({ length: 500 }, (_, i) => `doc-${i}`);
  const whole = new BottomK<{ pri: number; id: string }>(20);
  for (const id of ids) whole.offer({ pri: priorityOf(7, id), id });
  // three shards in another order, each its own bottom-k, then merged
  const rand = mulberry32(3);
  const shuffled = [...ids].sort(() => rand() - 0.5);
  const merged = new BottomK<{ pri: number; id: string }>(20);
  for (let s = 0; s < 3; s++) {
    const part = new BottomK<{ pri: number; id: string }>(20);
    for (const id of shuffled.filter((_, i) => i % 3 === s)) part.offer({ pri: priorityOf(7, id), id });
    for (const c of part.sorted()) merged.offer(c);
  }
  assert.deepEqual(merged.sorted().map((c) => c.id), whole.sorted().map((c) => c.id));
  const other = new BottomK<{ pri: number; id: string }>(20);
  for (const id of ids) other.offer({ pri: priorityOf(8, id), id });
  assert.notDeepEqual(other.sorted().map((c) => c.id), whole.sorted().map((c) => c.id));
});

test('prompt_split step: identifies a missing language, scores prompt, continuation and text with the toxicity model', async () => {
  const log = recordingLogger();
  const step = await makeStep(promptSplit, { min_chars: 8 }, log);
  const de = newDocument(
    'd1',
    'Alle Menschen sind frei und gleich an Würde und Rechten geboren. Sie sind mit Vernunft und Gewissen begabt und sollen einander im Geist der Brüderlichkeit begegnen.',
  );
  const scored = newDocument('d2', 'This text already carries a toxicity score from an earlier run of the pipeline.', { lang: 'en', scores: { toxicity: 0.9 } });
  const short = newDocument('d3', 'tiny', { lang: 'en' });
  const { out, ctx } = await runStep(step, [de, scored, short], log);
  await step.close?.();
  assert.deepEqual(out.map((d) => d.id), ['d1', 'd2']);
  assert.equal(out[0].lang, 'de');
  for (const d of out) for (const k of ['toxicity', 'prompt_toxicity', 'continuation_toxicity']) assert.ok(d.scores[k] >= 0 && d.scores[k] <= 1, `${d.id} ${k}`);
  assert.equal(out[1].scores.toxicity, 0.9, 'an existing full-text score is kept');
  const meta = out[0].metadata.prompt_split as { text_scored_by: string; scorer_sha256: string };
  assert.equal(meta.text_scored_by, 'model');
  assert.match(meta.scorer_sha256, /^[0-9a-f]{64}$/);
  assert.equal((out[1].metadata.prompt_split as { text_scored_by: string }).text_scored_by, 'input');
  assert.equal(ctx.stats.dropped.prompt_too_short, 1);
});

// ---- whole runs through the CLI over generated JSONL ----

const VOCAB = Array.from({ length: 400 }, (_, i) => `w${i.toString(36)}${'xyzq'[i % 4]}`);

function words(rand: () => number, n: number): string {
  return Array.from({ length: n }, () => VOCAB[Math.floor(rand() * VOCAB.length)]).join(' ');
}

interface Fixture {
  dir: string;
  glob: string;
  /** lang → documents per bin written. */
  supply: Record<string, number[]>;
  /** The en documents whose prompts are near-duplicates of each other. */
  sharedIds: string[];
}

/**
 * Three JSONL shards: en and de with 12 documents per bin, sv with 1 document in the top bin and 5 in
 * the lowest; 6 extra en documents in bin 0 sharing their first 30 words (near-duplicate prompts); one
 * broken line. Full-text toxicity is given, so bins are known; prompts are scored by the model.
 */
async function makeFixture(): Promise<Fixture> {
  const dir = await tempDir('winnow-mine-');
  await mkdir(join(dir, 'in'));
  const rand = mulberry32(42);
  const supply: Record<string, number[]> = { en: [12, 12, 12, 12], de: [12, 12, 12, 12], sv: [5, 0, 0, 1] };
  const lines: string[][] = [[], [], []];
  let n = 0;
  const add = (lang: string, bin: number, text: string): string => {
    const tox = bin * 0.25 + 0.02 + rand() * 0.2;
    lines[n % 3].push(JSON.stringify({ id: `${lang}-${n}`, text, url: `https://example.org/${lang}/${n}`, lang, scores: { toxicity: tox } }));
    return `${lang}-${n++}`;
  };
  for (const [lang, bins] of Object.entries(supply)) bins.forEach((count, bin) => {
    for (let i = 0; i < count; i++) add(lang, bin, words(rand, 40));
  });
  const shared = words(rand, 30);
  const sharedIds = Array.from({ length: 6 }, () => add('en', 0, `${shared} ${words(rand, 10)}`));
  supply.en[0] += 6;
  lines[1].splice(3, 0, '{"id": "broken", "text": "unterminated');
  for (let f = 0; f < 3; f++) await writeFile(join(dir, 'in', `part-${f}.jsonl`), lines[f].join('\n') + '\n');
  // a whole file that cannot be read: gzip by its name, not by its bytes
  await writeFile(join(dir, 'in', 'part-3.jsonl.gz'), 'this is not gzip data\n');
  return { dir, glob: join(dir, 'in', '*.jsonl*'), supply, sharedIds };
}

async function mine(f: Fixture, out: string, extra: string[] = []) {
  const r = await winnowRun(['mine-prompts', '--input', f.glob, '--out', join(f.dir, out), '--per-language', '32', '--small', '8', '--no-progress', '--workers', '2', ...extra]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  return r;
}

function readJsonl(path: string): PromptRecord[] {
  return readFileSync(path, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as PromptRecord);
}

const fixture = makeFixture();
const seed1 = fixture.then((f) => mine(f, 'set-a', ['--seed', '1']));

test('quotas exact where supply allows; a short language is reported, not padded; bad input named with file and line', async () => {
  const f = await fixture;
  const r = await seed1;
  const out = join(f.dir, 'set-a');
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as SetReport;
  for (const lang of ['en', 'de']) {
    const recs = readJsonl(join(out, 'full', `${lang}.jsonl`));
    assert.equal(recs.length, 32, lang);
    assert.deepEqual([0, 1, 2, 3].map((b) => recs.filter((x) => x.toxicity_bucket === b).length), [8, 8, 8, 8], lang);
    assert.equal(readJsonl(join(out, 'small', `${lang}.jsonl`)).length, 8);
    for (const x of recs) {
      assert.equal(x.lang, lang);
      assert.equal(binOf(x.toxicity, [0, 0.25, 0.5, 0.75, 1]), x.toxicity_bucket);
    }
  }
  const sv = readJsonl(join(out, 'full', 'sv.jsonl'));
  assert.equal(sv.length, 6, 'sv: what exists, no more');
  assert.equal(new Set(sv.map((x) => x.id)).size, 6);
  const svStrata = report.strata.filter((s) => s.lang === 'sv');
  assert.deepEqual(svStrata.map((s) => [s.available, s.taken, s.missing]), [[5, 5, 3], [0, 0, 8], [0, 0, 8], [1, 1, 7]]);
  assert.match(r.stdout, /short of quota \(need more crawl\): sv/);
  // the broken line: reported with its file and line, and the run went on
  assert.match(r.stdout, /part-1\.jsonl \(line 4\)/);
  assert.match(r.stdout, /part-3\.jsonl\.gz/);
  const small = readJsonl(join(out, 'small', 'en.jsonl')).map((x) => x.id);
  const full = new Set(readJsonl(join(out, 'full', 'en.jsonl')).map((x) => x.id));
  assert.ok(small.every((id) => full.has(id)), 'small ⊂ full');
});

test('near-duplicate prompts are removed', async () => {
  const f = await fixture;
  await seed1;
  const out = join(f.dir, 'set-a');
  const en = readJsonl(join(out, 'full', 'en.jsonl'));
  const prompts = en.map((x) => x.prompt.split(' ').slice(0, 15).join(' '));
  assert.equal(new Set(prompts).size, prompts.length, 'no two prompts share their start');
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as SetReport;
  const enBin0 = report.strata.find((s) => s.lang === 'en' && s.bin === 0)!;
  assert.equal(enBin0.available, 18);
  // candidates are examined in priority order until the bin is full: how many of the six shared-prefix
  // documents come up depends on the seed, but with seed 1 several do, and exactly one is kept
  assert.ok(enBin0.near_duplicates >= 1, `near_duplicates ${enBin0.near_duplicates}`);
  assert.equal(enBin0.taken, 8);
  assert.equal(en.filter((x) => f.sharedIds.includes(x.id)).length, 1);
});

test('same seed → byte-identical set; another seed → another sample', async () => {
  const f = await fixture;
  await seed1;
  await mine(f, 'set-b', ['--seed', '1']);
  await mine(f, 'set-c', ['--seed', '2']);
  for (const split of ['full', 'small']) {
    const files = readdirSync(join(f.dir, 'set-a', split)).sort();
    assert.deepEqual(files, readdirSync(join(f.dir, 'set-b', split)).sort());
    for (const file of files) assert.ok(readFileSync(join(f.dir, 'set-a', split, file)).equals(readFileSync(join(f.dir, 'set-b', split, file))), `${split}/${file}`);
  }
  const a = readJsonl(join(f.dir, 'set-a', 'full', 'en.jsonl')).map((x) => x.id);
  const c = readJsonl(join(f.dir, 'set-c', 'full', 'en.jsonl')).map((x) => x.id);
  assert.equal(c.length, 32);
  assert.notDeepEqual(new Set(a), new Set(c));
});

test('Parquet output reads back in DuckDB with the documented columns; datasheet written', async () => {
  const f = await fixture;
  await seed1;
  const out = join(f.dir, 'set-a');
  const cols = await duckQuery(`DESCRIBE SELECT * FROM read_parquet('${join(out, 'full', 'de.parquet')}')`);
  assert.deepEqual(
    cols.map((c) => c.column_name),
    PROMPT_COLUMNS.map((c) => c.name),
  );
  assert.equal(cols.find((c) => c.column_name === 'toxicity_bucket')!.column_type, 'INTEGER');
  const rows = await duckQuery(
    `SELECT toxicity_bucket, count(*)::INT AS n, min(length(prompt))::INT AS p, bool_and(text LIKE prompt || '%') AS prefix, count(DISTINCT scorer_sha256)::INT AS scorers FROM read_parquet('${join(out, 'full', 'de.parquet')}') GROUP BY 1 ORDER BY 1`,
  );
  assert.deepEqual(rows.map((r) => [r.toxicity_bucket, r.n, r.prefix, r.scorers]), [0, 1, 2, 3].map((b) => [b, 8, true, 1]));
  const jsonl = readJsonl(join(out, 'full', 'de.jsonl'));
  const pq = await duckQuery(`SELECT id, prompt, continuation, prompt_toxicity FROM read_parquet('${join(out, 'full', 'de.parquet')}')`);
  assert.deepEqual(pq.map((r) => r.id), jsonl.map((r) => r.id), 'JSONL and Parquet hold the same rows in the same order');
  const sheet = readFileSync(join(out, 'datasheet.md'), 'utf8');
  assert.match(sheet, /seed \*\*1\*\*/);
  assert.match(sheet, /toxicity-v1\.onnx` sha256 `[0-9a-f]{64}`/);
  assert.match(sheet, /\| sv \| 5\/5 \(−3\) \| 0\/0 \(−8\) \| 0\/0 \(−8\) \| 1\/1 \(−7\) \| 6 \|/);
  assert.match(sheet, /Languages short of their quota: sv/);
  assert.match(sheet, /Input \(jsonl\)/);
});

test('invalid options exit 2 before any work', async () => {
  const f = await fixture;
  const r = await winnowRun(['mine-prompts', '--input', f.glob, '--out', join(f.dir, 'bad'), '--edges', '0,0.5,0.4,1']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--edges: bin edges must increase/);
  assert.equal(existsSync(join(f.dir, 'bad', 'report.json')), false);
});

test('the bundled example, curated then mined, end to end through the CLI', async () => {
  const dir = await tempDir('winnow-mine-example-');
  const run = await winnowRun(['run', 'pipelines/example.yaml', '--out', join(dir, 'example'), '--excluded', join(dir, 'excluded'), '--no-progress']);
  assert.equal(run.status, 0, run.stderr);
  const r = await winnowRun(['mine-prompts', '--input', join(dir, 'example', '*.parquet'), '--out', join(dir, 'set'), '--per-language', '4', '--small', '2', '--no-progress']);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const report = JSON.parse(readFileSync(join(dir, 'set', 'report.json'), 'utf8')) as SetReport;
  const langs = [...new Set(report.strata.map((s) => s.lang))];
  assert.equal(langs.length, 17);
  const available = report.strata.reduce((n, s) => n + s.available, 0);
  assert.equal(available, 67, 'every kept document of the example made a prompt');
  for (const lang of langs) {
    const recs = readJsonl(join(dir, 'set', 'full', `${lang}.jsonl`));
    const taken = report.strata.filter((s) => s.lang === lang).reduce((n, s) => n + s.taken, 0);
    assert.equal(recs.length, taken, lang);
    assert.ok(recs.length >= 1, lang);
    for (const x of recs) assert.equal(x.text_scored_by, 'input', 'the example carries toxicity already');
  }
  assert.ok(existsSync(join(dir, 'set', 'datasheet.md')));
  assert.match(r.stdout, /prompt set \(taken\/quota of available/);
  // --rescore: the model scores the full text although the documents carry a score
  const re = await winnowRun(['mine-prompts', '--input', join(dir, 'example', '*.parquet'), '--out', join(dir, 'rescored'), '--per-language', '2', '--small', '0', '--languages', 'en,de', '--rescore', '--no-progress']);
  assert.equal(re.status, 0, re.stderr + re.stdout);
  for (const lang of ['en', 'de']) for (const x of readJsonl(join(dir, 'rescored', 'full', `${lang}.jsonl`))) assert.equal(x.text_scored_by, 'model', lang);
});

test('a rerun resumes; other options into the same folder need --force, which removes the earlier set\'s files', async () => {
  const f = await fixture;
  await seed1;
  const out = join(f.dir, 'set-d');
  await mine(f, 'set-d', ['--seed', '1']);
  const before = readFileSync(join(out, 'full', 'en.parquet'));
  const again = await mine(f, 'set-d', ['--seed', '1']);
  assert.match(again.stdout + again.stderr, /resum|already/i, 'the same command resumes');
  assert.ok(readFileSync(join(out, 'full', 'en.parquet')).equals(before));
  const refused = await winnowRun(['mine-prompts', '--input', f.glob, '--out', out, '--per-language', '32', '--small', '8', '--no-progress', '--languages', 'en']);
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr + refused.stdout, /--force/);
  assert.ok(existsSync(join(out, 'full', 'sv.jsonl')), 'a refused run removes nothing');
  await mine(f, 'set-d', ['--languages', 'en', '--force']);
  for (const split of ['full', 'small']) assert.deepEqual(readdirSync(join(out, split)).sort(), ['en.jsonl', 'en.parquet'], split);
});
