// The Harmonized System 2022 nomenclature (WCO), loaded once from shared/reference/data.
import { readFileSync } from 'node:fs';
import { parseCsv } from './csv';
import { referenceDataPath } from './files';

export interface HsSubheading {
  /** 6 digits */
  code: string;
  description: string;
  /** 4-digit heading and its description */
  heading: string;
  headingDescription: string;
  /** 2-digit chapter and its description */
  chapter: string;
  chapterDescription: string;
  /** Roman numeral of the HS section */
  section: string;
}

export interface HsNomenclature {
  subheading(code6: string): HsSubheading | undefined;
  readonly size: number;
}

export function parseHsCsv(text: string): HsNomenclature {
  const rows = parseCsv(text);
  const byLevel = new Map<string, string>();
  const six: { section: string; code: string; description: string }[] = [];
  for (const r of rows.slice(1)) {
    const [section, code, description, , level] = r;
    if (!section || !code || description === undefined) continue; // stray blank lines in the source
    if (section === 'TOTAL') continue; // UN Comtrade's chapter 99 "not specified": not part of the WCO nomenclature
    if (level === '6') six.push({ section, code, description });
    else byLevel.set(code, description);
  }
  const map = new Map<string, HsSubheading>();
  for (const s of six) {
    const heading = s.code.slice(0, 4);
    const chapter = s.code.slice(0, 2);
    map.set(s.code, {
      code: s.code,
      description: s.description,
      heading,
      headingDescription: byLevel.get(heading) ?? '',
      chapter,
      chapterDescription: byLevel.get(chapter) ?? '',
      section: s.section,
    });
  }
  return { subheading: (code6) => map.get(code6), size: map.size };
}

let loaded: HsNomenclature | undefined;
/** The HS 2022 nomenclature, parsed on first use. */
export function hsNomenclature(): HsNomenclature {
  loaded ??= parseHsCsv(readFileSync(referenceDataPath('harmonized-system-2022.csv'), 'utf8'));
  return loaded;
}
