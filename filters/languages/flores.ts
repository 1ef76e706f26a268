/**
 * The FLORES-200 devtest files of each PolygloToxicityPrompts language (../shared/data/README.md §2;
 * zh has a Simplified and a Traditional file). One table for the langid and toxicity benchmarks
 * and the toxicity trainer's benign-text set.
 */
export const PTP_FLORES: Readonly<Record<string, readonly string[]>> = {
  ar: ['arb_Arab'], cs: ['ces_Latn'], de: ['deu_Latn'], en: ['eng_Latn'], es: ['spa_Latn'], fr: ['fra_Latn'],
  hi: ['hin_Deva'], id: ['ind_Latn'], it: ['ita_Latn'], ja: ['jpn_Jpan'], ko: ['kor_Hang'], nl: ['nld_Latn'],
  pl: ['pol_Latn'], pt: ['por_Latn'], ru: ['rus_Cyrl'], sv: ['swe_Latn'], zh: ['zho_Hans', 'zho_Hant'],
};
