// Does the description fit the declared HS code? A cheap, explainable test: the description's
// content words, stemmed to their first letters, must share at least one word with the texts of
// the subheading, its heading and its chapter (plus a small synonym table for everyday words the
// nomenclature does not use: "phone" → "telephone"). Measured on test/fixtures/hs-fit-labelled.ts
// (see the risk bench); descriptions in languages other than English fit less often, which is
// why a misfit is a data-quality finding with few points, not a hold.
import type { HsNomenclature } from '../reference/hs';
import type { RulesConfig } from './config/schema';
import { foldText } from './text';

const DIGITS = /^\d+$/;

export interface HsFitResult {
  fits: boolean;
  /** Stemmed content words of the description. */
  descriptionWords: string[];
  /** Those found in the nomenclature texts. */
  sharedWords: string[];
  /** The texts compared against, for the evidence. */
  nomenclatureText: string;
}

export interface HsFitter {
  /** Undefined when the code is unknown or the description has no content words to judge. */
  /** words: foldedDescription split at its spaces, when the caller has them. */
  check(foldedDescription: string, hs6: string, words?: readonly string[]): HsFitResult | undefined;
}

export function createHsFitter(config: RulesConfig['hsFit'], ignoredDescriptionWords: ReadonlySet<string>, hs: HsNomenclature): HsFitter {
  const n = config.stemLength;
  const stem = (w: string) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w).slice(0, n);
  const ignored = new Set(config.ignoredWords.map(foldText));
  const synonyms = new Map<string, string[]>();
  for (const [word, targets] of Object.entries(config.synonyms))
    synonyms.set(
      foldText(word),
      targets.map((t) => stem(foldText(t))),
    );
  const isContentWord = (w: string) => w.length >= 3 && !ignored.has(w) && !DIGITS.test(w);
  const contentWords = (folded: string) => folded.split(' ').filter(isContentWord);

  // ~5,600 subheadings: the stems of each are built on first use and kept.
  const texts = new Map<string, { stems: Set<string>; text: string } | null>();
  const nomenclature = (hs6: string) => {
    let entry = texts.get(hs6);
    if (entry === undefined) {
      const s = hs.subheading(hs6);
      const text = s ? `${s.description} | ${s.headingDescription} | ${s.chapterDescription}` : '';
      entry = s ? { stems: new Set(contentWords(foldText(text)).map(stem)), text } : null;
      texts.set(hs6, entry);
    }
    return entry;
  };

  return {
    check(folded, hs6, words = folded.split(' ')) {
      const entry = nomenclature(hs6);
      if (!entry) return undefined;
      const descriptionWords: string[] = [];
      const sharedWords: string[] = [];
      for (const w of words) {
        if (!isContentWord(w) || ignoredDescriptionWords.has(w)) continue;
        // The word's stem, else the first of its synonyms found in the nomenclature texts.
        const s = stem(w);
        descriptionWords.push(s);
        if (entry.stems.has(s)) sharedWords.push(s);
        else {
          const shared = synonyms.get(w)?.find((c) => entry.stems.has(c));
          if (shared !== undefined) sharedWords.push(shared);
        }
      }
      if (descriptionWords.length === 0) return undefined;
      return { fits: sharedWords.length >= config.minSharedWords, descriptionWords, sharedWords, nomenclatureText: entry.text };
    },
  };
}
