/**
 * Pieces of the toxicity model build that the figures in the model card rest on: the
 * cross-validation folds keep every locale of an RTP-LX prompt (and every group of a template)
 * together, and folding the linear member into the network's wide table changes no logit.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FeatureConfig } from '../filters/classify/features.js';
import { newParams } from '../models/toxicity/bag.js';
import { baselineLogits, trainBaseline } from '../models/toxicity/baseline.js';
import type { Example } from '../models/toxicity/data.js';
import { FOLDS, foldOf, merged } from '../models/toxicity/fit.js';
import { runFolds } from '../models/toxicity/folds.js';
import { featurizeAll, predictLogits, rng } from '../models/toxicity/train.js';

const rtp = (group: string, lang: string): Example => ({ text: `${group} ${lang}`, y: 0, lang, source: 'rtp-lx', group, binary: 0 });

describe('toxicity build folds', () => {
  test('every locale of an RTP-LX Index lands in the same fold, and the folds are balanced', () => {
    const sizes = new Array<number>(FOLDS).fill(0);
    for (let g = 0; g < 2000; g++) {
      const folds = new Set(['en', 'de', 'ja', 'zh-Hant'].map((l) => foldOf(rtp(String(g), l))));
      assert.equal(folds.size, 1, `Index ${g} is split over folds ${[...folds]}`);
      sizes[[...folds][0]]++;
    }
    for (const n of sizes) assert.ok(n > 330 && n < 470, `fold sizes ${sizes}`);
  });

  test('templates fold by template; sets outside the folds are in every fold (−1)', () => {
    const tpl = (text: string, group: string): Example => ({ text, y: 1, lang: 'en', source: 'functional', group, binary: 1 });
    assert.equal(foldOf(tpl('I hate women.', 'en:I hate {A}.')), foldOf(tpl('I hate Muslims.', 'en:I hate {A}.')));
    assert.equal(foldOf({ text: 'x', y: 0, lang: 'en', source: 'flores', binary: 0 }), -1);
    assert.equal(foldOf({ text: 'x', y: 1, lang: 'ko', source: 'korean-beep', binary: 1 }), -1);
  });
});

describe('toxicity build members', () => {
  test('folding the linear member into the wide table gives the sum of both logits', () => {
    const features: FeatureConfig = { buckets: 1 << 12, charMin: 1, charMax: 3, skeletonMin: 3, skeletonMax: 4, wordUnigrams: true, wordBigrams: true, pooling: 'sqrt' };
    const texts = ['you are a stupid idiot', 'the council met on tuesday', 'Ты тупой идиот', '今日はいい天気です', ''];
    const params = newParams(features.buckets, 4, 8, 'sqrt', rng(3));
    const r = rng(5);
    for (let i = 0; i < params.wide.length; i++) params.wide[i] = r() - 0.5;
    const linear = trainBaseline(texts, [1, 0, 1, 0, 0], 1, 3, 1e-6, features, undefined, 'sqrtn');
    const fs = featurizeAll(texts, features);
    const together = predictLogits(merged({ params, linear, counts: {}, trainSeconds: 0 }), fs);
    const net = predictLogits(params, fs);
    const lin = baselineLogits(linear, texts, features, 'sqrtn');
    texts.forEach((t, i) => assert.ok(Math.abs(together[i] - (net[i] + lin[i])) < 1e-4, `${JSON.stringify(t)}: ${together[i]} vs ${net[i]} + ${lin[i]}`));
    // the network's own parameters are left as they were
    assert.deepEqual(predictLogits(params, fs), net);
  });
});

describe('toxicity build fits', () => {
  test('a fit that fails in its worker thread rejects the build with its error', async () => {
    const logs: string[] = [];
    await assert.rejects(runFolds([{ dataDir: '/nonexistent-winnow-data', licence: 'all', seed: 1, fold: 0 }], 10, 1, (m) => logs.push(m)), /nonexistent-winnow-data/);
  });
});
