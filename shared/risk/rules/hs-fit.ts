// HS_DESCRIPTION_MISMATCH: the declared HS code's nomenclature text does not fit the description
// (see ../hs-fit.ts for the test and its measured precision and recall).
import type { Rule } from './context';

export const hsDescriptionFit: Rule = (ctx) => {
  for (const line of ctx.lines) {
    if (line.hs6 === undefined || line.folded.length === 0) continue;
    const fit = ctx.rules.hsFitter.check(line.folded, line.hs6, line.words);
    if (!fit || fit.fits) continue;
    const description = ctx.d.contents[line.index]!.description;
    ctx.hit('HS_DESCRIPTION_MISMATCH', `/contents/${line.index}/hsCode`, `HS ${line.hs6} ("${fit.nomenclatureText.split(' | ')[0]}") does not fit the description "${description}"`, {
      hsCode: ctx.d.contents[line.index]!.hsCode,
      description,
      descriptionWords: fit.descriptionWords,
      nomenclatureText: fit.nomenclatureText,
    });
  }
};
