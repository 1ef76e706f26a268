import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_FEATURES, featurize, IdBuffer, type FeatureConfig } from '../filters/classify/features.js';
import { clauseHits, hostilityLists, matchesWord } from '../filters/classify/hostility.js';
import { isNegator } from '../filters/classify/negation.js';

const BASE: FeatureConfig = { ...DEFAULT_FEATURES, buckets: 1 << 20, lexicon: true, lexiconPrefix: 5 };

function ids(text: string, cfg: FeatureConfig): number[] {
  const out = new IdBuffer();
  featurize(text, cfg, out);
  return [...out.slice()];
}

/** The ids `extra` adds to a text's bag (multiset difference), sorted. */
function added(text: string, extra: Partial<FeatureConfig>): number[] {
  const counts = new Map<number, number>();
  for (const id of ids(text, BASE)) counts.set(id, (counts.get(id) ?? 0) + 1);
  const out: number[] = [];
  for (const id of ids(text, { ...BASE, ...extra })) {
    const c = counts.get(id) ?? 0;
    if (c > 0) counts.set(id, c - 1);
    else out.push(id);
  }
  assert.ok([...counts.values()].every((c) => c === 0), `${text}: the extra cues must only add ids`);
  return out.sort((a, b) => a - b);
}

describe('negation cues', () => {
  test('negation words of several scripts are found, ordinary words are not', () => {
    for (const w of ['not', "don't", 'isn’t', 'pas', "n'est", 'nicht', 'не', 'nie', 'nejsou', 'لا', 'नहीं', 'tidak', 'ない', 'せん', '않는다', '아니다', '不是', '没有']) assert.ok(isNegator(w), w);
    for (const w of ['note', 'know', 'nothingness', 'notre', 'nicely', 'немного', '안녕', '大家', 'ありがとう']) assert.ok(!isNegator(w), w);
  });
});

describe('hostility lexicon', () => {
  test('words, stems, phrases and unspaced-script entries match', () => {
    const { hostile, groups } = hostilityLists();
    assert.ok(matchesWord(hostile, 'vermin'));
    assert.ok(matchesWord(hostile, 'exterminated'), 'stem exterminat*');
    assert.ok(matchesWord(hostile, 'ненавижу'), 'stem ненавиж*');
    assert.ok(!matchesWord(hostile, 'weather'));
    assert.ok(matchesWord(groups, 'muslims'));
    assert.ok(matchesWord(groups, 'flüchtlinge'), 'stem flüchtling*');
    assert.equal(clauseHits(hostile, 'saya kira mereka sampah masyarakat'), 1, 'phrase');
    assert.equal(clauseHits(hostile, '移民は害虫だ'), 1, 'Japanese substring');
    assert.equal(clauseHits(groups, '移民は害虫だ'), 1);
    assert.equal(clauseHits(hostile, '今日はいい天気です'), 0);
  });
});

describe('shared clause cues in the features', () => {
  const HOSTILITY = { hostility: true };
  const BOTH = { hostility: true, negation: true };

  test('off by default: models without the options keep their exact features', () => {
    assert.deepEqual(ids('Muslims are not vermin.', BASE), ids('Muslims are not vermin.', { ...BASE, hostility: false, negation: false }));
    assert.deepEqual(added('The weather is nice today.', BOTH), []);
  });

  test('a hostile word gives one id; naming a group in the same clause gives a second, shared by every language', () => {
    const [hostile] = added('They are vermin.', HOSTILITY);
    assert.equal(added('They are vermin.', HOSTILITY).length, 1);
    const en = added('Muslims are vermin.', HOSTILITY);
    const fr = added('Les musulmans sont de la vermine.', HOSTILITY);
    const ja = added('移民は害虫だ。', HOSTILITY);
    assert.equal(en.length, 2);
    assert.deepEqual(fr, en);
    assert.deepEqual(ja, en);
    assert.ok(en.includes(hostile));
    // the group in another clause: no group-hostility id
    assert.deepEqual(added('Muslims live here. Vermin!', HOSTILITY), [hostile]);
  });

  test('stance: praise beside a group and condemnation beside hostility get shared ids of their own', () => {
    const STANCE = { hostility: true, stance: true };
    assert.deepEqual(added('I admire and respect Muslims.', HOSTILITY), [], 'off without stance');
    const en = added('I respect Muslims.', STANCE);
    const de = added('Ich respektiere Muslime.', STANCE);
    const zh = added('我尊重穆斯林。', STANCE);
    assert.equal(en.length, 2, 'supportive, group-supportive');
    assert.deepEqual(de, en);
    assert.deepEqual(zh, en);
    // counter-speech: a condemning word beside a hostile word in one clause
    const counter = added('Calling them vermin is racist.', STANCE);
    const hostileOnly = added('Calling them vermin is racist.', HOSTILITY);
    assert.equal(counter.length, hostileOnly.length + 2, 'counter, counter-hostile');
    assert.equal(added('They are vermin. That is racist.', STANCE).length, hostileOnly.length + 1, 'no counter-hostile across clauses');
  });

  test('negated clauses get their own shared ids, in every language', () => {
    const en = added('Muslims are not vermin.', BOTH);
    const ru = added('Мусульмане не паразиты.', BOTH);
    assert.equal(en.length, 4, 'hostile, group-hostile, negated hostile, negated clause');
    assert.deepEqual(ru, en);
    const [negatedClause] = added('I do not like rain.', { negation: true });
    assert.equal(added('I do not like rain.', { negation: true }).length, 1);
    assert.ok(en.includes(negatedClause));
    // the negation stops at the clause's end
    assert.deepEqual(added('I do not know, they are vermin.', BOTH), [...added('They are vermin.', HOSTILITY), negatedClause].sort((a, b) => a - b));
  });
});
