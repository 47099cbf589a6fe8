// Sanctions clearances as the console shows them (POST/GET/DELETE /v1/sanctions/clearances): which hits an officer
// may clear, whether a hit is cleared (by the engine's evidence on a later parcel, or by a clearance made on this
// very parcel, which is not assessed again), and the party in a masked form. Pure: no DOM, unit-tested.
import type { Hit } from './types';

export type ClearanceStatus = 'IN_FORCE' | 'EXPIRED' | 'REVOKED' | 'ENDED';

/** A clearance as the API shows it (the party fingerprint is not shown). */
export interface Clearance {
  id: string;
  country: string;
  party: 'sender' | 'recipient';
  partyName: string;
  entNum: number;
  entryDigest?: string;
  listVersion: string;
  itemId: string;
  by: string;
  at: string;
  until: string;
  reason: string;
  status: ClearanceStatus;
  revokedAt?: string;
  revokedBy?: string;
  endReason?: string;
}

/** What the officer reads of a cleared hit. */
export interface ClearedView {
  by: string;
  at: string;
  until: string;
  reason: string;
}

export const isSanctionsHit = (hit: Pick<Hit, 'ruleId'>): boolean => /^SANCTIONS_/.test(hit.ruleId);

/** The party a hit's pointer names (/recipient/name → recipient), as the API accepts it. */
export function partyOfPointer(pointer: string): 'sender' | 'recipient' | undefined {
  const m = /^\/(sender|recipient)\/[A-Za-z]+$/.exec(pointer);
  return m ? (m[1] as 'sender' | 'recipient') : undefined;
}

/** The list entries (SDN ent_num) a sanctions hit matched, in the evidence's order. */
export function hitEntries(hit: Pick<Hit, 'evidence'>): { entNum: number; listedName: string }[] {
  const matches = Array.isArray(hit.evidence?.matches) ? (hit.evidence.matches as Record<string, unknown>[]) : [];
  return matches.map((m) => ({ entNum: Number(m.entNum), listedName: typeof m.listedName === 'string' ? m.listedName : '' })).filter((m) => Number.isInteger(m.entNum));
}

const asView = (v: unknown): ClearedView | undefined => {
  const c = v as Partial<ClearedView> | undefined;
  return c && typeof c.by === 'string' && typeof c.until === 'string' ? { by: c.by, at: c.at ?? '', until: c.until, reason: c.reason ?? '' } : undefined;
};

/**
 * Whether the hit is cleared, and by whom: the engine's `evidence.cleared` (a parcel assessed after the clearance),
 * or else clearances in force made on this parcel for the hit's party that cover every entry it matched.
 */
export function clearedState(hit: Hit, itemId: string, clearances: readonly Clearance[]): ClearedView | undefined {
  const fromEngine = asView(hit.evidence?.cleared);
  if (fromEngine) return fromEngine;
  const party = partyOfPointer(hit.pointer);
  const entries = hitEntries(hit).map((e) => e.entNum);
  if (!isSanctionsHit(hit) || !party || entries.length === 0) return undefined;
  const mine = clearances.filter((c) => c.status === 'IN_FORCE' && c.itemId === itemId && c.party === party && entries.includes(c.entNum));
  if (!entries.every((e) => mine.some((c) => c.entNum === e))) return undefined;
  const first = mine.find((c) => c.entNum === entries[0])!;
  return { by: first.by, at: first.at, until: first.until, reason: first.reason };
}

/** Whether the officer may clear this hit: a sanctions hit on a party's field, not cleared yet. */
export const mayClear = (hit: Hit, cleared: ClearedView | undefined): boolean => isSanctionsHit(hit) && !!partyOfPointer(hit.pointer) && hitEntries(hit).length > 0 && !cleared;

/** A party's name masked to its initials ("Eusebio Arzallus Tapia" → "E. A. T."): enough to tell rows apart, not to read the name. */
export const maskedName = (name: string): string =>
  name
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((t) => `${Array.from(t)[0]!.toUpperCase()}.`)
    .join(' ') || '–';

export const CLEARANCE_STATUS_WORDS: Record<ClearanceStatus, string> = {
  IN_FORCE: 'In force',
  EXPIRED: 'Expired',
  REVOKED: 'Revoked',
  ENDED: 'Ended by a list update',
};

/** The listing shows what still stands: revoked clearances leave it (the API lists them with status REVOKED). */
export const shownInList = (c: Pick<Clearance, 'status'>): boolean => c.status !== 'REVOKED';

/** The clearance request of an officer's form: every entry the hit matched unless only some were ticked. */
export function clearanceRequest(itemId: string, hit: Hit, ticked: readonly number[], reason: string): { itemId: string; pointer: string; entNums?: number[]; reason: string } {
  const all = hitEntries(hit).map((e) => e.entNum);
  const some = ticked.length > 0 && ticked.length < all.length;
  return { itemId, pointer: hit.pointer, ...(some ? { entNums: [...ticked] } : {}), reason };
}
