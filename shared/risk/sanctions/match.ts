// What screening one name returns: per listed entry, the best-matching name of it and everything an
// officer (and the sanctions rule's policy) needs to judge it: the entry, the name or alias or derived
// form matched, which tokens matched which and how closely, and why the match is held to weak.
import type { NameForm } from './name-index';
import type { EntryDetails } from './remarks';
import type { SanctionsEntryType } from './sdn-csv';

/** What the screened name is: a person's name, a business name, or not known (no entry-type rule then). */
export type PartyKind = 'person' | 'business';

/** Why a match that scores strong is reported weak. */
export type WeakReason =
  /** The matched name (an alias or a derived form) is itself a common name. */
  | 'common-name'
  /** The matched name is one short token ("BNC", "ALI"). */
  | 'short-token'
  /** Only an initial stands for the given name. */
  | 'initial-only'
  /** A person's name against an entity, vessel or aircraft, or a business name against an individual. */
  | 'entry-type'
  /** The listed person's surname is not among the tokens matched. */
  | 'surname-not-matched'
  /** No token of a name of two or more matched exactly. */
  | 'no-exact-token';

export interface TokenMatch {
  query: string;
  listed: string;
  similarity: number;
}

export interface SanctionsMatch {
  entNum: number;
  listedName: string;
  /** Set when the best-matching name of the entry was an a.k.a. rather than its primary name. */
  matchedAlias?: string;
  programs: string[];
  /** 0..1 */
  score: number;
  strength: 'strong' | 'weak';
  /** Fields below are set by SanctionsScreener; a test double may leave them out. */
  entryType?: SanctionsEntryType;
  /** The name of the entry that matched, as the list writes it (or as derived from it). */
  matchedName?: string;
  matchedForm?: NameForm;
  /** Query token → listed token pairs of the match, normalised. */
  tokens?: TokenMatch[];
  /** Set when a strong score was held to weak, with why. */
  weakBecause?: WeakReason[];
  /** Countries and identifiers the entry lists: what can corroborate the match. */
  details?: EntryDetails;
  /** The list and version the entry was read from ("OFAC SDN 2024-05-03"). */
  list?: string;
  listVersion?: string;
}

export interface ScreenOptions {
  kind?: PartyKind;
}
