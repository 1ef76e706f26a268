import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  canonicalStats,
  denseCounts,
  emptyRunStats,
  emptySignal,
  emptyStepStats,
  mergeRunStats,
  recordSignal,
  sparseCounts,
  type RunStats,
} from '../schemas/stats.js';
import { winnow } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

function taskStats(langs: Array<[string, number]>, reason: string): RunStats {
  const s = emptyRunStats();
  const step = (s.steps.rules = emptyStepStats());
  step.signals = { ratio: emptySignal({ lo: 0, hi: 1, bins: 1000, scale: 'linear', min: null, max: 0.5 }) };
  for (const [lang, v] of langs) {
    recordSignal(step.signals.ratio, lang, v);
    step.dropped[reason] = (step.dropped[reason] ?? 0) + 1;
  }
  return s;
}

test('histogram counts: sparse in markers, dense again when read, the same numbers', () => {
  const s = taskStats([['en', 0.25], ['en', 0.25], ['sw', 0.9], ['de', Number.NaN]], 'too_long');
  const text = JSON.stringify(s, sparseCounts);
  const dense = JSON.stringify(s).length;
  assert.ok(text.length * 10 < dense, `sparse ${text.length} chars vs dense ${dense} for 3 histograms of 1,000 bins`);
  assert.deepEqual(JSON.parse(text, denseCounts), s);
});

test('stats folded in any task order come out the same', () => {
  const a = taskStats([['sw', 0.1], ['en', 0.7]], 'b_reason');
  const b = taskStats([['de', 0.3], ['en', 0.2]], 'a_reason');
  const ab = canonicalStats(mergeRunStats(mergeRunStats(emptyRunStats(), a), b));
  const ba = canonicalStats(mergeRunStats(mergeRunStats(emptyRunStats(), b), a));
  assert.equal(JSON.stringify(ab), JSON.stringify(ba));
  assert.deepEqual(Object.keys(ab.steps.rules.signals!.ratio.by_lang), ['de', 'en', 'sw']);
});

test('a run writes sparse markers and a stats.json whose histograms add up to the documents', async () => {
  const dir = await tempDir('winnow-stats-');
  const out = join(dir, 'example');
  const r = winnow(['run', 'pipelines/example.yaml', '--out', out, '--excluded', join(dir, 'excluded'), '--no-progress']);
  assert.equal(r.status, 0, r.stderr);
  const markers = join(out, '.winnow', 'tasks', 'stage-0');
  for (const f of await readdir(markers)) {
    const raw = await readFile(join(markers, f), 'utf8');
    assert.doesNotMatch(raw, /"counts":\[0,0,0/, `${f}: no dense histogram`);
    assert.match(raw, /"nonzero":\[\[/);
  }
  const stats = JSON.parse(await readFile(join(out, 'stats.json'), 'utf8')) as RunStats;
  const langid = stats.steps.langid;
  const sig = langid.signals!.lang_score;
  let n = 0;
  for (const l of Object.values(sig.by_lang)) {
    assert.equal(l.counts.length, sig.bins);
    n += l.counts.reduce((x, y) => x + y, 0) + l.nan;
  }
  assert.equal(n, langid.in.docs);
});
