/**
 * Negation cues for the hashed-bag features: words that negate a clause in the 17 PTP languages.
 * A bag of n-grams cannot tell "X are a plague" from "X are not a plague"; one shared id for every
 * negated clause (and one for each bad-words or hostility hit inside it) lets the model learn what
 * negation does from every language at once. Matching is on lower-cased word segments of
 * `Intl.Segmenter`, so it needs no language tag (the lists are merged; a few cross-language
 * collisions, such as Czech `ne`, only add a cue).
 */

const WORDS = new Set([
  // en
  'not', 'no', 'never', 'nobody', 'nothing', 'none', 'neither', 'nor', 'cannot', 'noone',
  // de
  'nicht', 'kein', 'keine', 'keinen', 'keinem', 'keiner', 'keines', 'nie', 'niemals', 'niemand', 'nichts',
  // fr
  'ne', 'pas', 'jamais', 'rien', 'aucun', 'aucune', 'nul', 'nulle',
  // es, pt, it
  'nunca', 'jamás', 'nadie', 'nada', 'ningún', 'ninguna', 'ninguno', 'tampoco', 'ni',
  'não', 'ninguém', 'nenhum', 'nenhuma', 'nem',
  'non', 'mai', 'nessuno', 'nessuna', 'niente', 'nulla', 'né',
  // nl, sv
  'niet', 'geen', 'nooit', 'niets',
  'inte', 'ej', 'aldrig', 'ingen', 'inget', 'inga', 'ingenting',
  // pl, cs (Czech negates verbs with a `ne-` prefix: its commonest negated forms are listed)
  'nigdy', 'nikt', 'nic', 'żaden', 'żadna', 'żadne', 'ani',
  'nikdy', 'nikdo', 'žádný', 'žádná', 'žádné', 'není', 'nejsou', 'nejsem', 'nejsi', 'nejsme', 'nejste', 'nemám', 'nemá',
  'nemají', 'nebude', 'nebudou', 'nechci', 'nesmí', 'nemůže', 'nemohou', 'neměl', 'neměli', 'neměla', 'nebyl', 'nebyli',
  // ru
  'не', 'ни', 'нет', 'никогда', 'никто', 'ничто', 'ничего', 'никакой', 'никакие', 'нельзя',
  // ar
  'لا', 'ليس', 'ليست', 'ليسوا', 'لست', 'لم', 'لن', 'أبدا', 'أبداً',
  // hi
  'नहीं', 'नही', 'न', 'मत',
  // id
  'tidak', 'bukan', 'jangan', 'tak', 'belum', 'tiada',
  // ja, ko, zh whole words (prefixes and endings below)
  'ない', 'ず', 'ぬ', 'せん', 'ません', 'なかっ', 'なかった', '안', '못', '不', '没', '没有', '别', '非', '未', '無', '无', '勿',
]);

/** Japanese negative endings of a word segment (`ありません`, `食べない`, `なかった`). */
const JA_ENDINGS = ['ない', 'ません', 'なかった', 'なく'];
/** Korean negative word starts (`않는다`, `없다`, `아니다`). */
const KO_STARTS = ['않', '없', '아니', '아닌'];
/** Chinese words that start with a negator (`不是`, `没有`, `别说`). */
const ZH_STARTS = ['不', '没', '別', '别', '未', '無', '无'];
const HAN_RE = /\p{Script=Han}/u;
const HIRAGANA_END_RE = /\p{Script=Hiragana}$/u;
const HANGUL_RE = /\p{Script=Hangul}/u;

/** True if a lower-cased word segment negates its clause. */
export function isNegator(word: string): boolean {
  if (WORDS.has(word)) return true;
  // English contractions (`don't`, `isn’t`), French elision (`n'est`)
  if (word.includes("'") || word.includes('’')) return word.endsWith("n't") || word.endsWith('n’t') || word.startsWith("n'") || word.startsWith('n’');
  // below U+3040 (Hiragana) no script here negates by prefix or ending: skip the script tests
  if (word.charCodeAt(0) < 0x3040) return false;
  if (HIRAGANA_END_RE.test(word)) return JA_ENDINGS.some((e) => word.endsWith(e));
  if (HANGUL_RE.test(word)) return KO_STARTS.some((s) => word.startsWith(s));
  if (HAN_RE.test(word)) return ZH_STARTS.some((s) => word.startsWith(s));
  return false;
}

/** Punctuation that ends a clause (Latin, CJK, Arabic, Devanagari), or a line break. */
export const CLAUSE_END_RE = /[.,;:!?¿¡…。，、；：！？،؛।\n]/u;
