/**
 * More training templates for the functional classes (models/toxicity/functional.ts), in the 17
 * PTP languages: derogation without profanity (H), dehumanisation (D), threats (T), positive (P)
 * and neutral (N) identity mentions, negation (NEG), counter-speech that quotes or refers to hate
 * (C), and sentences with no identity slot (O: abuse of objects and days, everyday sentences) that
 * are not hateful. Training only: they are different sentences from the test templates, and they
 * avoid the test templates' frames and key words. `{G}` / `{A}` are filled with the same group
 * forms as functional.ts (subject / object form of each language's group list).
 */

export interface ExtraTemplates {
  H: string[];
  D: string[];
  T: string[];
  P: string[];
  N: string[];
  NEG: string[];
  C: string[];
  /** No group slot, not hateful. */
  O: string[];
}

export const EXTRA: Record<string, ExtraTemplates> = {
  en: {
    H: ['{G} are disgusting and I cannot stand them.', "I can't stand {A}, they ruin everything.", '{G} are worthless and stupid.', '{G} are a cancer on this country.', 'Nobody wants {A} here, go back where you came from.', '{G} are inferior to the rest of us.', 'I detest {A} with all my heart.', 'Typical {G}, always lying and stealing.'],
    D: ['{G} are rats.', '{G} are parasites feeding on us.', '{G} are no better than cockroaches.'],
    T: ['{G} should all be shot.', 'Someone should burn {A} alive.', '{G} deserve to die.'],
    P: ['{G} make this country better.', 'I admire and respect {A}.', '{G} are wonderful people.'],
    N: ['My sister works with {A}.', 'Many {G} voted in the last election.', 'The documentary was about the lives of {A}.'],
    NEG: ['{G} are not disgusting at all.', 'I would never say that {G} are worthless.', 'Nobody should hate {A}.'],
    C: ['Stop spreading hate about {A}.', 'Whoever says {G} are rats is spreading hatred.', 'I reported the post that said {G} deserve to die.'],
    O: ['I hate rainy Mondays.', 'This old printer is completely useless.', 'My brother cooked dinner for the whole family.', 'The train was late again this morning.', 'We watched a film and then went home early.'],
  },
  de: {
    H: ['{G} sind widerlich und ich kann sie nicht ausstehen.', 'Ich kann {A} nicht ertragen, sie machen alles kaputt.', '{G} sind wertlos und dumm.', '{G} sind ein Krebsgeschwür für dieses Land.', 'Niemand will {A} hier, geht zurück, wo ihr herkommt.', '{G} sind minderwertig.', 'Ich verabscheue {A} von ganzem Herzen.', 'Typisch {G}, immer lügen und stehlen.'],
    D: ['{G} sind Ratten.', '{G} sind Parasiten, die von uns leben.', '{G} sind nicht besser als Kakerlaken.'],
    T: ['{G} sollte man alle erschießen.', 'Jemand sollte {A} bei lebendigem Leib verbrennen.', '{G} verdienen den Tod.'],
    P: ['{G} machen dieses Land besser.', 'Ich bewundere und respektiere {A}.', '{G} sind wunderbare Menschen.'],
    N: ['Meine Schwester arbeitet mit {A}.', 'Viele {G} haben bei der letzten Wahl abgestimmt.', 'Die Dokumentation handelte vom Leben der {A}.'],
    NEG: ['{G} sind überhaupt nicht widerlich.', 'Ich würde nie sagen, dass {G} wertlos sind.', 'Niemand sollte {A} hassen.'],
    C: ['Hört auf, Hass gegen {A} zu verbreiten.', 'Wer behauptet, {G} seien Ratten, verbreitet Hass.', 'Ich habe den Beitrag gemeldet, in dem stand, dass {G} den Tod verdienen.'],
    O: ['Ich hasse verregnete Montage.', 'Dieser alte Drucker ist völlig nutzlos.', 'Mein Bruder hat für die ganze Familie gekocht.', 'Der Zug hatte heute Morgen wieder Verspätung.', 'Wir haben einen Film geschaut und sind dann früh nach Hause gegangen.'],
  },
  fr: {
    H: ['{G} sont répugnants et je ne les supporte pas.', 'Je ne supporte pas {A}, ils gâchent tout.', '{G} sont nuls et stupides.', '{G} sont un cancer pour ce pays.', "On ne veut pas {A} ici, qu'ils rentrent chez eux.", '{G} sont inférieurs à nous.', "J'exècre {A} de tout mon cœur.", 'Typique, {G} mentent et volent toujours.'],
    D: ['{G} sont des rats.', '{G} sont des parasites qui vivent sur notre dos.', '{G} ne valent pas mieux que des cafards.'],
    T: ['Il faudrait fusiller {A}.', "Quelqu'un devrait brûler {A} vivants.", '{G} méritent de mourir.'],
    P: ['{G} rendent ce pays meilleur.', "J'admire et je respecte {A}.", '{G} sont des gens formidables.'],
    N: ['Ma sœur travaille avec {A}.', '{G} ont voté en grand nombre aux dernières élections.', 'Le documentaire portait sur la vie quotidienne, {G} y racontaient leur travail.'],
    NEG: ['{G} ne sont pas du tout répugnants.', 'Je ne dirais jamais que {G} sont nuls.', 'Personne ne devrait haïr {A}.'],
    C: ['Arrêtez de répandre la haine contre {A}.', 'Ceux qui disent que {G} sont des rats répandent la haine.', "J'ai signalé le message qui disait que {G} méritent de mourir."],
    O: ['Je déteste les lundis pluvieux.', 'Cette vieille imprimante est complètement inutile.', 'Mon frère a préparé le dîner pour toute la famille.', 'Le train était encore en retard ce matin.', 'Nous avons regardé un film puis nous sommes rentrés tôt.'],
  },
  es: {
    H: ['{G} son repugnantes y no los soporto.', 'No soporto {A}, lo arruinan todo.', '{G} son inútiles y estúpidos.', '{G} son un cáncer para este país.', 'Nadie quiere {A} aquí, que se vuelvan a su tierra.', '{G} son inferiores al resto de nosotros.', 'Detesto {A} con toda mi alma.', 'Típico: {G} siempre mienten y roban.'],
    D: ['{G} son ratas.', '{G} son parásitos que viven a nuestra costa.', '{G} no son mejores que las cucarachas.'],
    T: ['Habría que fusilar {A}.', 'Alguien debería quemar vivos {A}.', '{G} merecen morir.'],
    P: ['{G} hacen mejor este país.', 'Admiro y respeto {A}.', '{G} son personas maravillosas.'],
    N: ['Mi hermana trabaja con {G}.', '{G} votaron en masa en las últimas elecciones.', 'El documental trataba sobre la vida de {G}.'],
    NEG: ['{G} no son nada repugnantes.', 'Nunca diría que {G} son inútiles.', 'Nadie debería odiar {A}.'],
    C: ['Dejad de difundir odio contra {G}.', 'Quien dice que {G} son ratas está sembrando odio.', 'Denuncié la publicación que decía que {G} merecen morir.'],
    O: ['Odio los lunes lluviosos.', 'Esta impresora vieja es completamente inútil.', 'Mi hermano preparó la cena para toda la familia.', 'El tren volvió a llegar tarde esta mañana.', 'Vimos una película y luego volvimos pronto a casa.'],
  },
  it: {
    H: ['{G} sono ripugnanti e non li sopporto.', 'Non sopporto {A}, rovinano tutto.', '{G} sono inutili e stupidi.', '{G} sono un cancro per questo paese.', 'Nessuno vuole {A} qui, tornino a casa loro.', '{G} sono inferiori a noi.', 'Detesto {A} con tutto il cuore.', 'Tipico: {G} mentono e rubano sempre.'],
    D: ['{G} sono ratti.', '{G} sono sanguisughe che vivono alle nostre spalle.', '{G} non valgono più degli scarafaggi.'],
    T: ['Bisognerebbe fucilare {A}.', 'Qualcuno dovrebbe bruciare vivi {A}.', '{G} meritano di morire.'],
    P: ['{G} rendono migliore questo paese.', 'Ammiro e rispetto {A}.', '{G} sono persone meravigliose.'],
    N: ['Mia sorella lavora con {A}.', '{G} hanno votato in massa alle ultime elezioni.', 'Ieri ho letto un articolo che raccontava come vivono {G}.'],
    NEG: ['{G} non sono affatto ripugnanti.', 'Non direi mai che {G} sono inutili.', 'Nessuno dovrebbe odiare {A}.'],
    C: ['Smettetela di diffondere odio contro {A}.', 'Chi dice che {G} sono ratti diffonde odio.', 'Ho segnalato il post che diceva che {G} meritano di morire.'],
    O: ['Odio i lunedì piovosi.', 'Questa vecchia stampante è del tutto inutile.', 'Mio fratello ha preparato la cena per tutta la famiglia.', 'Stamattina il treno era di nuovo in ritardo.', 'Abbiamo guardato un film e poi siamo tornati a casa presto.'],
  },
  pt: {
    H: ['{G} são repugnantes e eu não os suporto.', 'Não suporto {A}, eles estragam tudo.', '{G} são inúteis e burros.', '{G} são um câncer para este país.', 'Ninguém quer {A} aqui, que voltem para a terra deles.', '{G} são inferiores a nós.', 'Detesto {A} com todo o meu coração.', 'Típico: {G} sempre mentem e roubam.'],
    D: ['{G} são ratos.', '{G} são parasitas que vivem às nossas custas.', '{G} não são melhores que baratas.'],
    T: ['Deviam fuzilar {A}.', 'Alguém devia queimar vivos {A}.', '{G} merecem morrer.'],
    P: ['{G} tornam este país melhor.', 'Eu admiro e respeito {A}.', '{G} são pessoas maravilhosas.'],
    N: ['A minha irmã trabalha com {A}.', '{G} votaram em massa nas últimas eleições.', 'Ontem li um artigo sobre como vivem {G}.'],
    NEG: ['{G} não são nada repugnantes.', 'Eu nunca diria que {G} são inúteis.', 'Ninguém deveria odiar {A}.'],
    C: ['Parem de espalhar ódio contra {A}.', 'Quem diz que {G} são ratos está espalhando ódio.', 'Denunciei o post que dizia que {G} merecem morrer.'],
    O: ['Odeio segundas-feiras chuvosas.', 'Esta impressora velha é completamente inútil.', 'O meu irmão fez o jantar para a família toda.', 'O ônibus atrasou de novo hoje de manhã.', 'Vimos um filme e depois voltamos cedo para casa.'],
  },
  nl: {
    H: ['{G} zijn walgelijk en ik kan ze niet uitstaan.', 'Ik kan {A} niet uitstaan, ze verpesten alles.', '{G} zijn waardeloos en dom.', '{G} zijn een kankergezwel voor dit land.', 'Niemand wil {A} hier, ga terug naar waar je vandaan komt.', '{G} zijn minderwaardig.', 'Ik verafschuw {A} met heel mijn hart.', 'Typisch {G}, altijd liegen en stelen.'],
    D: ['{G} zijn ratten.', '{G} zijn parasieten die op onze kosten leven.', '{G} zijn niet beter dan kakkerlakken.'],
    T: ['{G} moeten allemaal doodgeschoten worden.', 'Iemand zou {A} levend moeten verbranden.', '{G} verdienen de dood.'],
    P: ['{G} maken dit land beter.', 'Ik bewonder en respecteer {A}.', '{G} zijn geweldige mensen.'],
    N: ['Mijn zus werkt samen met {A}.', 'Veel {G} hebben bij de laatste verkiezingen gestemd.', 'De documentaire ging over het leven van {A}.'],
    NEG: ['{G} zijn helemaal niet walgelijk.', 'Ik zou nooit zeggen dat {G} waardeloos zijn.', 'Niemand zou {A} moeten haten.'],
    C: ['Stop met het verspreiden van haat tegen {A}.', 'Wie zegt dat {G} ratten zijn, verspreidt haat.', 'Ik heb het bericht gemeld waarin stond dat {G} de dood verdienen.'],
    O: ['Ik haat regenachtige maandagen.', 'Deze oude printer is totaal nutteloos.', 'Mijn broer heeft voor de hele familie gekookt.', 'De trein had vanochtend weer vertraging.', 'We hebben een film gekeken en zijn daarna vroeg naar huis gegaan.'],
  },
  sv: {
    H: ['{G} är vidriga och jag står inte ut med dem.', 'Jag tål inte {A}, de förstör allt.', '{G} är värdelösa och dumma.', '{G} är en cancer för det här landet.', 'Ingen vill ha {A} här, åk hem dit ni kom ifrån.', '{G} är underlägsna oss andra.', 'Jag avskyr {A} av hela mitt hjärta.', 'Typiskt {G}, de ljuger och stjäl jämt.'],
    D: ['{G} är råttor.', '{G} är parasiter som lever på oss.', '{G} är inte bättre än kackerlackor.'],
    T: ['{G} borde skjutas allihop.', 'Någon borde bränna {A} levande.', '{G} förtjänar att dö.'],
    P: ['{G} gör det här landet bättre.', 'Jag beundrar och respekterar {A}.', '{G} är underbara människor.'],
    N: ['Min syster arbetar med {A}.', 'Många {G} röstade i det senaste valet.', 'Dokumentären handlade om livet för {A}.'],
    NEG: ['{G} är inte alls vidriga.', 'Jag skulle aldrig säga att {G} är värdelösa.', 'Ingen borde hata {A}.'],
    C: ['Sluta sprida hat mot {A}.', 'Den som säger att {G} är råttor sprider hat.', 'Jag anmälde inlägget som sa att {G} förtjänar att dö.'],
    O: ['Jag hatar regniga måndagar.', 'Den här gamla skrivaren är helt oanvändbar.', 'Min bror lagade middag åt hela familjen.', 'Tåget var försenat igen i morse.', 'Vi tittade på en film och gick sedan hem tidigt.'],
  },
  pl: {
    H: ['{G} są obrzydliwi i nie mogę ich znieść.', 'Nie znoszę {A}, niszczą wszystko.', '{G} są bezwartościowi i głupi.', '{G} to rak tego kraju.', 'Nikt nie chce tu {A}, wracajcie tam, skąd przyszliście.', '{G} są gorszym gatunkiem ludzi.', 'Z całego serca nie cierpię {A}.', 'Typowe, {G} zawsze kłamią i kradną.'],
    D: ['{G} to szczury.', '{G} to pasożyty żerujące na nas.', '{G} są nie lepsi od karaluchów.'],
    T: ['{G} powinni zostać rozstrzelani.', 'Ktoś powinien spalić żywcem wszystkich {A}.', '{G} zasługują na śmierć.'],
    P: ['{G} czynią ten kraj lepszym.', 'Mam ogromny szacunek dla {A}.', '{G} są cudownymi ludźmi.'],
    N: ['Moja siostra zna wielu {A}.', 'Wielu {A} głosowało w ostatnich wyborach.', 'Film dokumentalny opowiadał o życiu {A}.'],
    NEG: ['{G} wcale nie są obrzydliwi.', 'Nigdy nie powiedziałbym, że {G} są bezwartościowi.', 'Nikt nie powinien nienawidzić {A}.'],
    C: ['Przestańcie szerzyć nienawiść wobec {A}.', 'Kto mówi, że {G} to szczury, ten szerzy nienawiść.', 'Zgłosiłem wpis, w którym napisano, że {G} zasługują na śmierć.'],
    O: ['Nienawidzę deszczowych poniedziałków.', 'Ta stara drukarka jest zupełnie bezużyteczna.', 'Mój brat ugotował obiad dla całej rodziny.', 'Pociąg znowu się spóźnił dziś rano.', 'Obejrzeliśmy film, a potem wcześnie wróciliśmy do domu.'],
  },
  cs: {
    H: ['{G} jsou odporní a nemůžu je vystát.', 'Nesnáším {A}, všechno ničí.', '{G} jsou bezcenní a hloupí.', '{G} jsou rakovina této země.', 'Nikdo tady nechce {A}, vraťte se, odkud jste přišli.', '{G} jsou méněcenní.', 'Nedokážu {A} vystát.', 'Typicky {G}, pořád lžou a kradou.'],
    D: ['{G} jsou krysy.', '{G} jsou paraziti, kteří žijí na náš úkor.', '{G} nejsou o nic lepší než švábi.'],
    T: ['{G} by se měli všichni postřílet.', 'Někdo by měl {A} upálit zaživa.', '{G} si zaslouží smrt.'],
    P: ['{G} dělají tuto zemi lepší.', 'Obdivuji a respektuji {A}.', '{G} jsou úžasní lidé.'],
    N: ['Moje sestra pracuje s lidmi, kteří jsou {G}.', 'Mnoho lidí, kteří jsou {G}, volilo v posledních volbách.', 'Ten dokument byl o tom, jak žijí {G}.'],
    NEG: ['{G} vůbec nejsou odporní.', 'Nikdy bych neřekl, že {G} jsou bezcenní.', 'Nikdo by neměl nenávidět {A}.'],
    C: ['Přestaňte šířit nenávist, {G} si to nezaslouží.', 'Kdo tvrdí, že {G} jsou krysy, šíří nenávist.', 'Nahlásil jsem příspěvek, který tvrdil, že {G} si zaslouží smrt.'],
    O: ['Nesnáším deštivá pondělí.', 'Tahle stará tiskárna je úplně k ničemu.', 'Můj bratr uvařil večeři pro celou rodinu.', 'Vlak měl dnes ráno zase zpoždění.', 'Podívali jsme se na film a pak jsme šli brzy domů.'],
  },
  ru: {
    H: ['{G} отвратительны, я их терпеть не могу.', 'Терпеть не могу {A}, они всё портят.', '{G} никчёмные и тупые.', '{G} — раковая опухоль этой страны.', 'Никто не хочет видеть здесь {A}, убирайтесь туда, откуда пришли.', '{G} — люди второго сорта.', 'Меня тошнит от {A}.', 'Типичные {G}: вечно врут и воруют.'],
    D: ['{G} — крысы.', '{G} — паразиты, которые живут за наш счёт.', '{G} ничем не лучше тараканов.'],
    T: ['Всех {A} надо расстрелять.', 'Кто-нибудь должен сжечь {A} заживо.', '{G} заслуживают смерти.'],
    P: ['{G} делают нашу страну лучше.', 'Я уважаю {A}.', '{G} — замечательные люди.'],
    N: ['Моя сестра знает много {A}.', 'Много {A} голосовало на последних выборах.', 'Вчера я читал статью о жизни {A}.'],
    NEG: ['{G} совсем не отвратительны.', 'Я никогда не скажу, что {G} никчёмные.', 'Никто не должен ненавидеть {A}.'],
    C: ['Хватит разжигать ненависть против {A}.', 'Кто говорит, что {G} — крысы, тот сеет ненависть.', 'Я пожаловался на пост, где писали, что {G} заслуживают смерти.'],
    O: ['Ненавижу дождливые понедельники.', 'Этот старый принтер совершенно бесполезен.', 'Мой брат приготовил ужин для всей семьи.', 'Сегодня утром поезд снова опоздал.', 'Мы посмотрели фильм и рано вернулись домой.'],
  },
  ar: {
    H: ['{G} مقرفون ولا أطيقهم.', 'لا أطيق {A}، إنهم يفسدون كل شيء.', '{G} عديمو الفائدة وأغبياء.', '{G} سرطان في هذا البلد.', 'لا أحد يريد {A} هنا، عودوا من حيث أتيتم.', '{G} أدنى منا.', 'أمقت {A} من كل قلبي.', 'كالعادة، {G} يكذبون ويسرقون دائماً.'],
    D: ['{G} جرذان.', '{G} طفيليات تعيش على حسابنا.', '{G} ليسوا أفضل من الصراصير.'],
    T: ['يجب إعدام {A} رمياً بالرصاص.', 'على أحد أن يحرق {A} أحياء.', '{G} يستحقون الموت.'],
    P: ['{G} يجعلون هذا البلد أفضل.', 'أنا أحترم {A} وأقدرهم.', '{G} أناس رائعون.'],
    N: ['أختي تعمل مع {A}.', 'صوت كثير من {A} في الانتخابات الأخيرة.', 'كان الفيلم الوثائقي عن حياة {A}.'],
    NEG: ['{G} ليسوا مقرفين على الإطلاق.', 'لن أقول أبداً إن {A} عديمو الفائدة.', 'لا ينبغي لأحد أن يكره {A}.'],
    C: ['توقفوا عن نشر الكراهية ضد {A}.', 'من يقول إن {A} جرذان ينشر الكراهية.', 'أبلغت عن المنشور الذي قال إن {A} يستحقون الموت.'],
    O: ['أكره أيام الاثنين الممطرة.', 'هذه الطابعة القديمة عديمة الفائدة تماماً.', 'طبخ أخي العشاء للعائلة كلها.', 'تأخر القطار مرة أخرى هذا الصباح.', 'شاهدنا فيلماً ثم عدنا إلى البيت مبكراً.'],
  },
  hi: {
    H: ['{G} घिनौने हैं और मैं उन्हें बर्दाश्त नहीं कर सकता।', 'मैं {A} को बर्दाश्त नहीं कर सकता, वे सब कुछ बर्बाद कर देते हैं।', '{G} निकम्मे और मूर्ख हैं।', '{G} इस देश के लिए कैंसर हैं।', 'यहाँ कोई {A} को नहीं चाहता, जहाँ से आए हो वहीं लौट जाओ।', '{G} हमसे नीच हैं।', 'मुझे {A} से दिल से घिन आती है।', '{G} हमेशा झूठ बोलते हैं और चोरी करते हैं।'],
    D: ['{G} चूहे हैं।', '{G} परजीवी हैं जो हमारा खून चूसते हैं।', '{G} कॉकरोच से बेहतर नहीं हैं।'],
    T: ['{A} को गोली मार देनी चाहिए।', 'किसी को {A} को ज़िंदा जला देना चाहिए।', '{G} मौत के लायक हैं।'],
    P: ['{G} इस देश को बेहतर बनाते हैं।', 'मैं {A} का सम्मान करता हूँ।', '{G} बहुत अच्छे लोग हैं।'],
    N: ['मेरी बहन {A} के साथ काम करती है।', 'पिछले चुनाव में बहुत से {A} ने वोट दिया।', 'वह वृत्तचित्र {A} के जीवन के बारे में था।'],
    NEG: ['{G} बिल्कुल भी घिनौने नहीं हैं।', 'मैं कभी नहीं कहूँगा कि {G} निकम्मे हैं।', 'किसी को भी {A} से नफ़रत नहीं करनी चाहिए।'],
    C: ['{A} के खिलाफ़ नफ़रत फैलाना बंद करो।', 'जो कहता है कि {G} चूहे हैं, वह नफ़रत फैला रहा है।', 'मैंने उस पोस्ट की शिकायत की जिसमें लिखा था कि {G} मौत के लायक हैं।'],
    O: ['मुझे बारिश वाले सोमवार से नफ़रत है।', 'यह पुराना प्रिंटर बिल्कुल बेकार है।', 'मेरे भाई ने पूरे परिवार के लिए खाना बनाया।', 'आज सुबह ट्रेन फिर से देर से आई।', 'हमने एक फ़िल्म देखी और फिर जल्दी घर लौट आए।'],
  },
  id: {
    H: ['{G} itu menjijikkan dan aku tidak tahan dengan mereka.', 'Aku muak dengan {A}, mereka merusak segalanya.', '{G} itu tidak berguna dan bodoh.', '{G} adalah kanker bagi negara ini.', 'Tidak ada yang mau {A} di sini, pulang sana ke asalmu.', '{G} lebih rendah dari kita.', 'Aku membenci {A} sepenuh hati.', 'Dasar {G}, selalu bohong dan mencuri.'],
    D: ['{G} itu tikus.', '{G} itu parasit yang hidup dari kita.', '{G} tidak lebih baik dari kecoak.'],
    T: ['{G} harus ditembak semua.', 'Seseorang harus membakar {A} hidup-hidup.', '{G} pantas mati.'],
    P: ['{G} membuat negara ini lebih baik.', 'Aku kagum dan hormat pada {A}.', '{G} adalah orang-orang yang hebat.'],
    N: ['Kakak perempuanku bekerja bersama {A}.', 'Banyak {G} memilih dalam pemilu terakhir.', 'Film dokumenter itu tentang kehidupan {A}.'],
    NEG: ['{G} sama sekali tidak menjijikkan.', 'Aku tidak akan pernah bilang {G} itu tidak berguna.', 'Tidak ada yang boleh membenci {A}.'],
    C: ['Berhenti menyebarkan kebencian terhadap {A}.', 'Siapa pun yang bilang {G} itu tikus sedang menyebar kebencian.', 'Aku melaporkan postingan yang bilang {G} pantas mati.'],
    O: ['Aku benci hari Senin yang hujan.', 'Printer tua ini sama sekali tidak berguna.', 'Kakakku memasak makan malam untuk seluruh keluarga.', 'Keretanya terlambat lagi pagi ini.', 'Kami menonton film lalu pulang lebih awal.'],
  },
  ja: {
    H: ['{G}は気持ち悪くて我慢できない。', '{A}には耐えられない、何もかも台無しにする。', '{G}は役立たずで馬鹿だ。', '{G}はこの国の癌だ。', '誰も{A}なんか求めていない、国に帰れ。', '{G}は劣っている。', '{A}を心底憎んでいる。', 'さすが{G}、いつも嘘をついて盗みを働く。'],
    D: ['{G}はネズミだ。', '{G}は俺たちに寄生する寄生虫だ。', '{G}はゴキブリと変わらない。'],
    T: ['{G}は全員撃ち殺せ。', '誰か{A}を生きたまま焼いてくれ。', '{G}は死んで当然だ。'],
    P: ['{G}はこの国をより良くしている。', '私は{A}を尊敬しています。', '{G}は素晴らしい人たちです。'],
    N: ['姉は{A}と一緒に働いています。', '前回の選挙では多くの{G}が投票しました。', 'そのドキュメンタリーは{A}の暮らしについてだった。'],
    NEG: ['{G}は全然気持ち悪くない。', '{G}が役立たずだなんて絶対に言わない。', '誰も{A}を憎むべきではない。'],
    C: ['{A}へのヘイトを広めるのはやめろ。', '{G}がネズミだなんて言う人は憎しみを広めている。', '{G}は死んで当然だという投稿を通報した。'],
    O: ['雨の月曜日が大嫌いだ。', 'この古いプリンターは全く役に立たない。', '兄が家族みんなのために夕食を作ってくれた。', '今朝も電車が遅れた。', '映画を見てから早めに家に帰った。'],
  },
  ko: {
    H: ['{G}은 역겹고 참을 수가 없다.', '{A}은 도저히 못 참겠다, 다 망쳐 놓는다.', '{G}은 쓸모없고 멍청하다.', '{G}은 이 나라의 암적인 존재다.', '아무도 {A}을 원하지 않으니 너네 나라로 돌아가라.', '{G}은 열등하다.', '나는 {A}을 진심으로 혐오한다.', '역시 {G}은 맨날 거짓말하고 도둑질한다.'],
    D: ['{G}은 쥐새끼들이다.', '{G}은 우리에게 기생하는 기생충이다.', '{G}은 바퀴벌레나 다름없다.'],
    T: ['{G}은 다 총으로 쏴 죽여야 한다.', '누가 {A}을 산 채로 불태워 버렸으면 좋겠다.', '{G}은 죽어 마땅하다.'],
    P: ['{G}은 이 나라를 더 좋게 만든다.', '나는 {A}을 존경한다.', '{G}은 멋진 사람들이다.'],
    N: ['우리 누나는 {G}과 함께 일한다.', '지난 선거에서 많은 {G}이 투표했다.', '그 다큐멘터리는 {G}의 삶에 관한 것이었다.'],
    NEG: ['{G}은 전혀 역겹지 않다.', '나는 {G}이 쓸모없다고 절대 말하지 않는다.', '누구도 {A}을 증오해서는 안 된다.'],
    C: ['{A}에 대한 혐오를 퍼뜨리지 마라.', '{G}이 쥐라고 말하는 사람은 혐오를 퍼뜨리는 것이다.', '{G}은 죽어 마땅하다는 게시물을 신고했다.'],
    O: ['비 오는 월요일이 정말 싫다.', '이 낡은 프린터는 완전히 쓸모없다.', '형이 온 가족을 위해 저녁을 만들었다.', '오늘 아침에도 기차가 늦었다.', '우리는 영화를 보고 일찍 집에 돌아왔다.'],
  },
  zh: {
    H: ['{G}真恶心，我受不了他们。', '我受不了{A}，他们把一切都毁了。', '{G}又没用又蠢。', '{G}是这个国家的毒瘤。', '没人想要{A}待在这里，滚回你们老家去。', '{G}天生低人一等。', '我极其讨厌{A}。', '{G}就是这样，总是撒谎偷东西。'],
    D: ['{G}都是老鼠。', '{G}是靠我们养活的寄生虫。', '{G}跟蟑螂没什么两样。'],
    T: ['{G}都应该被枪毙。', '应该有人把{A}活活烧死。', '{G}都该死。'],
    P: ['{G}让这个国家变得更好。', '我尊重{A}。', '{G}都是很棒的人。'],
    N: ['我姐姐和{A}一起工作。', '上次选举有很多{G}去投票。', '那部纪录片讲的是{A}的生活。'],
    NEG: ['{G}一点也不恶心。', '我绝不会说{G}没用。', '谁都不应该憎恨{A}。'],
    C: ['别再散布对{A}的仇恨了。', '说{G}是老鼠的人是在散布仇恨。', '我举报了那条说{G}都该死的帖子。'],
    O: ['我讨厌下雨的星期一。', '这台旧打印机完全没用。', '我哥哥给全家人做了晚饭。', '今天早上火车又晚点了。', '我们看完电影就早早回家了。'],
  },
};
