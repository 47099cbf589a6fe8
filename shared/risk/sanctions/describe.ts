// A match of one entry as the screener reports it: the token pairs, and the strength, with every reason
// that holds a strong score to weak (a common name, one short token, an initial only, the wrong entry
// type, the surname not matched). Undefined when the match rests on a common name or misses the
// surname and is not even strong: such a resemblance is noise, not a hit.
import { FLAG_INITIAL, FLAG_SHORT, FLAG_STRICT, type NameIndex } from './name-index';

/** Letters a listed token of a derived form needs for a typing error in it to be forgiven. */
export const DERIVED_TYPO_MIN = 7;
import type { PartyKind, SanctionsMatch, TokenMatch, WeakReason } from './match';
import type { SanctionsEntry } from './sdn-csv';
import { SKELETON_SIM } from './skeleton';
import { TWO_LETTER_SIM } from './scoring';

export interface Described {
  index: NameIndex;
  entry: SanctionsEntry;
  /** The entry's best-matching name. */
  n: number;
  q: string[];
  score: number;
  /** [query index, listed index, similarity] triples of the assignment. */
  pairs: number[];
  strongAt: number;
  kind: PartyKind | undefined;
  list: string;
  listVersion: string;
}

function weakReasons(d: Described, common: boolean, surname: boolean): WeakReason[] {
  const flags = d.index.nameFlags[d.n]!;
  const out: WeakReason[] = [];
  if (common) out.push('common-name');
  if (flags & FLAG_SHORT) out.push('short-token');
  if (flags & FLAG_INITIAL) out.push('initial-only');
  const type = d.entry.type;
  if ((d.kind === 'person' && type !== 'individual') || (d.kind === 'business' && type === 'individual')) out.push('entry-type');
  if (!surname) out.push('surname-not-matched');
  return out;
}

/** Equal, or of the same consonant skeleton (a skeleton match carries exactly SKELETON_SIM): not a typing error. */
const exact = (t: TokenMatch) => t.similarity === 1 || t.similarity === SKELETON_SIM;

/** An exact token of three letters or more, or exactly one inexact token beside exact ones. */
export function oneTypo(tokens: readonly TokenMatch[]): boolean {
  let inexact = 0;
  for (const t of tokens) {
    if (exact(t) && t.query.length >= 3) return true;
    if (!exact(t)) inexact++;
  }
  return inexact === 1 && tokens.length >= 2;
}

/**
 * A common query token matched inexactly to a person's token, with neither an exact, uncommon token of four
 * letters or more beside it nor two exact surname tokens of four letters or more ("Juan Olivera Jimenez").
 */
export function commonNear(ix: NameIndex, tokens: readonly TokenMatch[], entry: SanctionsEntry, surnames: number): boolean {
  if (entry.type !== 'individual') return false;
  const near = tokens.some((t) => !exact(t) && ix.isCommonToken(t.query));
  return near && surnames < 2 && !tokens.some((t) => exact(t) && t.listed.length >= 4 && !ix.isCommonToken(t.listed));
}

export function describeMatch(d: Described): SanctionsMatch | undefined {
  const { index: ix, n, pairs, entry } = d;
  const start = ix.nameStart[n]!;
  const tokens: TokenMatch[] = [];
  for (let k = 0; k < pairs.length; k += 3) tokens.push({ query: d.q[pairs[k]!]!, listed: ix.vocabStr[ix.nameTok[start + pairs[k + 1]!]!]!, similarity: pairs[k + 2]! });
  const strongScore = d.score >= d.strongAt;
  const mask = ix.nameSurname[n]!;
  let surname = mask === 0;
  let exactSurnames = 0;
  for (let k = 1; k < pairs.length; k += 3) {
    if ((mask & (1 << pairs[k]!)) === 0) continue;
    surname = true;
    if (exact(tokens[(k - 1) / 3]!) && tokens[(k - 1) / 3]!.listed.length >= 4) exactSurnames++;
  }
  // A person matched on a common name only. (The listed primary name matched in full is the listed person, common name or not.)
  const full = ix.nameForm[n] === 'primary' && tokens.length === ix.nameStart[n + 1]! - start;
  const common = entry.type === 'individual' && !full && ix.isCommonName(tokens.map((t) => t.listed));
  if ((!surname || common) && !strongScore) return undefined;
  // A derived form ("DERIPASKA, Oleg") is a guess at how a name was shortened: it allows a typing error only in a
  // long token. Otherwise "Jing Kim" would be "KIM, Jung Jong".
  if ((ix.nameFlags[n]! & FLAG_STRICT) !== 0 && tokens.some((t) => !exact(t) && t.listed.length < DERIVED_TYPO_MIN)) return undefined;
  const weakBecause = strongScore ? weakReasons(d, common, surname) : [];
  // Two tokens or more, none of them exact (or of the same skeleton): two typing errors at once is another name
  // ("Ayse Tran" / "AYE, Than").
  // One typing error beside exact tokens, however short, is a typing error ("Su Yofg Ri", "SB Seucrities SA").
  if (strongScore && d.q.length >= 2 && !oneTypo(tokens)) weakBecause.push('no-exact-token');
  // A typo in a two-letter token stands beside two exact tokens ("Fi Tong Hyok"), not one ("Xu John" / "WU, John").
  else if (strongScore && tokens.some((t) => t.similarity === TWO_LETTER_SIM) && tokens.filter(exact).length < 2) weakBecause.push('no-exact-token');
  // A common given name one edit from a listed person's token ("Roma" / "Roman", "Serge" / "Sergei") is a typing
  // error only beside a token of the name that is exact and not common itself: "Mary Smith" is not "SMITH, Mark".
  // Without one, a name of two tokens (or with no exact token: the index does not reach it) is another name and no
  // hit at all; a longer one is at most weak.
  const near = commonNear(ix, tokens, entry, exactSurnames);
  if (near && (d.q.length <= 2 || !tokens.some(exact))) return undefined;
  if (near && strongScore && !weakBecause.includes('common-name')) weakBecause.push('common-name');
  const match: SanctionsMatch = {
    entNum: entry.entNum,
    listedName: entry.name,
    programs: entry.programs,
    score: d.score,
    strength: strongScore && weakBecause.length === 0 ? 'strong' : 'weak',
    entryType: entry.type,
    matchedName: ix.nameText[n]!,
    matchedForm: ix.nameForm[n]!,
    tokens,
    details: entry.details,
    list: d.list,
    listVersion: d.listVersion,
  };
  if (ix.nameForm[n] === 'alias') match.matchedAlias = ix.nameText[n]!;
  if (weakBecause.length > 0) match.weakBecause = weakBecause;
  return match;
}
