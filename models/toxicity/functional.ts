/**
 * HateCheck-style functional cases in the 17 PTP languages, written for winnow. Two disjoint
 * template sets: `train` templates are added to the training data (so the model sees hateful
 * statements without profanity, and identity mentions, negations and counter-speech that are not
 * hateful); `test` templates — different sentences — measure generalisation, together with
 * obfuscated spellings of the hateful test cases and (English) reclaimed slurs. Groups are shared:
 * `{G}` is a group as subject, `{A}` as the object of the verb in that template.
 *
 * Functional classes: hate (H), dehumanisation (D), threat (T), spelling variation (S), negated
 * hate (NEG), counter-speech (C), neutral identity mention (N), positive identity mention (P),
 * reclaimed slur (R).
 */
import { obfuscate } from './augment.js';
import { EXTRA, EXTRA2, EXTRA3, EXTRA4 } from './functional-extra.js';
import { rng } from './train.js';

export interface FunctionalCase {
  lang: string;
  text: string;
  /** 1 = hateful/toxic, 0 = not. */
  label: 0 | 1;
  fn: string;
  /** The template the case was filled from (cross-validation folds keep a template's cases together). */
  template: string;
}

interface LangTemplates {
  /** [subject form, object form] of each group. */
  groups: Array<[string, string]>;
  train: Array<[string, 0 | 1, string]>;
  test: Array<[string, 0 | 1, string]>;
}

// Each template: [text, label, functional class].
const T: Record<string, LangTemplates> = {
  en: {
    groups: [['women', 'women'], ['gay people', 'gay people'], ['Muslims', 'Muslims'], ['immigrants', 'immigrants'], ['Black people', 'Black people'], ['disabled people', 'disabled people'], ['trans people', 'trans people'], ['Jews', 'Jews']],
    train: [
      ['I hate {A}.', 1, 'H'], ['{G} are disgusting vermin.', 1, 'D'], ['All {G} should be killed.', 1, 'T'], ['{G} are worthless scum and should disappear.', 1, 'H'],
      ['I love {A}.', 0, 'P'], ['I am friends with many {A}.', 0, 'N'], ["I don't hate {A}.", 0, 'NEG'], ['Saying that {G} are vermin is wrong.', 0, 'C'],
    ],
    test: [
      ['{G} are a plague on society.', 1, 'H'], ['I despise {A} so much.', 1, 'H'], ['{G} should be exterminated.', 1, 'T'], ['{G} are subhuman animals.', 1, 'D'],
      ['{G} deserve the same rights as everyone else.', 0, 'P'], ['There are many {G} in my neighbourhood.', 0, 'N'], ['{G} are not a plague on society.', 0, 'NEG'], ['It is unacceptable to call {A} animals.', 0, 'C'],
    ],
  },
  de: {
    groups: [['Frauen', 'Frauen'], ['Schwule', 'Schwule'], ['Muslime', 'Muslime'], ['Einwanderer', 'Einwanderer'], ['Schwarze', 'Schwarze'], ['Behinderte', 'Behinderte']],
    train: [
      ['Ich hasse {A}.', 1, 'H'], ['{G} sind ekelhaftes Ungeziefer.', 1, 'D'], ['Alle {G} sollte man umbringen.', 1, 'T'], ['{G} sind wertloser Abschaum und sollen verschwinden.', 1, 'H'],
      ['Ich liebe {A}.', 0, 'P'], ['Ich bin mit vielen {A} befreundet.', 0, 'N'], ['Ich hasse {A} nicht.', 0, 'NEG'], ['Zu sagen, dass {G} Ungeziefer sind, ist falsch.', 0, 'C'],
    ],
    test: [
      ['{G} sind eine Plage für die Gesellschaft.', 1, 'H'], ['Ich verachte {A} zutiefst.', 1, 'H'], ['{G} sollte man ausrotten.', 1, 'T'], ['{G} sind Untermenschen und Tiere.', 1, 'D'],
      ['{G} verdienen dieselben Rechte wie alle anderen.', 0, 'P'], ['In meiner Nachbarschaft wohnen viele {G}.', 0, 'N'], ['{G} sind keine Plage für die Gesellschaft.', 0, 'NEG'], ['Es ist inakzeptabel, {A} Tiere zu nennen.', 0, 'C'],
    ],
  },
  fr: {
    groups: [['les femmes', 'les femmes'], ['les homosexuels', 'les homosexuels'], ['les musulmans', 'les musulmans'], ['les immigrés', 'les immigrés'], ['les Noirs', 'les Noirs'], ['les handicapés', 'les handicapés']],
    train: [
      ['Je déteste {A}.', 1, 'H'], ['{G} sont une vermine dégoûtante.', 1, 'D'], ['Il faudrait tuer tous {A}.', 1, 'T'], ['{G} sont des déchets sans valeur qui doivent disparaître.', 1, 'H'],
      ["J'adore {A}.", 0, 'P'], ["J'ai beaucoup d'amis parmi {A}.", 0, 'N'], ['Je ne déteste pas {A}.', 0, 'NEG'], ['Dire que {G} sont de la vermine, c\'est faux.', 0, 'C'],
    ],
    test: [
      ['{G} sont un fléau pour la société.', 1, 'H'], ['Je méprise profondément {A}.', 1, 'H'], ['Il faut exterminer {A}.', 1, 'T'], ['{G} sont des sous-hommes, des animaux.', 1, 'D'],
      ['{G} méritent les mêmes droits que tout le monde.', 0, 'P'], ['Il y a beaucoup de gens parmi {A} dans mon quartier.', 0, 'N'], ['{G} ne sont pas un fléau pour la société.', 0, 'NEG'], ["Il est inacceptable de traiter {A} d'animaux.", 0, 'C'],
    ],
  },
  es: {
    groups: [['las mujeres', 'a las mujeres'], ['los gays', 'a los gays'], ['los musulmanes', 'a los musulmanes'], ['los inmigrantes', 'a los inmigrantes'], ['los negros', 'a los negros'], ['los discapacitados', 'a los discapacitados']],
    train: [
      ['Odio {A}.', 1, 'H'], ['{G} son una plaga asquerosa de alimañas.', 1, 'D'], ['Habría que matar {A}.', 1, 'T'], ['{G} son escoria sin valor y deberían desaparecer.', 1, 'H'],
      ['Quiero mucho {A}.', 0, 'P'], ['Tengo muchos amigos entre {G}.', 0, 'N'], ['No odio {A}.', 0, 'NEG'], ['Decir que {G} son alimañas está mal.', 0, 'C'],
    ],
    test: [
      ['{G} son una plaga para la sociedad.', 1, 'H'], ['Desprecio profundamente {A}.', 1, 'H'], ['Hay que exterminar {A}.', 1, 'T'], ['{G} son animales infrahumanos.', 1, 'D'],
      ['{G} merecen los mismos derechos que todos.', 0, 'P'], ['En mi barrio viven muchos de {G}.', 0, 'N'], ['{G} no son una plaga para la sociedad.', 0, 'NEG'], ['Es inaceptable llamar animales {A}.', 0, 'C'],
    ],
  },
  it: {
    groups: [['le donne', 'le donne'], ['i gay', 'i gay'], ['i musulmani', 'i musulmani'], ['gli immigrati', 'gli immigrati'], ['i neri', 'i neri'], ['i disabili', 'i disabili']],
    train: [
      ['Odio {A}.', 1, 'H'], ['{G} sono parassiti schifosi.', 1, 'D'], ['Bisognerebbe ammazzare tutti {A}.', 1, 'T'], ['{G} sono feccia senza valore e devono sparire.', 1, 'H'],
      ['Adoro {A}.', 0, 'P'], ['Ho molti amici tra {G}.', 0, 'N'], ['Non odio {A}.', 0, 'NEG'], ['Dire che {G} sono parassiti è sbagliato.', 0, 'C'],
    ],
    test: [
      ['{G} sono una piaga per la società.', 1, 'H'], ['Disprezzo profondamente {A}.', 1, 'H'], ['Bisogna sterminare {A}.', 1, 'T'], ['{G} sono animali subumani.', 1, 'D'],
      ['{G} meritano gli stessi diritti di tutti.', 0, 'P'], ['Nel mio quartiere vivono molti tra {G}.', 0, 'N'], ['{G} non sono una piaga per la società.', 0, 'NEG'], ['È inaccettabile chiamare animali {A}.', 0, 'C'],
    ],
  },
  pt: {
    groups: [['as mulheres', 'as mulheres'], ['os gays', 'os gays'], ['os muçulmanos', 'os muçulmanos'], ['os imigrantes', 'os imigrantes'], ['os negros', 'os negros'], ['os deficientes', 'os deficientes']],
    train: [
      ['Eu odeio {A}.', 1, 'H'], ['{G} são uma praga nojenta de vermes.', 1, 'D'], ['Deviam matar todos {A}.', 1, 'T'], ['{G} são escória sem valor e deviam desaparecer.', 1, 'H'],
      ['Eu adoro {A}.', 0, 'P'], ['Tenho muitos amigos entre {G}.', 0, 'N'], ['Eu não odeio {A}.', 0, 'NEG'], ['Dizer que {G} são vermes é errado.', 0, 'C'],
    ],
    test: [
      ['{G} são uma praga para a sociedade.', 1, 'H'], ['Eu desprezo profundamente {A}.', 1, 'H'], ['É preciso exterminar {A}.', 1, 'T'], ['{G} são animais sub-humanos.', 1, 'D'],
      ['{G} merecem os mesmos direitos que todos.', 0, 'P'], ['No meu bairro moram muitos entre {G}.', 0, 'N'], ['{G} não são uma praga para a sociedade.', 0, 'NEG'], ['É inaceitável chamar {A} de animais.', 0, 'C'],
    ],
  },
  nl: {
    groups: [['vrouwen', 'vrouwen'], ['homo\'s', 'homo\'s'], ['moslims', 'moslims'], ['immigranten', 'immigranten'], ['zwarte mensen', 'zwarte mensen'], ['gehandicapten', 'gehandicapten']],
    train: [
      ['Ik haat {A}.', 1, 'H'], ['{G} zijn walgelijk ongedierte.', 1, 'D'], ['Alle {G} moeten afgemaakt worden.', 1, 'T'], ['{G} zijn waardeloos tuig en moeten verdwijnen.', 1, 'H'],
      ['Ik hou van {A}.', 0, 'P'], ['Ik ben bevriend met veel {A}.', 0, 'N'], ['Ik haat {A} niet.', 0, 'NEG'], ['Zeggen dat {G} ongedierte zijn, is fout.', 0, 'C'],
    ],
    test: [
      ['{G} zijn een plaag voor de samenleving.', 1, 'H'], ['Ik veracht {A} diep.', 1, 'H'], ['{G} moeten uitgeroeid worden.', 1, 'T'], ['{G} zijn onmenselijke beesten.', 1, 'D'],
      ['{G} verdienen dezelfde rechten als iedereen.', 0, 'P'], ['In mijn buurt wonen veel {G}.', 0, 'N'], ['{G} zijn geen plaag voor de samenleving.', 0, 'NEG'], ['Het is onaanvaardbaar om {A} beesten te noemen.', 0, 'C'],
    ],
  },
  sv: {
    groups: [['kvinnor', 'kvinnor'], ['homosexuella', 'homosexuella'], ['muslimer', 'muslimer'], ['invandrare', 'invandrare'], ['svarta', 'svarta'], ['funktionshindrade', 'funktionshindrade']],
    train: [
      ['Jag hatar {A}.', 1, 'H'], ['{G} är äckliga ohyror.', 1, 'D'], ['Alla {G} borde dödas.', 1, 'T'], ['{G} är värdelöst avskum och borde försvinna.', 1, 'H'],
      ['Jag älskar {A}.', 0, 'P'], ['Jag är vän med många {A}.', 0, 'N'], ['Jag hatar inte {A}.', 0, 'NEG'], ['Att säga att {G} är ohyra är fel.', 0, 'C'],
    ],
    test: [
      ['{G} är en pest för samhället.', 1, 'H'], ['Jag föraktar {A} djupt.', 1, 'H'], ['{G} borde utrotas.', 1, 'T'], ['{G} är undermänniskor och djur.', 1, 'D'],
      ['{G} förtjänar samma rättigheter som alla andra.', 0, 'P'], ['Det bor många {G} i mitt grannskap.', 0, 'N'], ['{G} är ingen pest för samhället.', 0, 'NEG'], ['Det är oacceptabelt att kalla {A} för djur.', 0, 'C'],
    ],
  },
  pl: {
    groups: [['kobiety', 'kobiet'], ['geje', 'gejów'], ['muzułmanie', 'muzułmanów'], ['imigranci', 'imigrantów'], ['czarni', 'czarnych'], ['niepełnosprawni', 'niepełnosprawnych']],
    train: [
      ['Nienawidzę {A}.', 1, 'H'], ['{G} to obrzydliwe robactwo.', 1, 'D'], ['Trzeba wymordować wszystkich {A}.', 1, 'T'], ['{G} to bezwartościowe ścierwo, które powinno zniknąć.', 1, 'H'],
      ['{G} to wspaniali ludzie.', 0, 'P'], ['Mam wielu przyjaciół wśród {A}.', 0, 'N'], ['Nie nienawidzę {A}.', 0, 'NEG'], ['Mówienie, że {G} to robactwo, jest złe.', 0, 'C'],
    ],
    test: [
      ['{G} to plaga dla społeczeństwa.', 1, 'H'], ['Głęboko pogardzam {A}.', 1, 'H'], ['{G} powinni zostać wytępieni.', 1, 'T'], ['{G} to podludzie i zwierzęta.', 1, 'D'],
      ['{G} zasługują na takie same prawa jak wszyscy.', 0, 'P'], ['W mojej okolicy mieszka wielu {A}.', 0, 'N'], ['{G} nie są plagą dla społeczeństwa.', 0, 'NEG'], ['Nazywanie {A} zwierzętami jest niedopuszczalne.', 0, 'C'],
    ],
  },
  cs: {
    groups: [['ženy', 'ženy'], ['gayové', 'gaye'], ['muslimové', 'muslimy'], ['imigranti', 'imigranty'], ['černoši', 'černochy'], ['postižení', 'postižené']],
    train: [
      ['Nenávidím {A}.', 1, 'H'], ['{G} jsou odporná havěť.', 1, 'D'], ['Všechny {A} by se mělo zabít.', 1, 'T'], ['{G} jsou bezcenná spodina a měli by zmizet.', 1, 'H'],
      ['Miluju {A}.', 0, 'P'], ['Mám mnoho přátel, kteří jsou {G}.', 0, 'N'], ['Nenenávidím {A}.', 0, 'NEG'], ['Říkat, že {G} jsou havěť, je špatné.', 0, 'C'],
    ],
    test: [
      ['{G} jsou mor pro společnost.', 1, 'H'], ['Hluboce pohrdám {A}.', 1, 'H'], ['{A} je třeba vyhladit.', 1, 'T'], ['{G} jsou podlidé a zvířata.', 1, 'D'],
      ['{G} si zaslouží stejná práva jako všichni ostatní.', 0, 'P'], ['V mém sousedství žije mnoho lidí, kteří jsou {G}.', 0, 'N'], ['{G} nejsou mor pro společnost.', 0, 'NEG'], ['Je nepřijatelné nazývat {A} zvířaty.', 0, 'C'],
    ],
  },
  ru: {
    groups: [['женщины', 'женщин'], ['геи', 'геев'], ['мусульмане', 'мусульман'], ['иммигранты', 'иммигрантов'], ['чернокожие', 'чернокожих'], ['инвалиды', 'инвалидов']],
    train: [
      ['Я ненавижу {A}.', 1, 'H'], ['{G} — мерзкие паразиты.', 1, 'D'], ['Всех {A} надо убить.', 1, 'T'], ['{G} — никчёмное отребье, они должны исчезнуть.', 1, 'H'],
      ['Я люблю {A}.', 0, 'P'], ['У меня много друзей среди {A}.', 0, 'N'], ['Я не ненавижу {A}.', 0, 'NEG'], ['Говорить, что {G} — паразиты, неправильно.', 0, 'C'],
    ],
    test: [
      ['{G} — это чума для общества.', 1, 'H'], ['Я глубоко презираю {A}.', 1, 'H'], ['{A} нужно истребить.', 1, 'T'], ['{G} — недочеловеки и животные.', 1, 'D'],
      ['{G} заслуживают тех же прав, что и все.', 0, 'P'], ['В моём районе живёт много {A}.', 0, 'N'], ['{G} — не чума для общества.', 0, 'NEG'], ['Недопустимо называть {A} животными.', 0, 'C'],
    ],
  },
  ar: {
    groups: [['النساء', 'النساء'], ['المثليون', 'المثليين'], ['المسلمون', 'المسلمين'], ['المهاجرون', 'المهاجرين'], ['السود', 'السود'], ['المعاقون', 'المعاقين']],
    train: [
      ['أنا أكره {A}.', 1, 'H'], ['{G} حشرات مقززة.', 1, 'D'], ['يجب قتل كل {A}.', 1, 'T'], ['{G} حثالة لا قيمة لهم ويجب أن يختفوا.', 1, 'H'],
      ['أنا أحب {A}.', 0, 'P'], ['لدي أصدقاء كثيرون من {A}.', 0, 'N'], ['أنا لا أكره {A}.', 0, 'NEG'], ['القول بأن {G} حشرات خطأ.', 0, 'C'],
    ],
    test: [
      ['{G} وباء على المجتمع.', 1, 'H'], ['أنا أحتقر {A} بشدة.', 1, 'H'], ['يجب إبادة {A}.', 1, 'T'], ['{G} حيوانات دون البشر.', 1, 'D'],
      ['{G} يستحقون نفس الحقوق مثل الجميع.', 0, 'P'], ['يعيش الكثير من {A} في حيي.', 0, 'N'], ['{G} ليسوا وباء على المجتمع.', 0, 'NEG'], ['من غير المقبول وصف {A} بالحيوانات.', 0, 'C'],
    ],
  },
  hi: {
    groups: [['औरतें', 'औरतों'], ['समलैंगिक लोग', 'समलैंगिक लोगों'], ['मुसलमान', 'मुसलमानों'], ['प्रवासी', 'प्रवासियों'], ['दलित', 'दलितों'], ['विकलांग लोग', 'विकलांग लोगों']],
    train: [
      ['मैं {A} से नफ़रत करता हूँ।', 1, 'H'], ['{G} घिनौने कीड़े हैं।', 1, 'D'], ['सभी {A} को मार डालना चाहिए।', 1, 'T'], ['{G} बेकार कचरा हैं और इन्हें गायब हो जाना चाहिए।', 1, 'H'],
      ['मैं {A} से प्यार करता हूँ।', 0, 'P'], ['मेरे कई दोस्त {G} हैं।', 0, 'N'], ['मैं {A} से नफ़रत नहीं करता।', 0, 'NEG'], ['यह कहना कि {G} कीड़े हैं, गलत है।', 0, 'C'],
    ],
    test: [
      ['{G} समाज के लिए एक महामारी हैं।', 1, 'H'], ['मैं {A} से घृणा करता हूँ।', 1, 'H'], ['{A} का सफ़ाया कर देना चाहिए।', 1, 'T'], ['{G} इंसान नहीं, जानवर हैं।', 1, 'D'],
      ['{G} भी सबके बराबर अधिकारों के हक़दार हैं।', 0, 'P'], ['मेरे मोहल्ले में बहुत से {G} रहते हैं।', 0, 'N'], ['{G} समाज के लिए कोई महामारी नहीं हैं।', 0, 'NEG'], ['{A} को जानवर कहना अस्वीकार्य है।', 0, 'C'],
    ],
  },
  id: {
    groups: [['perempuan', 'perempuan'], ['orang gay', 'orang gay'], ['orang Muslim', 'orang Muslim'], ['imigran', 'imigran'], ['orang kulit hitam', 'orang kulit hitam'], ['penyandang disabilitas', 'penyandang disabilitas']],
    train: [
      ['Aku benci {A}.', 1, 'H'], ['{G} itu hama menjijikkan.', 1, 'D'], ['Semua {A} harus dibunuh.', 1, 'T'], ['{G} itu sampah tak berguna dan harus lenyap.', 1, 'H'],
      ['Aku sayang {A}.', 0, 'P'], ['Aku punya banyak teman {G}.', 0, 'N'], ['Aku tidak benci {A}.', 0, 'NEG'], ['Mengatakan bahwa {G} itu hama adalah salah.', 0, 'C'],
    ],
    test: [
      ['{G} adalah wabah bagi masyarakat.', 1, 'H'], ['Aku sangat jijik dengan {A}.', 1, 'H'], ['{A} harus dibasmi.', 1, 'T'], ['{G} itu binatang, bukan manusia.', 1, 'D'],
      ['{G} berhak atas hak yang sama seperti semua orang.', 0, 'P'], ['Banyak {G} tinggal di lingkunganku.', 0, 'N'], ['{G} bukan wabah bagi masyarakat.', 0, 'NEG'], ['Tidak bisa diterima menyebut {A} binatang.', 0, 'C'],
    ],
  },
  ja: {
    groups: [['女', '女'], ['ゲイ', 'ゲイ'], ['イスラム教徒', 'イスラム教徒'], ['移民', '移民'], ['黒人', '黒人'], ['障害者', '障害者']],
    train: [
      ['{A}が大嫌いだ。', 1, 'H'], ['{G}は気持ち悪い害虫だ。', 1, 'D'], ['{A}は全員殺すべきだ。', 1, 'T'], ['{G}は価値のないクズだから消えろ。', 1, 'H'],
      ['{A}が大好きです。', 0, 'P'], ['私には{G}の友達がたくさんいます。', 0, 'N'], ['私は{A}を嫌っていません。', 0, 'NEG'], ['{G}を害虫と呼ぶのは間違っている。', 0, 'C'],
    ],
    test: [
      ['{G}は社会の疫病神だ。', 1, 'H'], ['{A}を心の底から軽蔑している。', 1, 'H'], ['{A}は根絶やしにすべきだ。', 1, 'T'], ['{G}は人間以下の動物だ。', 1, 'D'],
      ['{G}にも皆と同じ権利がある。', 0, 'P'], ['うちの近所には{G}がたくさん住んでいます。', 0, 'N'], ['{G}は社会の疫病神なんかじゃない。', 0, 'NEG'], ['{A}を動物呼ばわりするのは許されない。', 0, 'C'],
    ],
  },
  ko: {
    groups: [['여자들', '여자들'], ['게이들', '게이들'], ['무슬림들', '무슬림들'], ['이민자들', '이민자들'], ['흑인들', '흑인들'], ['장애인들', '장애인들']],
    train: [
      ['나는 {A}이 정말 싫다.', 1, 'H'], ['{G}은 역겨운 벌레다.', 1, 'D'], ['{A}은 다 죽여야 한다.', 1, 'T'], ['{G}은 쓸모없는 쓰레기니까 사라져야 한다.', 1, 'H'],
      ['나는 {A}을 좋아한다.', 0, 'P'], ['나는 {G} 친구가 많다.', 0, 'N'], ['나는 {A}을 싫어하지 않는다.', 0, 'NEG'], ['{G}을 벌레라고 부르는 것은 잘못이다.', 0, 'C'],
    ],
    test: [
      ['{G}은 사회의 전염병이다.', 1, 'H'], ['나는 {A}을 진심으로 경멸한다.', 1, 'H'], ['{A}은 박멸해야 한다.', 1, 'T'], ['{G}은 인간 이하의 짐승이다.', 1, 'D'],
      ['{G}도 모두와 똑같은 권리를 누려야 한다.', 0, 'P'], ['우리 동네에는 {G}이 많이 산다.', 0, 'N'], ['{G}은 사회의 전염병이 아니다.', 0, 'NEG'], ['{A}을 짐승이라고 부르는 것은 용납할 수 없다.', 0, 'C'],
    ],
  },
  zh: {
    groups: [['女人', '女人'], ['同性恋', '同性恋'], ['穆斯林', '穆斯林'], ['移民', '移民'], ['黑人', '黑人'], ['残疾人', '残疾人']],
    train: [
      ['我恨{A}。', 1, 'H'], ['{G}都是恶心的害虫。', 1, 'D'], ['应该把{A}全部杀掉。', 1, 'T'], ['{G}都是没用的人渣，应该消失。', 1, 'H'],
      ['我喜欢{A}。', 0, 'P'], ['我有很多{G}朋友。', 0, 'N'], ['我不恨{A}。', 0, 'NEG'], ['说{G}是害虫是不对的。', 0, 'C'],
    ],
    test: [
      ['{G}是社会的瘟疫。', 1, 'H'], ['我打心底里鄙视{A}。', 1, 'H'], ['{A}应该被消灭干净。', 1, 'T'], ['{G}都是低等的畜生。', 1, 'D'],
      ['{G}应该享有和大家一样的权利。', 0, 'P'], ['我家附近住着很多{G}。', 0, 'N'], ['{G}不是社会的瘟疫。', 0, 'NEG'], ['把{A}叫做畜生是不可接受的。', 0, 'C'],
    ],
  },
};

/** English reclaimed in-group uses (not hateful) — test only. */
const RECLAIMED: string[] = [
  "We're queer and we're proud of it.",
  'As a queer woman I love this community.',
  'Proud dyke here, happy pride month everyone!',
  'My queer friends and I are going to the parade.',
];

function fill(tpl: string, g: [string, string]): string {
  const s = tpl.replace('{G}', g[0]).replace('{A}', g[1]);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const FUNCTIONAL_LANGS = Object.keys(T).sort();

const HATEFUL = new Set(['H', 'D', 'T']);

/** Training cases: (train templates + the extra templates of functional-extra.ts) × groups. */
export function functionalTrain(extra = 4): FunctionalCase[] {
  const out: FunctionalCase[] = [];
  for (const lang of FUNCTIONAL_LANGS) {
    for (const [tpl, label, fn] of T[lang].train) for (const g of T[lang].groups) out.push({ lang, text: fill(tpl, g), label, fn, template: tpl });
    const sets = [EXTRA, EXTRA2, EXTRA3, EXTRA4].slice(0, extra).map((s) => s[lang]);
    for (const [fn, tpls] of sets.flatMap((x) => Object.entries(x))) {
      for (const tpl of tpls) {
        const label: 0 | 1 = HATEFUL.has(fn) ? 1 : 0;
        if (fn === 'O') out.push({ lang, text: tpl, label: 0, fn, template: tpl });
        else for (const g of T[lang].groups) out.push({ lang, text: fill(tpl, g), label, fn, template: tpl });
      }
    }
  }
  return out;
}

/** Test cases: test templates × groups, obfuscated spellings of the hateful ones, reclaimed slurs. */
export function functionalTest(seed = 11): FunctionalCase[] {
  const r = rng(seed);
  const out: FunctionalCase[] = [];
  for (const lang of FUNCTIONAL_LANGS) {
    for (const [tpl, label, fn] of T[lang].test) {
      for (const g of T[lang].groups) {
        const text = fill(tpl, g);
        out.push({ lang, text, label, fn, template: tpl });
        if (label === 1) out.push({ lang, text: obfuscate(text, r), label, fn: 'S', template: tpl });
      }
    }
  }
  for (const text of RECLAIMED) out.push({ lang: 'en', text, label: 0, fn: 'R', template: text });
  return out;
}
