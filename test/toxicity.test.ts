/**
 * The toxicity step with the shipped model (models/toxicity-v1.onnx): obvious cases in several
 * languages, threshold filtering (drop/annotate), batching that does not change scores, windows for
 * long documents, and the cuda → cpu fallback. Also the ONNX writer's metadata round trip.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { shippedToxicityModel } from '../filters/classify/paths.js';
import { cudaUnavailableReason } from '../filters/classify/providers.js';
import { classify, toxicity } from '../filters/classify/step.js';
import { splitWindows } from '../filters/classify/windows.js';
import { encodeModel, readModelMetadata } from '../models/onnx/onnx.js';
import { getStep } from '../pipelines/steps/registry.js';
import { newDocument } from '../schemas/document.js';
import type { Document } from '../schemas/document.js';
import { makeStep, recordingLogger, runStep, type LogLine } from './helpers/step.js';


// Obvious cases: [lang, toxic, neutral]. The neutral ones are news-style sentences; the model card
// lists known false positives on short conversational sentences in some languages.
const PAIRS: Array<[string, string, string]> = [
  ['en', 'You are a fucking idiot, shut up you stupid bitch.', 'The city council approved the budget for the new school building on Tuesday.'],
  ['de', 'Du bist ein verdammtes Arschloch, halt die Fresse, du Hurensohn.', 'Der Stadtrat hat am Dienstag den Haushalt für das neue Schulgebäude genehmigt.'],
  ['fr', 'Ferme ta gueule, espèce de connard, fils de pute.', 'Le conseil municipal a approuvé mardi le budget du nouveau bâtiment scolaire.'],
  ['es', 'Cállate, pedazo de mierda, hijo de puta.', 'El ayuntamiento aprobó el martes el presupuesto para el nuevo edificio escolar.'],
  ['ru', 'Заткнись, тупая сука, ебаный урод.', 'Городской совет во вторник утвердил бюджет на строительство новой школы.'],
  ['pt', 'Cala a boca, seu filho da puta, seu merda.', 'A câmara municipal aprovou na terça-feira o orçamento para o novo edifício escolar.'],
];

const docsFor = () =>
  PAIRS.flatMap(([lang, tox, neu]) => [newDocument(`${lang}-toxic`, tox, { lang }), newDocument(`${lang}-neutral`, neu, { lang })]);

describe('toxicity step (shipped model)', () => {
  const log = recordingLogger();

  test('is registered, and declares its scores', () => {
    assert.equal(getStep('toxicity'), toxicity);
    assert.equal(getStep('classify'), classify);
    assert.deepEqual(toxicity.scores!(toxicity.options.parse({})), ['toxicity', 'toxicity_mean']);
    assert.deepEqual(classify.scores!(classify.options.parse({ model: 'x.onnx', name: 'quality' })), ['quality', 'quality_mean']);
  });

  test('scores obviously toxic sentences above neutral ones in six languages', async () => {
    const step = await makeStep(toxicity, {}, log);
    const { out, excluded } = await runStep(step, docsFor(), log);
    await step.close?.();
    assert.equal(out.length, PAIRS.length * 2);
    assert.equal(excluded.length, 0);
    for (const [lang] of PAIRS) {
      const t = out.find((d) => d.id === `${lang}-toxic`)!.scores;
      const n = out.find((d) => d.id === `${lang}-neutral`)!.scores;
      assert.ok(t.toxicity > 0.5, `${lang} toxic: ${t.toxicity}`);
      assert.ok(n.toxicity < 0.5, `${lang} neutral: ${n.toxicity}`);
      assert.ok(t.toxicity >= 0 && t.toxicity <= 1 && n.toxicity >= 0);
      assert.equal(t.toxicity_mean, t.toxicity, 'one window: mean = max');
    }
  });

  test('threshold drops in drop mode and records decisions in annotate mode', async () => {
    const drop = await makeStep(toxicity, { threshold: 0.5 }, log);
    const r1 = await runStep(drop, docsFor(), log);
    await drop.close?.();
    assert.deepEqual(r1.out.map((d) => d.id).sort(), PAIRS.map(([l]) => `${l}-neutral`).sort());
    assert.equal(r1.excluded.length, PAIRS.length);
    assert.ok(r1.excluded.every((e) => e.id.endsWith('-toxic') && e.reason === 'toxicity_above_threshold'));
    assert.equal(r1.ctx.stats.dropped.toxicity_above_threshold, PAIRS.length);
    assert.equal(r1.ctx.stats.by_lang.en.dropped.toxicity_above_threshold, 1);

    const annotate = await makeStep(toxicity, { threshold: 0.5, mode: 'annotate' }, log);
    const r2 = await runStep(annotate, docsFor(), log);
    await annotate.close?.();
    assert.equal(r2.out.length, PAIRS.length * 2);
    assert.equal(r2.excluded.length, 0);
    for (const d of r2.out) assert.equal(d.decisions.toxicity, d.id.endsWith('-toxic') ? 'toxicity_above_threshold' : 'keep');
    assert.equal(r2.ctx.stats.flagged.toxicity_above_threshold, PAIRS.length);
    assert.deepEqual(toxicity.decisions!(toxicity.options.parse({ threshold: 0.5, mode: 'annotate' })), ['toxicity']);
  });

  test('batch size and buffering do not change scores, and order is kept', async () => {
    // mixed lengths so that length bucketing reorders rows inside a batch
    const docs = () => [
      ...docsFor(),
      newDocument('long', 'Ein ganz normaler Satz über Gärten. '.repeat(40) + 'Du verdammter Idiot! ' + 'Noch mehr Text über Blumen. '.repeat(30), { lang: 'de' }),
      newDocument('empty', ''),
      newDocument('nolang', 'what a nice day'),
    ];
    const scores: Array<Array<[string, number, number]>> = [];
    for (const opts of [{ batch_size: 1, buffer: 1 }, { batch_size: 32 }, { batch_size: 256, buffer: 3 }, { batch_size: 4, feature_threads: 1 }]) {
      const step = await makeStep(toxicity, opts, log);
      const { out } = await runStep(step, docs(), log);
      await step.close?.();
      scores.push(out.map((d) => [d.id, d.scores.toxicity, d.scores.toxicity_mean]));
    }
    for (const s of scores.slice(1)) {
      assert.deepEqual(s.map((x) => x[0]), scores[0].map((x) => x[0]));
      s.forEach(([id, t, m], i) => {
        if (id === 'empty') return assert.equal(t, undefined);
        assert.ok(Math.abs(t - scores[0][i][1]) < 1e-5, `${id}: ${t} vs ${scores[0][i][1]}`);
        assert.ok(Math.abs(m - scores[0][i][2]) < 1e-5, `${id} mean`);
      });
    }
  });

  test('long documents are scored by windows: max ≥ mean, and one toxic passage raises the max', async () => {
    const calm = 'We planted tomatoes and basil in the garden this spring and watered them every morning. ';
    const text = calm.repeat(12) + 'Shut the fuck up, you worthless piece of shit. You are a fucking idiot. ' + calm.repeat(12);
    assert.ok(splitWindows(text, 300).length > 5);
    const step = await makeStep(toxicity, {}, log);
    const { out } = await runStep(step, [newDocument('long', text, { lang: 'en' }), newDocument('calm', calm.repeat(25), { lang: 'en' })], log);
    await step.close?.();
    const [long, only] = out;
    assert.ok(long.scores.toxicity > long.scores.toxicity_mean);
    assert.ok(long.scores.toxicity > only.scores.toxicity);
    assert.ok(long.scores.toxicity > 0.5, `max ${long.scores.toxicity}`);
    assert.ok(long.scores.toxicity_mean < 0.5, `mean ${long.scores.toxicity_mean}`);
    // the same document as one window: the passage drowns in the calm text
    const whole = await makeStep(toxicity, { window_chars: 1_000_000 }, log);
    const [one] = (await runStep(whole, [newDocument('long', text, { lang: 'en' })], log)).out;
    await whole.close?.();
    assert.ok(one.scores.toxicity < 0.5, `one window ${one.scores.toxicity}`);
  });

  test('provider cuda falls back to cpu with one clear log line when the CUDA provider is missing', async (t) => {
    if (cudaUnavailableReason() === null) return t.skip('the CUDA provider libraries are installed here');
    const lines: LogLine[] = [];
    const l = recordingLogger(lines);
    const step = await makeStep(toxicity, { provider: 'cuda' }, l);
    const { out } = await runStep(step, docsFor().slice(0, 2), l);
    await step.close?.();
    assert.ok(out[0].scores.toxicity > 0.5);
    const warns = lines.filter((x) => x.level === 'warn');
    assert.equal(warns.length, 1);
    assert.match(warns[0].msg, /provider cuda requested but unavailable, falling back to cpu: .*libonnxruntime_providers_cuda/);
  });

  test('the shipped model is under 30 MB and describes itself in its metadata', async () => {
    const bytes = await readFile(shippedToxicityModel());
    assert.ok(bytes.length < 30e6, `${bytes.length} bytes`);
    const meta = JSON.parse(readModelMetadata(bytes)['winnow.model']);
    assert.equal(meta.format, 'winnow-hashed-bag/1');
    for (const l of ['ar', 'cs', 'de', 'en', 'es', 'fr', 'hi', 'id', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'ru', 'sv', 'zh']) assert.ok(meta.languages.includes(l), l);
  });

  test('a missing model is a named error', async () => {
    await assert.rejects(makeStep(toxicity, { model: '/nonexistent/model.onnx' }, log), { code: 'CLASSIFIER_MODEL_NOT_FOUND' });
  });
});

describe('ONNX writer', () => {
  test('metadata round trip and deterministic bytes', () => {
    const g = {
      name: 'g',
      nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }],
      initializers: [],
      inputs: [{ name: 'x', dtype: 'float32' as const, shape: ['n'] }],
      outputs: [{ name: 'y', dtype: 'float32' as const, shape: ['n'] }],
    };
    const a = encodeModel(g, { metadata: { k: 'v ✓', other: '{"a":1}' } });
    const b = encodeModel(g, { metadata: { k: 'v ✓', other: '{"a":1}' } });
    assert.deepEqual(a, b);
    assert.deepEqual(readModelMetadata(a), { k: 'v ✓', other: '{"a":1}' });
  });
});
