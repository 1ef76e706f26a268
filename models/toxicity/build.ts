/**
 * `npm run model:toxicity [-- --licence permissive] [--seed N] [--data DIR] [--out DIR] [--jobs N] [--dump-oof FILE]`:
 * trains winnow's toxicity model from ../shared/data: five cross-validation fits (RTP-LX by
 * Index, templates by template) give out-of-fold scores, on which the per-language calibration is
 * fitted and the card's figures are measured, next to the char-n-gram baseline; the final fit on
 * everything is the shipped model. Fits run in `--jobs` worker threads (default: one per core and
 * per 2 GiB of memory). `--dump-oof FILE` also writes every out-of-fold logit (JSON lines with the
 * record's language, source, labels and functional class) for studies outside the build.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BagClassifier } from '../../filters/classify/bag-model.js';
import { createLogger } from '../../pipelines/engine/log.js';
import type { BagModelMeta } from './bag.js';
import { baselineLogits, trainBaseline } from './baseline.js';
import { binOf, DEFAULT_EDGES } from '../../pipelines/prompts/bins.js';
import { renderCard, type Accuracy, type BenignReport, type BinReport, type CardInput, type NativeDevReport, type ThresholdAccuracy } from './card.js';
import { loadCorpusAParagraphs, loadNativeDev, loadXstestSafe, type Example } from './data.js';
import { calibrate, eceFloor, fitLanguage, type CalibrationSpec, evaluate, macro, oracleAuc, PTP_LANGS } from './experiment.js';
import { FOLDS, foldOf, LINEAR_BENIGN_PERCENT, loadTrainingData, merged, MODEL_ASSEMBLE, MODEL_FEATURES, MODEL_TRAIN, type Licence } from './fit.js';
import { runFolds } from './folds.js';
import { functionalTest } from './functional.js';
import { bagModelToOnnx } from './graph.js';
import { ece, fitPlatt, rocAuc, type Platt } from './metrics.js';
import { featurizeAll, predictLogits, type TrainConfig } from './train.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}

export const THRESHOLD = 0.5;
const WINDOW_CHARS = 300;
/**
 * Calibration: the global Platt slope (one temperature for every language) with a per-language
 * offset pulled towards the global offset (prior strength 5 examples). Chosen on the cross-fitted
 * ECE among shared / offset (λ 5–100) / full per-language Platt (λ 20, 100); see the card.
 */
const CAL: CalibrationSpec = { mode: 'offset', lambda: 5 };
const CAL_TEXT: Record<CalibrationSpec['mode'], string> = {
  shared: 'one fit shared by every language',
  offset: 'one slope shared by every language, a per-language offset pulled towards the global one',
  platt: 'per language, pulled towards the global fit',
};
const SPOT_CHECKS: Array<[string, string]> = [
  ['ru', 'Сегодня хорошая погода, и мы идём гулять в парк.'],
  ['fr', 'Il fait beau aujourd’hui et nous allons nous promener dans le parc.'],
  ['ar', 'الطقس جميل اليوم وسنذهب للتنزه في الحديقة.'],
  ['en', 'The weather is nice today and we are going for a walk in the park.'],
  ['de', 'Das Wetter ist heute schön und wir gehen im Park spazieren.'],
];

async function main(): Promise<void> {
  const t0 = performance.now();
  const licence = arg('licence', 'all') as Licence;
  if (licence !== 'all' && licence !== 'permissive') throw new Error(`--licence must be "all" or "permissive", not ${licence}`);
  const seed = Number(arg('seed', '1'));
  const permissive = licence === 'permissive';
  // fits at once: one per core and per 2 GiB of memory (a fit peaks near 0.7 GiB), at most one per
  // fit (a permissive build has only the final fit)
  const byMachine = Math.max(1, Math.min(os.availableParallelism(), Math.floor(os.totalmem() / 2 ** 31)));
  const parallel = Math.min(Number(arg('jobs', String(byMachine))), permissive ? 1 : FOLDS + 1);
  if (!Number.isInteger(parallel) || parallel < 1) throw new Error(`--jobs must be a positive integer, not ${arg('jobs', '')}`);
  const dataDir = path.resolve(arg('data', process.env.WINNOW_SHARED ? path.join(process.env.WINNOW_SHARED, 'data') : path.join(repoRoot, '..', 'shared', 'data')));
  const outDir = path.resolve(arg('out', path.join(repoRoot, 'models')));
  if (!existsSync(dataDir)) throw new Error(`training data not found at ${dataDir} (pass --data DIR)`);
  const log = (m: string) => console.log(`[model:toxicity ${((performance.now() - t0) / 1000).toFixed(0)}s] ${m}`);

  log(`loading data from ${dataDir} (licence ${licence})`);
  const data = await loadTrainingData(dataDir, licence);
  const { rtp, sources } = data;
  log(`native sets: ${data.natives.join(', ')}`);
  // the default build fits every RTP-LX fold (for out-of-fold scores) and the final model, in
  // worker threads; a permissive build never trains on RTP-LX, so its final model scores it directly
  const folds = permissive ? [] : Array.from({ length: FOLDS }, (_, k) => k);
  log(`fitting ${permissive ? 'the final model' : `${FOLDS} cross-validation folds and the final model`} (${parallel} at a time)`);
  const fits = await runFolds([-1, ...folds].map((fold) => ({ dataDir, licence, seed, fold })), rtp.length + data.rest.length, parallel, log);
  const trainSeconds = fits.final.trainSeconds;
  const dump = arg('dump-oof', '');
  if (dump) {
    // for analysis outside the build (calibration or threshold studies): one JSON line per scored record
    const pool = [...rtp, ...data.rest];
    const lines = pool.flatMap((e, i) => (Number.isNaN(fits.logits[i]) ? [] : [JSON.stringify({ i, z: fits.logits[i], lang: e.lang, source: e.source, binary: e.binary, tox: e.tox ?? null, group: e.group ?? null, fn: e.fn ?? null })]));
    await writeFile(dump, lines.join('\n') + '\n');
    log(`wrote ${lines.length} out-of-fold logits to ${dump}`);
  }
  const cfg: TrainConfig = { ...MODEL_TRAIN, seed };
  const params = merged(fits.final);
  // out-of-fold logits of every RTP-LX record (permissive: the final model, which never saw RTP-LX)
  const oof = permissive ? predictLogits(params, featurizeAll(rtp.map((e) => e.text), MODEL_FEATURES)) : fits.logits.subarray(0, rtp.length);
  // calibration: on the out-of-fold scores of every labelled RTP-LX record, all 28 locales
  // (sklearn's CalibratedClassifierCV(ensemble=False) recipe); permissive builds on their own held-out tenth
  const calSet: Example[] = permissive ? data.cal : rtp;
  const calLogits = permissive ? predictLogits(params, featurizeAll(calSet.map((e) => e.text), MODEL_FEATURES)) : oof;
  const calLangs = [...new Set(calSet.map((e) => e.lang))].sort();
  const languages = ['*', ...calLangs];
  const calLabelled = calSet.map((e, i) => ({ e, z: calLogits[i] })).filter(({ e }) => e.binary !== null);
  const global = fitPlatt(calLabelled.map((x) => x.z), calLabelled.map((x) => x.e.binary!));
  const perLang = new Map<string, Platt>();
  for (const l of calLangs) {
    const items = calLabelled.filter((x) => x.e.lang === l);
    perLang.set(l, fitLanguage(items.map((x) => x.z), items.map((x) => x.e.binary!), global, CAL));
  }
  const cal = {
    a: Float32Array.from(languages.map((l) => (l === '*' ? global : perLang.get(l)!).a)),
    b: Float32Array.from(languages.map((l) => (l === '*' ? global : perLang.get(l)!).b)),
  };

  // evaluation: every RTP-LX record of the 17 PTP languages, each scored by the fold that never saw its Index
  const idx17 = rtp.map((e, i) => ((PTP_LANGS as readonly string[]).includes(e.lang) ? i : -1)).filter((i) => i >= 0);
  const rtp17 = idx17.map((i) => rtp[i]);
  const rtp17Logits = Float32Array.from(idx17, (i) => oof[i]);
  const cross = calibrate(rtp17, rtp17Logits, PTP_LANGS, CAL);
  // the calibration alternatives, measured on this model's scores (cross-fitted, as the ECE column)
  const calEce = (spec: CalibrationSpec): string => {
    const probs = calibrate(rtp17, rtp17Logits, PTP_LANGS, spec).crossProbs;
    const per = PTP_LANGS.map((l) => {
      const idx = rtp17.map((e, i) => (e.lang === l && e.binary !== null ? i : -1)).filter((i) => i >= 0);
      return ece(idx.map((i) => probs[i]), idx.map((i) => rtp17[i].binary!));
    });
    const all = rtp17.map((e, i) => (e.binary !== null ? i : -1)).filter((i) => i >= 0);
    return `${(per.reduce((a, b) => a + b, 0) / per.length).toFixed(3)} / ${ece(all.map((i) => probs[i]), all.map((i) => rtp17[i].binary!)).toFixed(3)}`;
  };
  const calChoice = `one shared fit ${calEce({ mode: 'shared', lambda: 0 })}, shared slope + per-language offset (λ 20) ${calEce({ mode: 'offset', lambda: 20 })}, (λ 5) ${calEce({ mode: 'offset', lambda: 5 })}, full per-language Platt (λ 20) ${calEce({ mode: 'platt', lambda: 20 })}`;
  log(`calibration alternatives (macro ECE / pooled ECE): ${calChoice}`);
  log(`training the baseline (char 1–5-gram logistic regression on RTP-LX alone), one per fold`);
  const baseAll = new Float32Array(rtp.length);
  for (let k = 0; k < FOLDS; k++) {
    const bTrain = rtp.filter((e) => foldOf(e) !== k && e.binary !== null);
    const baseline = trainBaseline(bTrain.map((e) => e.text), bTrain.map((e) => e.binary!), seed);
    const scored = rtp.map((e, i) => (foldOf(e) === k ? i : -1)).filter((i) => i >= 0);
    baselineLogits(baseline, scored.map((i) => rtp[i].text)).forEach((z, j) => (baseAll[scored[j]] = z));
  }
  const baseLogits = Float32Array.from(idx17, (i) => baseAll[i]);
  const evalProbs = permissive ? probsWith(rtp17, rtp17Logits, languages, cal) : cross.crossProbs;
  const report = evaluate(rtp17, rtp17Logits, evalProbs, PTP_LANGS, baseLogits);
  for (const r of report) r.oracleAuc = oracleAuc(rtp, r.lang);
  for (const r of report) log(`${r.lang}: AUC ${r.auc.toFixed(3)} (baseline ${r.baselineAuc!.toFixed(3)}) ECE ${r.ece.toFixed(3)} (floor ${r.eceFloor.toFixed(3)}) ρ ${r.spearman.toFixed(3)}`);
  // PTP-style bins (mining): the out-of-fold calibrated probability's bin vs the human bin
  // ((mean toxicity − 1) / 4), every record of the language, middle band included
  const bins: BinReport[] = PTP_LANGS.map((lang) => {
    const idx = rtp17.map((e, i) => (e.lang === lang ? i : -1)).filter((i) => i >= 0);
    const pairs = idx.map((i) => [binOf((rtp17[i].tox! - 1) / 4, DEFAULT_EDGES), binOf(evalProbs[i], DEFAULT_EDGES)]);
    return { lang, n: idx.length, exact: pairs.filter(([h, m]) => h === m).length / idx.length, within1: pairs.filter(([h, m]) => Math.abs(h - m) <= 1).length / idx.length };
  });
  // pooled over the 17 languages: the ECE figure with the lowest floor
  const pooledIdx = rtp17.map((e, i) => (e.binary !== null ? i : -1)).filter((i) => i >= 0);
  const pooledProbs = pooledIdx.map((i) => evalProbs[i]);
  const m = {
    auc: macro(report, 'auc'),
    baselineAuc: macro(report, 'baselineAuc'),
    oracleAuc: macro(report, 'oracleAuc'),
    ece: macro(report, 'ece'),
    eceFloor: macro(report, 'eceFloor'),
    pooledEce: ece(pooledProbs, pooledIdx.map((i) => rtp17[i].binary!)),
    pooledEceFloor: eceFloor(pooledProbs),
    spearman: macro(report, 'spearman'),
    minAuc: Math.min(...report.map((r) => r.auc)),
  };
  log(`macro AUC ${m.auc.toFixed(4)} (baseline ${m.baselineAuc.toFixed(4)}, other-locale ceiling ${m.oracleAuc.toFixed(4)}), min ${m.minAuc.toFixed(3)}, ECE ${m.ece.toFixed(4)} (floor ${m.eceFloor.toFixed(4)}; pooled ${m.pooledEce.toFixed(4)}, floor ${m.pooledEceFloor.toFixed(4)}), ρ ${m.spearman.toFixed(3)}`);

  // functional tests at the documented threshold, with the shipped calibration
  const cases = functionalTest();
  const fLogits = predictLogits(params, featurizeAll(cases.map((c) => c.text), MODEL_FEATURES));
  const fProbs = probsWith(cases.map((c) => ({ lang: c.lang })), fLogits, languages, cal);
  const functional = thresholdAccuracy(cases, fProbs);
  log(`functional accuracy ${functional.accuracy.toFixed(3)} on ${functional.n} cases`);

  // the training templates, each scored by the fold that never saw its template: accuracy on
  // sentence frames the model has not seen, with the shipped calibration
  let templateFolds: CardInput['templateFolds'] = null;
  if (!permissive) {
    const tpl = data.rest.map((e, j) => ({ e, z: fits.logits[rtp.length + j] })).filter(({ e }) => e.source === 'functional');
    const tProbs = probsWith(tpl.map(({ e }) => e), Float32Array.from(tpl, ({ z }) => z), languages, cal);
    templateFolds = thresholdAccuracy(tpl.map(({ e }) => ({ lang: e.lang, fn: e.fn!, label: e.binary! })), tProbs);
    log(`training templates out of fold: accuracy ${templateFolds.accuracy.toFixed(3)} (hateful ${templateFolds.hateful.toFixed(3)}, not hateful ${templateFolds.notHateful.toFixed(3)}; ${Object.entries(templateFolds.byFn).map(([k, v]) => `${k} ${v.acc.toFixed(3)}`).join(', ')})`);
  }

  // spot checks: everyday sentences (v1 scored the ru one 0.88)
  const spot = SPOT_CHECKS.map(([lang, text]) => ({ lang, text }));
  const spotProbs = probsWith(spot, predictLogits(params, featurizeAll(spot.map((x) => x.text), MODEL_FEATURES)), languages, cal);
  const spotChecks = spot.map((x, i) => ({ ...x, prob: spotProbs[i] }));

  // benign text (never trained on): the held-out FLORES chunks and corpus A's paragraphs
  const benignSets: Array<[string, Example[]]> = [['flores (held out)', data.floresHeldOut], ['corpus A paragraphs', await loadCorpusAParagraphs(dataDir)], ['XSTest safe prompts', await loadXstestSafe(dataDir)]];
  const benign: BenignReport[] = [];
  for (const [set, items] of benignSets) {
    if (items.length === 0) continue;
    const probs = probsWith(items, predictLogits(params, featurizeAll(items.map((e) => e.text), MODEL_FEATURES)), languages, cal);
    for (const lang of [...new Set(items.map((e) => e.lang))].sort()) {
      const p = items.map((e, i) => (e.lang === lang ? probs[i] : -1)).filter((x) => x >= 0).sort((a, b) => a - b);
      benign.push({ set, lang, n: p.length, flagged: p.filter((x) => x >= THRESHOLD).length / p.length, median: p[Math.floor(p.length / 2)] });
    }
  }
  const floresFlagged = benign.filter((b) => b.set.startsWith('flores'));
  log(`benign text ≥ ${THRESHOLD}: flores macro ${(100 * floresFlagged.reduce((s, b) => s + b.flagged, 0) / Math.max(1, floresFlagged.length)).toFixed(1)}%${benign.filter((b) => !b.set.startsWith('flores')).map((b) => `, ${b.set} ${(100 * b.flagged).toFixed(1)}%`).join('')}`);

  // native dev sets (never trained on)
  const nd = await loadNativeDev(dataDir);
  const ndLogits = predictLogits(params, featurizeAll(nd.map((e) => e.text), MODEL_FEATURES));
  const nativeDev: NativeDevReport[] = [];
  for (const set of [...new Set(nd.map((e) => e.source))]) {
    const idx = nd.map((e, i) => (e.source === set ? i : -1)).filter((i) => i >= 0);
    nativeDev.push({ set, lang: nd[idx[0]].lang, n: idx.length, auc: rocAuc(idx.map((i) => ndLogits[i]), idx.map((i) => nd[i].binary ?? 0)) });
  }

  // export and check ONNX Runtime against the trainer's forward pass
  const file = permissive ? 'toxicity-permissive-v1.onnx' : 'toxicity-v1.onnx';
  const resultingLicence = permissive
    ? 'CC BY-SA 4.0 (permissive sets only; attribution and share-alike)'
    : 'non-commercial research use only (CC BY-NC-SA 4.0 terms + RTP-LX use restrictions; several sets have no licence statement)';
  const meta: BagModelMeta = {
    format: 'winnow-hashed-bag/1',
    label: 'toxicity',
    features: MODEL_FEATURES,
    languages,
    threshold: THRESHOLD,
    windowChars: WINDOW_CHARS,
    licence: resultingLicence,
    trainedOn: sources,
    seed,
  };
  const bytes = bagModelToOnnx(params, cal, meta, { float16: true });
  await mkdir(outDir, { recursive: true });
  const outFile = path.join(outDir, file);
  await writeFile(outFile, bytes);
  const model = await BagClassifier.load(outFile, { provider: 'cpu', threads: 1 }, createLogger({}, 'warn'));
  // parity on the records of fold 0 (the final model's own logits, not the out-of-fold ones)
  const checkSet = rtp17.filter((e) => foldOf(e) === 0);
  const rows = model.featurize(checkSet.map((e) => e.text));
  const langRows = Int32Array.from(checkSet.map((e) => model.langRow(e.lang)));
  const order = Int32Array.from({ length: checkSet.length }, (_, i) => i);
  const expected = probsWith(checkSet, predictLogits(params, featurizeAll(checkSet.map((e) => e.text), MODEL_FEATURES)), languages, cal);
  let parity = 0;
  for (let from = 0; from < checkSet.length; from += 256) {
    const out = await model.run(rows, langRows, order, from, Math.min(checkSet.length, from + 256));
    for (let i = 0; i < out.length; i++) parity = Math.max(parity, Math.abs(out[i] - expected[from + i]));
  }
  await model.close();
  log(`wrote ${outFile} (${(bytes.length / 2 ** 20).toFixed(1)} MiB); ONNX Runtime vs trainer max |Δp| ${parity.toExponential(2)}`);
  if (parity > 5e-3) throw new Error(`ONNX parity check failed: max |Δp| ${parity}`);

  const buildSeconds = (performance.now() - t0) / 1000;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const card = renderCard({
    file,
    bytes: bytes.length,
    sha256,
    licenceMode: permissive ? 'permissive' : 'all',
    resultingLicence,
    sources,
    counts: fits.final.counts,
    arch: `hashed embedding bag: ${MODEL_FEATURES.buckets.toLocaleString('en-US')} buckets × ${cfg.dim} dims (float16 in the file) plus one float32 "wide" weight per bucket; bag pooled with weights 1/√n; MLP ${cfg.dim}→${cfg.hidden} (ReLU)→1 plus a linear skip from the pooled vector; Platt scaling (${CAL_TEXT[CAL.mode]}); sigmoid.`,
    features: `characters 1–5 of the NFKC lower-cased text; character 3–5-grams of its leetspeak-mapped, letters-only "skeleton"; word uni- and bigrams from Intl.Segmenter${MODEL_FEATURES.lexicon ? `; one shared "lexicon" id per word or phrase of the LDNOOBW bad-words lists (npm naughty-words, all 28 lists merged; words also matched as prefixes of longer words from ${MODEL_FEATURES.lexiconPrefix} characters, e.g. inflections and compounds), a cue learnt from every language at once that carries over to languages with little data` : ''}${MODEL_FEATURES.hostility ? `; shared ids from winnow's own stance lexicons (filters/classify/hostility.ts: dehumanising, contemptuous and violent words and identity groups in the 17 languages, written for winnow): one per hostile word, one per clause that holds a hostile word and names a group` : ''}${MODEL_FEATURES.stance ? `; likewise one per word of regard (respect, welcome, equal rights) and per clause that holds one and names a group, one per word that condemns hate (wrong, racist, reported) and per clause that holds one beside a hostile word (counter-speech)` : ''}${MODEL_FEATURES.negation ? `; one shared id per negated clause (filters/classify/negation.ts: negation words of the 17 languages; a clause ends at punctuation), plus one per bad or hostile word inside it` : ''}.`,
    train: `Row-wise Adagrad (embedding table, lr ${cfg.lrEmb}), per-bucket Adagrad (wide weights, lr ${cfg.lrWide}), Adam (MLP, lr ${cfg.lrDense}, cosine), ${cfg.epochs} epochs, one example at a time, n-gram dropout ${cfg.dropout}, one logit offset per training set (label definitions differ; dropped after training). ${permissive ? '' : `RTP-LX targets are soft and cross-lingual: every RTP-LX record of an Index gets the mean toxicity over all its locales (consensus weight ${MODEL_ASSEMBLE.consensus}), mapped to clip((t − 1.5)/1.5, 0, 1), middle band included (models/toxicity/experiment.ts rtpTargets); a cross-validation fold keeps every locale of an Index on one side, so no label of the records it scores leaks into a target. `}Native sets are capped at ${MODEL_ASSEMBLE.nativeCap} examples per set and language with weight ${MODEL_ASSEMBLE.nativeWeight}; RTP-LX and template examples get an obfuscated copy with probability ${MODEL_ASSEMBLE.augment} (models/toxicity/augment.ts). ${permissive ? '' : `A linear model (L2 1e-6, per-bucket Adagrad, 10 epochs, same features and 1/√n weighting) on RTP-LX's clear cases (each locale's own labels), the templates and ${LINEAR_BENIGN_PERCENT}% of the FLORES training chunks is trained separately and added onto the wide table: an ensemble inside one graph. `}Calibration: Platt scaling, ${CAL_TEXT[CAL.mode]}${CAL.mode === 'shared' ? '' : ` (prior strength ${CAL.lambda} examples)`}, fitted on ${permissive ? 'a held-out tenth of the permissive training data' : 'the out-of-fold scores of every labelled RTP-LX record (28 locales)'}.${permissive ? '' : ` Chosen on the cross-fitted ECE (so the choice itself is tuned on these records); on this model's out-of-fold scores the per-language macro ECE / pooled ECE are: ${calChoice}; the per-language floors are ≈ ${m.eceFloor.toFixed(3)}.`}`,
    seed,
    parallel,
    trainSeconds,
    buildSeconds,
    node: process.version,
    threshold: THRESHOLD,
    windowChars: WINDOW_CHARS,
    report,
    macro: m,
    functional,
    templateFolds,
    nativeDev,
    bins,
    onnxParity: parity,
    spotChecks,
    benign,
    calibration: CAL_TEXT[CAL.mode],
    calibrationNote: permissive
      ? 'ECE for this build uses its shipped calibration (fitted on its own held-out data, not on RTP-LX).'
      : 'The shipped calibration is fitted on all of these out-of-fold scores; the ECE column uses cross-fitted calibration (fitted on the other half of the records), so it estimates the error on unseen data.',
  });
  const cardFile = path.join(outDir, permissive ? 'toxicity-permissive.md' : 'toxicity.md');
  await writeFile(cardFile, card);
  await writeFile(path.join(outDir, permissive ? 'toxicity-permissive-eval.json' : 'toxicity-eval.json'), JSON.stringify({ file, sha256, macro: m, report, functional: { accuracy: functional.accuracy, byFn: functional.byFn, byLang: functional.byLang }, templateFolds, bins, nativeDev, benign, trainSeconds, buildSeconds, parity, node: process.version }, null, 2) + '\n');
  log(`wrote ${cardFile}; done in ${buildSeconds.toFixed(0)} s`);
}

/**
 * Accuracy at the documented threshold: overall, on hateful and on non-hateful cases, and by
 * functional class and language (the functional tests and the out-of-fold training templates).
 */
function thresholdAccuracy(cases: ReadonlyArray<{ lang: string; fn: string; label: 0 | 1 }>, probs: ArrayLike<number>): ThresholdAccuracy {
  const tally = (): Accuracy => ({ acc: 0, n: 0 });
  const all = tally();
  const byLabel = [tally(), tally()];
  const byFn: Record<string, Accuracy> = {};
  const byLang: Record<string, Accuracy> = {};
  cases.forEach((c, i) => {
    const ok = (probs[i] >= THRESHOLD ? 1 : 0) === c.label ? 1 : 0;
    for (const t of [all, byLabel[c.label], (byFn[c.fn] ??= tally()), (byLang[c.lang] ??= tally())]) {
      t.acc += ok;
      t.n++;
    }
  });
  for (const t of [all, ...byLabel, ...Object.values(byFn), ...Object.values(byLang)]) t.acc /= t.n;
  return { accuracy: all.acc, n: all.n, hateful: byLabel[1].acc, notHateful: byLabel[0].acc, byFn, byLang };
}

function probsWith(items: Array<{ lang: string }>, logits: Float32Array, languages: string[], cal: { a: Float32Array; b: Float32Array }): Float64Array {
  const idx = new Map(languages.map((l, i) => [l, i]));
  return Float64Array.from(items.map((e, i) => {
    const r = idx.get(e.lang) ?? 0;
    const z = Math.fround(cal.a[r] * logits[i] + cal.b[r]);
    return 1 / (1 + Math.exp(-z));
  }));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
