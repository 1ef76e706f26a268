/**
 * Small multilingual stance lexicons for the hashed-bag features, in the 17 PTP languages, written
 * for winnow: HOSTILE words that dehumanise (vermin, parasites, plague), express contempt or hatred
 * (despise, disgusting, inferior) or call for violence or expulsion (exterminate, deport); identity
 * GROUPS; SUPPORTIVE words of regard (respect, welcome, equal rights); COUNTER words that condemn or
 * report hate. The bad-words lists (npm naughty-words) hold profanity and slurs, not these words,
 * and hate without profanity, or a group named without hate, is what bag-of-n-gram models get
 * wrong. Every hit gives one shared id, so what the model learns about it in one language carries
 * over to the others; features.ts adds one per clause for the pairs that matter (a hostile or
 * supportive word beside a group, a hostile word beside a condemning one). `stem*` matches every
 * word that starts with the stem; Chinese, Japanese and Korean entries match as substrings.
 */

export const HOSTILE: Record<string, string[]> = {
  en: ['vermin', 'rats', 'cockroach*', 'parasit*', 'leech*', 'plague', 'disease', 'cancer', 'scum', 'filth*', 'trash', 'garbage', 'subhuman*', 'savage*', 'animals', 'beasts', 'apes', 'monkeys', 'pigs', 'hate', 'hated', 'hates', 'hating', 'despis*', 'detest*', 'loath*', 'disgust*', 'inferior', 'worthless', 'useless', 'stupid', 'dirty', 'primitive', 'lazy', 'evil', 'exterminat*', 'eradicat*', 'extermination', 'deport*', 'kill', 'killed', 'shoot', 'shot', 'hang', 'hanged', 'burn', 'burned', 'lynch*', 'gassed', 'die', 'wipe', 'invaders', 'criminals', 'repulsive', 'vile', 'pathetic'],
  de: ['ungeziefer', 'ratten', 'kakerlak*', 'parasit*', 'plage', 'seuche', 'krebsgeschwür', 'abschaum', 'dreck*', 'müll', 'untermensch*', 'wilde', 'tiere', 'viecher', 'affen', 'schweine', 'hasse', 'hassen', 'hasst', 'verachte*', 'verabscheu*', 'ekelhaft*', 'widerlich*', 'minderwertig*', 'wertlos*', 'nutzlos*', 'dumm*', 'schmutzig*', 'primitiv*', 'faul*', 'böse', 'ausrott*', 'vernicht*', 'abschieb*', 'töten', 'umbringen', 'erschieß*', 'erschiess*', 'aufhäng*', 'verbrenn*', 'vergas*', 'sterben', 'invasoren', 'kriminell*', 'abstoßend*', 'erbärmlich*'],
  fr: ['vermine', 'rats', 'cafard*', 'parasite*', 'sangsue*', 'fléau', 'maladie', 'cancer', 'racaille', 'ordure*', 'déchet*', 'saleté*', 'sous-hommes', 'sauvage*', 'animaux', 'bêtes', 'singes', 'porcs', 'cochons', 'déteste*', 'haïr', 'hais', 'hait', 'haïssent', 'méprise*', 'exècre*', 'dégoûtant*', 'répugnant*', 'inférieur*', 'nuls', 'inutiles', 'stupides', 'sales', 'primitif*', 'paresseu*', 'exterminer', 'extermin*', 'éradiquer', 'expulser', 'déporter', 'tuer', 'fusiller', 'pendre', 'brûler', 'gazer', 'mourir', 'crever', 'envahisseur*', 'criminels', 'abjects', 'minables'],
  es: ['alimaña*', 'ratas', 'cucaracha*', 'parásito*', 'sanguijuela*', 'plaga', 'enfermedad', 'cáncer', 'escoria', 'basura', 'mugre*', 'infrahumano*', 'salvaje*', 'animales', 'bestias', 'monos', 'cerdos', 'odio', 'odiar', 'odian', 'desprecio', 'despreci*', 'detesto', 'detest*', 'asqueros*', 'repugnant*', 'inferiores', 'inútiles', 'estúpidos', 'sucios', 'primitivos', 'vagos', 'extermin*', 'erradicar', 'deportar', 'expulsar', 'matar', 'fusilar', 'colgar', 'quemar', 'gasear', 'morir', 'invasores', 'criminales', 'despreciables', 'patéticos'],
  it: ['parassit*', 'ratti', 'topi', 'scarafagg*', 'sanguisug*', 'piaga', 'malattia', 'cancro', 'feccia', 'spazzatura', 'immondizia', 'sporcizia', 'subuman*', 'selvaggi', 'animali', 'bestie', 'scimmie', 'maiali', 'porci', 'odio', 'odiare', 'odiano', 'disprezz*', 'detesto', 'detest*', 'schifos*', 'ripugnant*', 'disgustos*', 'inferiori', 'inutili', 'stupidi', 'sporchi', 'primitivi', 'pigri', 'stermin*', 'eliminare', 'deportare', 'espellere', 'ammazzare', 'uccidere', 'fucilare', 'impiccare', 'bruciare', 'gassare', 'morire', 'crepare', 'invasori', 'criminali', 'patetici'],
  pt: ['vermes', 'ratos', 'barata*', 'parasita*', 'sanguessuga*', 'praga', 'doença', 'câncer', 'cancro', 'escória', 'lixo', 'imundície', 'sub-humano*', 'selvage*', 'animais', 'bestas', 'macacos', 'porcos', 'odeio', 'odiar', 'odeiam', 'desprez*', 'detesto', 'detest*', 'nojent*', 'repugnante*', 'asqueros*', 'inferiores', 'inúteis', 'burros', 'estúpidos', 'sujos', 'primitivos', 'preguiçosos', 'extermin*', 'erradicar', 'deportar', 'expulsar', 'matar', 'fuzilar', 'enforcar', 'queimar', 'morrer', 'invasores', 'criminosos', 'patéticos'],
  nl: ['ongedierte', 'ratten', 'kakkerlak*', 'parasiet*', 'bloedzuiger*', 'plaag', 'ziekte', 'kanker*', 'tuig', 'uitschot', 'afval', 'vuilnis', 'onmens*', 'wilden', 'beesten', 'dieren', 'apen', 'varkens', 'haat', 'haten', 'veracht*', 'verafschuw*', 'walgelijk*', 'smerig*', 'minderwaardig*', 'waardeloos*', 'nutteloos*', 'dom', 'dommer', 'vies', 'primitief*', 'lui', 'uitroei*', 'uitgeroeid', 'deporter*', 'uitzetten', 'doden', 'vermoorden', 'doodschiet*', 'doodgeschoten', 'ophangen', 'verbranden', 'vergassen', 'sterven', 'creperen', 'indringers', 'criminelen', 'zielig*'],
  sv: ['ohyra', 'ohyror', 'råttor', 'kackerlack*', 'parasit*', 'blodigl*', 'pest', 'sjukdom', 'cancer', 'avskum', 'skräp', 'sopor', 'smuts*', 'undermänniskor', 'vildar', 'djur', 'odjur', 'apor', 'svin', 'grisar', 'hatar', 'hata', 'föraktar', 'förakt*', 'avskyr', 'avsky*', 'äcklig*', 'motbjudande', 'underlägsna', 'värdelös*', 'oduglig*', 'dumma', 'smutsiga', 'primitiva', 'lata', 'utrota*', 'utrotas', 'deporter*', 'utvisa*', 'döda', 'dödas', 'skjuta', 'skjutas', 'hänga', 'bränna', 'gasa', 'dö', 'inkräktare', 'kriminella', 'patetisk*'],
  pl: ['robactwo', 'szczur*', 'karalu*', 'pasożyt*', 'pijawk*', 'zaraz*', 'choroba', 'rak', 'rakiem', 'szumowin*', 'śmieci*', 'ścierw*', 'brud*', 'podludzi*', 'dzikus*', 'zwierzęta', 'zwierzętami', 'bydło', 'małp*', 'świnie', 'świniami', 'nienawidzę', 'nienawidz*', 'gardzę', 'gardzi*', 'brzydzę', 'obrzydliw*', 'odraż*', 'wstrętn*', 'gorsi', 'bezwartościow*', 'bezużyteczn*', 'głupi*', 'brudn*', 'prymityw*', 'leniw*', 'wytępi*', 'eksterminacj*', 'deportow*', 'wyrzucić', 'zabić', 'zabijać', 'rozstrzela*', 'powiesić', 'spalić', 'zagazow*', 'zdechną*', 'najeźdźc*', 'przestępc*', 'żałosn*'],
  cs: ['havěť', 'krysy', 'krys*', 'šváb*', 'parazit*', 'pijavic*', 'mor', 'morem', 'nemoc', 'rakovin*', 'spodin*', 'odpad*', 'svinstv*', 'špín*', 'podlidi', 'podlidé', 'divoch*', 'zvířata', 'zvířat*', 'dobytek', 'opice', 'prasata', 'svině', 'nenávidím', 'nenávid*', 'pohrdám', 'pohrd*', 'opovrh*', 'hnusn*', 'odporn*', 'nechutn*', 'méněcenn*', 'bezcenn*', 'zbytečn*', 'hloup*', 'špinav*', 'primitivn*', 'líní', 'vyhladit', 'vyhubit', 'vyhlazen*', 'deportovat', 'vyhostit', 'zabít', 'zabíjet', 'zastřelit', 'postřílet', 'oběsit', 'upálit', 'zplynovat', 'chcípnout', 'zemřít', 'vetřelci', 'zločinci', 'ubož*'],
  ru: ['паразит*', 'крыс*', 'таракан*', 'пиявк*', 'нечист*', 'чума', 'чумой', 'зараза', 'болезнь', 'раковая', 'мразь', 'мрази', 'отброс*', 'мусор', 'грязь', 'недочеловек*', 'нелюд*', 'дикар*', 'животные', 'животных', 'звери', 'скот', 'быдло', 'обезьян*', 'свиньи', 'ненавиж*', 'ненавид*', 'презира*', 'презрен*', 'отвратител*', 'мерзк*', 'омерзител*', 'противн*', 'неполноценн*', 'никчемн*', 'никчёмн*', 'бесполезн*', 'тупые', 'глуп*', 'грязные', 'примитивн*', 'ленив*', 'уничтож*', 'истреб*', 'депортир*', 'выгнать', 'выслать', 'убить', 'убивать', 'расстрел*', 'повесить', 'сжечь', 'сдохн*', 'умереть', 'захватчик*', 'преступник*', 'жалки*'],
  ar: ['حشرات', 'الحشرات', 'جرذان', 'الجرذان', 'فئران', 'صراصير', 'طفيليات', 'طفيليون', 'وباء', 'طاعون', 'مرض', 'سرطان', 'حثالة', 'قمامة', 'زبالة', 'قذارة', 'أوساخ', 'حيوانات', 'بهائم', 'وحوش', 'قرود', 'خنازير', 'كلاب', 'همج', 'أكره', 'نكره', 'يكره', 'كراهية', 'أحتقر', 'أمقت', 'مقرف', 'مقرفون', 'مقززون', 'مقزز', 'قذرون', 'أقل', 'دونيون', 'تافهون', 'عديمو', 'أغبياء', 'بدائيون', 'كسالى', 'إبادة', 'إبادتهم', 'إبادتهن', 'القضاء', 'ترحيل', 'ترحيلهم', 'طرد', 'اقتلوا', 'قتل', 'قتلهم', 'إعدام', 'إعدامهم', 'شنق', 'حرق', 'حرقهم', 'يموتوا', 'الموت', 'غزاة', 'مجرمون', 'مجرمين'],
  hi: ['कीड़े', 'कीड़ों', 'चूहे', 'चूहों', 'कॉकरोच', 'परजीवी', 'जोंक', 'प्लेग', 'महामारी', 'बीमारी', 'कैंसर', 'कचरा', 'गंदगी', 'मैल', 'घटिया', 'जानवर', 'जानवरों', 'जंगली', 'बंदर', 'सूअर', 'कुत्ते', 'नफरत', 'नफ़रत', 'घृणा', 'तिरस्कार', 'घिनौने', 'घिनौनी', 'घिनौना', 'गंदे', 'निकम्मे', 'बेकार', 'मूर्ख', 'बेवकूफ', 'नीच', 'हीन', 'आलसी', 'सफाया', 'खत्म', 'ख़त्म', 'मिटा', 'निकालो', 'मार', 'मारो', 'मार डालो', 'मार देना', 'गोली', 'फांसी', 'जला', 'जलाओ', 'मरना', 'मर', 'घुसपैठिए', 'अपराधी'],
  id: ['hama', 'tikus', 'kecoak', 'parasit', 'lintah', 'wabah', 'penyakit', 'kanker', 'sampah', 'kotoran', 'sampah masyarakat', 'binatang', 'hewan', 'monyet', 'babi', 'anjing', 'biadab', 'benci', 'membenci', 'jijik', 'menjijikkan', 'hina', 'rendah', 'hina dina', 'tidak berguna', 'bodoh', 'tolol', 'kotor', 'primitif', 'malas', 'musnahkan', 'memusnahkan', 'basmi', 'membasmi', 'usir', 'mengusir', 'deportasi', 'bunuh', 'membunuh', 'tembak', 'gantung', 'bakar', 'mati', 'penjajah', 'penjahat', 'kriminal'],
  ja: ['害虫', 'ゴキブリ', 'ネズミ', '寄生虫', 'ダニ', '疫病', '病気', '癌', 'ガン', 'クズ', 'くず', 'ゴミ', 'ごみ', '汚物', '人間以下', '下等', '野蛮', '動物', 'ケダモノ', 'サル', 'ブタ', '嫌い', '大嫌い', '憎', '軽蔑', '見下', '気持ち悪', 'キモ', '汚らわし', '劣っ', '劣等', '無価値', '役立たず', '役に立たない', 'バカ', '馬鹿', '汚い', '怠け', '絶滅', '根絶', '駆除', '追放', '追い出', '強制送還', '殺', '撃ち', '吊る', '焼き', '死ね', '死ぬべき', '消え', '侵略者', '犯罪者'],
  ko: ['벌레', '해충', '쥐새끼', '바퀴벌레', '기생충', '거머리', '전염병', '역병', '질병', '암덩어리', '쓰레기', '찌꺼기', '오물', '인간 이하', '하등', '야만', '짐승', '동물', '원숭이', '돼지', '개새끼', '혐오', '증오', '싫어', '경멸', '역겹', '역겨', '더럽', '더러운', '열등', '쓸모없', '무가치', '멍청', '바보', '원시', '게으른', '박멸', '말살', '몰살', '추방', '쫓아내', '강제송환', '죽여', '죽이', '쏴', '총살', '교수형', '태워', '불태', '죽어', '꺼져', '침략자', '범죄자'],
  zh: ['害虫', '蟑螂', '老鼠', '寄生虫', '吸血鬼', '瘟疫', '祸害', '毒瘤', '癌症', '人渣', '垃圾', '败类', '渣滓', '肮脏', '低等', '劣等', '野蛮', '畜生', '牲口', '动物', '禽兽', '猴子', '讨厌', '恨', '憎恨', '仇恨', '鄙视', '看不起', '恶心', '令人作呕', '下贱', '没用', '无用', '废物', '蠢', '愚蠢', '原始', '消灭', '灭绝', '铲除', '根除', '赶走', '驱逐', '遣返', '杀', '枪毙', '绞死', '烧死', '去死', '该死', '侵略者', '罪犯'],
};

/** Identity groups (protected characteristics), as HateCheck targets them: `stem*` as in HOSTILE. */
export const GROUPS: Record<string, string[]> = {
  en: ['women', 'woman', 'girls', 'gay*', 'lesbian*', 'homosexual*', 'queer*', 'trans', 'transgender*', 'muslim*', 'islam*', 'jew*', 'christian*', 'hindu*', 'immigrant*', 'migrant*', 'refugee*', 'foreigner*', 'black', 'blacks', 'arab*', 'asian*', 'mexican*', 'roma', 'gypsies', 'disabled', 'handicapped', 'africans'],
  de: ['frauen', 'frau', 'schwul*', 'lesb*', 'homosexuell*', 'trans*', 'muslim*', 'moslem*', 'islam*', 'jude', 'juden', 'jüd*', 'christen', 'einwander*', 'migrant*', 'flüchtling*', 'ausländer*', 'schwarze*', 'araber*', 'asiat*', 'türken', 'roma', 'zigeuner', 'behindert*', 'afrikaner*'],
  fr: ['femmes', 'femme', 'homosexuel*', 'gay*', 'gays', 'lesbienne*', 'pédés', 'trans', 'transgenre*', 'musulman*', 'islam*', 'juif*', 'juive*', 'chrétien*', 'immigré*', 'migrant*', 'réfugié*', 'étranger*', 'noirs', 'noires', 'arabe*', 'asiatique*', 'roms', 'gitans', 'handicapé*', 'africain*'],
  es: ['mujeres', 'mujer', 'gays', 'gay', 'homosexual*', 'lesbiana*', 'trans', 'transexual*', 'musulm*', 'islam*', 'judío*', 'judía*', 'cristian*', 'inmigrante*', 'migrante*', 'refugiado*', 'extranjero*', 'negros', 'negras', 'árabe*', 'asiático*', 'gitano*', 'discapacitad*', 'minusválid*', 'africano*', 'sudaca*', 'moros'],
  it: ['donne', 'donna', 'gay', 'omosessual*', 'lesbich*', 'trans', 'transessual*', 'musulman*', 'islam*', 'ebrei', 'ebreo', 'ebrea', 'cristian*', 'immigrat*', 'migranti', 'profughi', 'rifugiat*', 'stranieri', 'neri', 'nere', 'arabi', 'asiatici', 'rom', 'zingari', 'disabil*', 'handicappat*', 'africani'],
  pt: ['mulheres', 'mulher', 'gays', 'gay', 'homossexua*', 'lésbica*', 'trans', 'travesti*', 'muçulman*', 'islâm*', 'judeu*', 'judia*', 'cristão*', 'imigrante*', 'migrante*', 'refugiado*', 'estrangeiro*', 'negros', 'negras', 'árabe*', 'asiático*', 'ciganos', 'deficiente*', 'africano*', 'nordestino*'],
  nl: ['vrouwen', 'vrouw', 'homo*', 'lesbi*', 'trans*', 'moslim*', 'islam*', 'jood', 'joden', 'jood*', 'christen*', 'immigrant*', 'migrant*', 'vluchteling*', 'allochton*', 'buitenlander*', 'zwarte', 'zwarten', 'arabier*', 'aziat*', 'marokkan*', 'turken', 'zigeuner*', 'gehandicapt*', 'afrikan*'],
  sv: ['kvinnor', 'kvinna', 'homosexuell*', 'bögar', 'lesbisk*', 'trans*', 'muslim*', 'islam*', 'judar', 'jude', 'judisk*', 'kristna', 'invandrar*', 'migrant*', 'flykting*', 'utlänning*', 'svarta', 'araber', 'asiat*', 'romer', 'zigenare', 'funktionshindrad*', 'handikappad*', 'afrikan*'],
  pl: ['kobiety', 'kobiet*', 'gej*', 'homoseksuali*', 'lesbij*', 'trans*', 'muzułma*', 'islam*', 'żyd*', 'chrześcija*', 'imigran*', 'migran*', 'uchodźc*', 'cudzoziem*', 'obcokrajow*', 'czarn*', 'murzyn*', 'arab*', 'azjat*', 'romów', 'romowie', 'cygan*', 'niepełnosprawn*', 'afrykan*', 'ukrai*'],
  cs: ['ženy', 'žen', 'žena', 'gay*', 'gayové', 'homosexuál*', 'lesb*', 'trans*', 'muslim*', 'islám*', 'židé', 'židy', 'žid*', 'křesťan*', 'imigrant*', 'přistěhoval*', 'migrant*', 'uprchlí*', 'cizin*', 'černoš*', 'černí', 'arab*', 'asiat*', 'romové', 'romy', 'cikán*', 'postižen*', 'afričan*'],
  ru: ['женщин*', 'гей*', 'геев', 'гомосексуал*', 'лесбиян*', 'трансгендер*', 'мусульман*', 'ислам*', 'евре*', 'жид*', 'христиан*', 'иммигрант*', 'мигрант*', 'беженц*', 'иностран*', 'приезж*', 'чёрн*', 'черн*', 'негр*', 'араб*', 'азиат*', 'кавказ*', 'цыган*', 'инвалид*', 'африкан*'],
  ar: ['النساء', 'نساء', 'المرأة', 'امرأة', 'المثليين', 'المثليون', 'مثليين', 'الشواذ', 'شواذ', 'المتحولين', 'المسلمين', 'المسلمون', 'مسلمين', 'اليهود', 'يهود', 'المسيحيين', 'المسيحيون', 'المهاجرين', 'المهاجرون', 'مهاجرين', 'اللاجئين', 'اللاجئون', 'لاجئين', 'الأجانب', 'أجانب', 'السود', 'العرب', 'الآسيويين', 'المعاقين', 'المعوقين', 'ذوي الإعاقة', 'الأفارقة', 'الشيعة', 'السنة'],
  hi: ['औरतें', 'औरतों', 'महिलाएं', 'महिलाओं', 'महिलाएँ', 'समलैंगिक', 'गे', 'ट्रांस', 'किन्नर', 'हिजड़े', 'मुसलमान', 'मुसलमानों', 'मुस्लिम', 'मुस्लिमों', 'यहूदी', 'यहूदियों', 'ईसाई', 'ईसाइयों', 'हिंदू', 'हिंदुओं', 'दलित', 'दलितों', 'प्रवासी', 'प्रवासियों', 'शरणार्थी', 'शरणार्थियों', 'विदेशी', 'विदेशियों', 'काले', 'अश्वेत', 'विकलांग', 'विकलांगों', 'दिव्यांग', 'अफ्रीकी'],
  id: ['perempuan', 'wanita', 'kaum gay', 'gay', 'homoseksual', 'lesbian', 'lgbt', 'waria', 'transgender', 'muslim', 'islam', 'yahudi', 'kristen', 'nasrani', 'cina', 'tionghoa', 'imigran', 'pendatang', 'pengungsi', 'orang asing', 'kulit hitam', 'arab', 'difabel', 'penyandang disabilitas', 'cacat', 'papua', 'afrika'],
  ja: ['女性', '同性愛', 'ゲイ', 'ホモ', 'レズ', 'トランスジェンダー', 'イスラム', 'ムスリム', 'ユダヤ', 'キリスト教徒', '移民', '難民', '外国人', '在日', '朝鮮人', '韓国人', '中国人', '黒人', 'アラブ', '障害者', '障がい者', 'アフリカ'],
  ko: ['여자', '여성', '동성애', '게이', '레즈', '트랜스젠더', '성소수자', '무슬림', '이슬람', '유대인', '기독교인', '이민자', '이주민', '난민', '외국인', '흑인', '아랍', '조선족', '중국인', '동남아', '장애인', '아프리카'],
  zh: ['女人', '女性', '妇女', '同性恋', '男同', '女同', '跨性别', '穆斯林', '伊斯兰', '回族', '犹太', '基督徒', '移民', '难民', '外国人', '老外', '黑人', '黑鬼', '阿拉伯', '残疾人', '残障', '非洲', '维吾尔', '日本人', '韩国人'],
};

/**
 * Words of regard for people (love, respect, welcome, equal rights): one shared id per hit and one
 * per clause that also names a group, so that praise of a group is not read as hate because it
 * names the group.
 */
export const SUPPORTIVE: Record<string, string[]> = {
  en: ['love', 'loved', 'respect*', 'admir*', 'wonderful', 'great', 'amazing', 'proud', 'welcome*', 'deserve', 'equal', 'equality', 'support*', 'friends', 'brave', 'beautiful', 'valuable', 'contribut*', 'celebrate*', 'protect*'],
  de: ['liebe', 'lieben', 'respekt*', 'bewunder*', 'wunderbar*', 'großartig*', 'toll', 'stolz*', 'willkommen', 'verdienen', 'gleichberechtig*', 'unterstütz*', 'freunde', 'freundlich*', 'mutig*', 'schön*', 'wertvoll*', 'bereicher*', 'feiern', 'schützen'],
  fr: ['aime', 'aimons', 'adore', 'respect*', 'admir*', 'formidable*', 'merveilleu*', 'géniale*', 'génial', 'fier', 'fiers', 'fière*', 'bienvenu*', 'méritent', 'égaux', 'égalité', 'soutien*', 'soutenir', 'amis', 'gentil*', 'courageu*', 'beaux', 'belles', 'précieu*', 'enrichi*', 'célébr*', 'protéger'],
  es: ['quiero', 'queremos', 'amo', 'respet*', 'admir*', 'maravillos*', 'genial*', 'increíble*', 'orgullos*', 'bienvenid*', 'merecen', 'iguales', 'igualdad', 'apoy*', 'amigos', 'amables', 'valiente*', 'hermos*', 'valios*', 'contribuy*', 'celebr*', 'proteger'],
  it: ['amo', 'adoro', 'rispett*', 'ammir*', 'meraviglios*', 'fantastic*', 'splendid*', 'orgoglios*', 'benvenut*', 'meritano', 'uguali', 'uguaglianza', 'sosten*', 'support*', 'amici', 'gentili', 'coraggios*', 'bellissim*', 'prezios*', 'contribu*', 'celebr*', 'proteggere'],
  pt: ['amo', 'adoro', 'respeit*', 'admir*', 'maravilhos*', 'incríve*', 'ótim*', 'orgulh*', 'bem-vind*', 'merecem', 'iguais', 'igualdade', 'apoi*', 'amigos', 'gentis', 'corajos*', 'lind*', 'valios*', 'contribu*', 'celebr*', 'proteger'],
  nl: ['hou', 'houden', 'respect*', 'bewonder*', 'geweldig*', 'fantastisch*', 'prachtig*', 'trots', 'welkom', 'verdienen', 'gelijk*', 'steun*', 'vrienden', 'vriendelijk*', 'dapper*', 'mooi*', 'waardevol*', 'verrijk*', 'vieren', 'beschermen'],
  sv: ['älskar', 'respekt*', 'beundra*', 'underbar*', 'fantastisk*', 'fina', 'stolt*', 'välkomna', 'välkommen', 'förtjänar', 'lika', 'jämlik*', 'stöd*', 'vänner', 'snälla', 'modig*', 'vacker*', 'värdefull*', 'berika*', 'fira', 'skydda'],
  pl: ['kocham', 'kochamy', 'szanuj*', 'szacun*', 'podziw*', 'wspania*', 'cudown*', 'świetn*', 'dum*', 'mile widzian*', 'zasługują', 'równi', 'równość', 'równe prawa', 'wspiera*', 'wsparci*', 'przyjaciół', 'przyjaciele', 'życzliw*', 'odważn*', 'piękn*', 'cenn*', 'wzbogaca*', 'świętuj*', 'chronić'],
  cs: ['miluji', 'miluju', 'respekt*', 'obdivuj*', 'úžasn*', 'skvěl*', 'báječn*', 'hrd*', 'vítán*', 'zaslouží', 'rovnopráv*', 'podpor*', 'přátel*', 'laskav*', 'odvážn*', 'krásn*', 'cenn*', 'obohacuj*', 'oslav*', 'chránit'],
  ru: ['люблю', 'любим', 'уважа*', 'уважени*', 'восхища*', 'замечательн*', 'прекрасн*', 'чудесн*', 'горд*', 'добро пожаловать', 'заслужива*', 'равные', 'равноправ*', 'равенств*', 'поддержива*', 'поддержк*', 'друзья', 'друзей', 'добрые', 'смел*', 'красив*', 'ценн*', 'обогаща*', 'праздн*', 'защища*'],
  ar: ['أحب', 'نحب', 'أحترم', 'نحترم', 'احترام', 'أعجب', 'رائعون', 'رائع', 'رائعات', 'عظماء', 'فخور', 'فخورون', 'مرحبا', 'أهلا', 'يستحقون', 'متساوون', 'المساواة', 'ندعم', 'أدعم', 'دعم', 'أصدقاء', 'أصدقائي', 'لطفاء', 'شجعان', 'جميلون', 'قيمة', 'يساهمون', 'حماية'],
  hi: ['प्यार', 'प्रेम', 'सम्मान', 'इज़्ज़त', 'इज्जत', 'प्रशंसा', 'अद्भुत', 'शानदार', 'बेहतरीन', 'गर्व', 'स्वागत', 'हकदार', 'हक़दार', 'बराबर', 'समानता', 'समर्थन', 'दोस्त', 'मित्र', 'दयालु', 'बहादुर', 'सुंदर', 'खूबसूरत', 'कीमती', 'योगदान', 'रक्षा'],
  id: ['cinta', 'mencintai', 'sayang', 'hormat', 'menghormati', 'kagum', 'mengagumi', 'luar biasa', 'hebat', 'bangga', 'selamat datang', 'berhak', 'layak', 'setara', 'kesetaraan', 'mendukung', 'dukung', 'teman', 'sahabat', 'baik hati', 'berani', 'cantik', 'indah', 'berharga', 'berkontribusi', 'melindungi'],
  ja: ['大好き', '愛して', '尊敬', '尊重', '素晴らし', 'すばらし', '立派', '誇り', '歓迎', 'ようこそ', '権利がある', '平等', '支援', '応援', '友達', '友人', '優し', '勇敢', '美し', '大切', '貢献', '守る'],
  ko: ['사랑', '존경', '존중', '감탄', '훌륭', '멋진', '멋지', '대단', '자랑', '환영', '누릴 자격', '자격이', '평등', '동등', '지지', '응원', '친구', '친절', '용감', '아름다', '소중', '기여', '보호'],
  zh: ['爱', '喜欢', '尊重', '尊敬', '钦佩', '欣赏', '了不起', '很棒', '优秀', '骄傲', '自豪', '欢迎', '应该享有', '平等', '支持', '朋友', '善良', '勇敢', '美丽', '宝贵', '贡献', '保护'],
};

/**
 * Words that condemn hate or report it (counter-speech that quotes or refers to hate): one shared
 * id per hit and one per clause that also holds a hostile word.
 */
export const COUNTER: Record<string, string[]> = {
  en: ['wrong', 'unacceptable', 'hurtful', 'racist', 'racism', 'bigot*', 'sexist', 'sexism', 'homophob*', 'transphob*', 'islamophob*', 'antisemit*', 'hateful', 'disgraceful', 'shameful', 'shame', 'condemn*', 'reported', 'report', 'stop', 'disagree', 'ignorant', 'nonsense', 'false', 'spreading'],
  de: ['falsch', 'inakzeptabel', 'verletzend*', 'rassist*', 'sexist*', 'homophob*', 'transphob*', 'islamfeindlich*', 'antisemit*', 'hetze', 'volksverhetzung', 'schande', 'beschämend*', 'verurteil*', 'gemeldet', 'melden', 'hört auf', 'aufhören', 'ignorant*', 'unsinn', 'verbreitet', 'verbreiten'],
  fr: ['faux', 'inacceptable*', 'blessant*', 'raciste*', 'racisme', 'sexiste*', 'homophob*', 'transphob*', 'islamophob*', 'antisémit*', 'haineu*', 'honte*', 'honteu*', 'condamn*', 'signalé', 'signaler', 'arrêtez', 'arrête', 'ignorant*', 'absurde*', 'répandre', 'répandent'],
  es: ['mal', 'falso', 'inaceptable*', 'hiriente*', 'racista*', 'racismo', 'sexista*', 'homofob*', 'homófob*', 'transfob*', 'islamofob*', 'antisemit*', 'vergüenza', 'vergonzos*', 'conden*', 'denuncié', 'denunciar', 'dejad', 'deja', 'basta', 'ignorante*', 'tontería*', 'difundir', 'sembrando'],
  it: ['sbagliato', 'falso', 'inaccettabil*', 'offensiv*', 'razzist*', 'razzismo', 'sessist*', 'omofob*', 'transfob*', 'islamofob*', 'antisemit*', 'vergogna*', 'vergognos*', 'condann*', 'segnalato', 'segnalare', 'smettetela', 'smettila', 'basta', 'ignorant*', 'sciocchezz*', 'diffondere', 'diffonde'],
  pt: ['errado', 'falso', 'inaceitáve*', 'ofensiv*', 'racista*', 'racismo', 'sexista*', 'homofób*', 'homofobia', 'transfób*', 'islamofob*', 'antissemit*', 'vergonha', 'vergonhos*', 'conden*', 'denunciei', 'denunciar', 'parem', 'pare', 'chega', 'ignorante*', 'absurdo', 'espalhar', 'espalhando'],
  nl: ['fout', 'onaanvaardbaar', 'onacceptabel', 'kwetsend*', 'racist*', 'racisme', 'seksist*', 'homofob*', 'transfob*', 'islamofob*', 'antisemit*', 'haatzaaien*', 'schande', 'schandalig*', 'veroordeel*', 'gemeld', 'melden', 'stop', 'stoppen', 'onwetend*', 'onzin', 'verspreiden', 'verspreidt'],
  sv: ['fel', 'oacceptabel*', 'sårande', 'rasist*', 'rasism', 'sexist*', 'homofob*', 'transfob*', 'islamofob*', 'antisemit*', 'hatisk*', 'skam', 'skamlig*', 'fördöm*', 'anmälde', 'anmäla', 'sluta', 'okunnig*', 'nonsens', 'sprider', 'sprida'],
  pl: ['złe', 'źle', 'nieprawda', 'niedopuszczaln*', 'krzywdząc*', 'rasist*', 'rasizm', 'seksist*', 'homofob*', 'transfob*', 'islamofob*', 'antysemi*', 'mowa nienawiści', 'wstyd', 'haniebn*', 'potępi*', 'zgłosiłem', 'zgłosiłam', 'zgłosić', 'przestańcie', 'przestań', 'ignoranc*', 'bzdur*', 'szerzy*'],
  cs: ['špatně', 'nepravda', 'nepřijateln*', 'zraňující', 'rasist*', 'rasismus', 'sexist*', 'homofob*', 'transfob*', 'islamofob*', 'antisemit*', 'nenávistn*', 'hanba', 'ostud*', 'odsuzuj*', 'nahlásil*', 'nahlásit', 'přestaňte', 'přestaň', 'nevědom*', 'nesmysl*', 'šíří', 'šířit'],
  ru: ['неправильно', 'неправда', 'недопустим*', 'неприемлем*', 'оскорбительн*', 'расист*', 'расизм', 'сексист*', 'гомофоб*', 'трансфоб*', 'исламофоб*', 'антисемит*', 'язык вражды', 'позор*', 'постыдн*', 'осужда*', 'пожаловал*', 'пожаловаться', 'прекратите', 'хватит', 'невежеств*', 'чушь', 'распространя*'],
  ar: ['خطأ', 'خاطئ', 'غير مقبول', 'مؤذ', 'مؤذي', 'عنصري', 'عنصرية', 'عنصريون', 'تمييز', 'معاداة', 'خطاب الكراهية', 'عار', 'مخز', 'مخزي', 'أدين', 'ندين', 'أبلغت', 'الإبلاغ', 'توقفوا', 'كفى', 'جهل', 'هراء', 'ينشر', 'نشر'],
  hi: ['गलत', 'ग़लत', 'अस्वीकार्य', 'दुखद', 'आहत', 'नस्लवादी', 'नस्लवाद', 'जातिवादी', 'सांप्रदायिक', 'भेदभाव', 'नफरत फैलाना', 'शर्म', 'शर्मनाक', 'निंदा', 'रिपोर्ट', 'बंद करो', 'रोको', 'अज्ञान', 'बकवास', 'फैलाना', 'फैला'],
  id: ['salah', 'tidak dapat diterima', 'menyakitkan', 'rasis', 'rasisme', 'seksis', 'homofobia', 'diskriminasi', 'ujaran kebencian', 'memalukan', 'malu', 'mengecam', 'kecam', 'melaporkan', 'laporkan', 'hentikan', 'berhenti', 'bodoh sekali', 'omong kosong', 'menyebarkan', 'sebarkan'],
  ja: ['間違', '許されない', '容認できない', '傷つけ', '差別', 'レイシスト', 'ヘイトスピーチ', 'ヘイト', '偏見', '恥ずかし', '恥', '非難', '通報', 'やめて', 'やめろ', '無知', 'ばかげ', '広め', '拡散'],
  ko: ['잘못', '용납', '상처', '인종차별', '차별', '혐오 발언', '혐오표현', '편견', '부끄러', '수치', '규탄', '비판', '신고', '그만', '멈춰', '무지', '헛소리', '퍼뜨', '퍼트'],
  zh: ['错误', '不对', '不可接受', '无法接受', '伤人', '种族主义', '种族歧视', '歧视', '仇恨言论', '偏见', '可耻', '羞耻', '谴责', '举报', '别再', '停止', '无知', '胡说', '散布', '传播'],
};

/** One list compiled for matching (see the file comment for the entry syntax). */
export interface CompiledList {
  words: Set<string>;
  stems: Set<string>;
  /** The lengths of the stems, and their first two characters (as char codes): most words are rejected without a slice. */
  stemLengths: number[];
  stemHeads: Set<number>;
  /** Multi-word entries, padded with spaces, matched on the letters-and-digits-only clause. */
  phrases: string[];
  /** The first word of each phrase: a clause that holds none of them needs no padded copy. */
  phraseHeads: string[];
  /** Entries in scripts written without spaces (and Hangul, whose particles attach): substrings. */
  unspaced: string[];
}

/** Scripts written without spaces between words (and Hangul, whose particles attach to words): substring matches. */
export const UNSPACED_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Hangul}]/u;

const head = (s: string) => s.charCodeAt(0) * 0x10000 + s.charCodeAt(1);

function compile(lists: Record<string, string[]>): CompiledList {
  const words = new Set<string>();
  const stems = new Set<string>();
  const phrases = new Set<string>();
  const unspaced = new Set<string>();
  for (const lang of Object.keys(lists).sort()) {
    for (const raw of lists[lang]) {
      const e = raw.normalize('NFKC').toLowerCase();
      if (UNSPACED_RE.test(e)) unspaced.add(e);
      else if (e.includes(' ')) phrases.add(` ${e} `);
      else if (e.endsWith('*')) stems.add(e.slice(0, -1));
      else words.add(e);
    }
  }
  const phraseList = [...phrases].sort();
  return {
    words,
    stems,
    stemLengths: [...new Set([...stems].map((s) => s.length))].sort((a, b) => a - b),
    stemHeads: new Set([...stems].map(head)),
    phrases: phraseList,
    phraseHeads: [...new Set(phraseList.map((p) => p.trim().split(' ')[0]))],
    unspaced: [...unspaced].sort(),
  };
}

export interface CueLists {
  hostile: CompiledList;
  groups: CompiledList;
  supportive: CompiledList;
  counter: CompiledList;
}
let compiled: CueLists | undefined;
export function hostilityLists(): CueLists {
  return (compiled ??= { hostile: compile(HOSTILE), groups: compile(GROUPS), supportive: compile(SUPPORTIVE), counter: compile(COUNTER) });
}

/** True if a lower-cased word segment is a listed word or starts with a listed stem. */
export function matchesWord(list: CompiledList, word: string): boolean {
  if (list.words.has(word)) return true;
  if (word.length < 2 || !list.stemHeads.has(head(word))) return false;
  for (const k of list.stemLengths) {
    if (k > word.length) break;
    if (list.stems.has(word.slice(0, k))) return true;
  }
  return false;
}

const NON_WORD_RE = /[^\p{L}\p{M}\p{N}]+/gu;

/** Hits of a list's phrases and unspaced entries in a clause (its words are matched one by one). */
export function clauseHits(list: CompiledList, clause: string): number {
  let n = 0;
  if (list.phrases.length > 0 && clause.includes(' ') && list.phraseHeads.some((h) => clause.includes(h))) {
    const padded = ` ${clause.replace(NON_WORD_RE, ' ').trim()} `;
    for (const p of list.phrases) if (padded.includes(p)) n++;
  }
  if (UNSPACED_RE.test(clause)) for (const u of list.unspaced) if (clause.includes(u)) n++;
  return n;
}
