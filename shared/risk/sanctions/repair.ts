// A typing error in a word that is not a name: a title ("Sehikh" for Sheikh, "Hjai" for Haji) that would
// otherwise stay an extra token, or a legal form ("Cor.", "Tld", "Cmrp.") that would otherwise miss its
// listed "CORP." or "LTD.". The screener screens such a name a second time, repaired; only a token that is
// neither on the list nor a common name is repaired, so "Cox" stays Cox and a listed "SHEIK" stays a name.
import { withinOneEdit } from './jaro-winkler';
import { HONORIFICS, LEGAL_SYNONYMS } from './normalise';

/** Titles long enough for one edit in them to be recognisable. */
const TITLES = [...HONORIFICS].filter((t) => t.length >= 4);
/** Legal forms a typing error is repaired to, with what they normalise to. */
const LEGAL: readonly (readonly [string, string])[] = [
  ['corp', 'corporation'],
  ['ltd', 'limited'],
  ['inc', 'incorporated'],
  ['llc', 'llc'],
  ['gmbh', 'gmbh'],
  ['jsc', 'jsc'],
  ['plc', 'plc'],
  ['company', 'company'],
  ['limited', 'limited'],
];
const LEGAL_FORMS = new Set([...LEGAL.map(([, to]) => to), ...LEGAL_SYNONYMS.values()]);

/** The tokens with a mistyped title dropped and a mistyped legal form repaired, or undefined when nothing changes. */
export function repairedForm(tokens: readonly string[], known: (t: string) => boolean): string[] | undefined {
  let changed = false;
  const out: string[] = [];
  for (const t of tokens) {
    if (t.length < 3 || LEGAL_FORMS.has(t) || known(t)) {
      out.push(t);
      continue;
    }
    const legal = LEGAL.find(([form]) => withinOneEdit(t, form));
    if (legal !== undefined) {
      out.push(legal[1]);
      changed = true;
    } else if (t.length >= 4 && TITLES.some((title) => withinOneEdit(t, title))) changed = true;
    else out.push(t);
  }
  return changed && out.length > 0 ? out.sort() : undefined;
}
