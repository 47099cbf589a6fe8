// Sanctions clearances: an officer decided that a party is not the listed party of an entry, so later parcels of
// the same party show that hit as cleared (evidence kept, 0 points, not critical) until the clearance ends. Pure:
// the engine applies the clearances it is given after the rules ran; which ones are still in force (not expired,
// not revoked, the entry unchanged in the list) is decided here too, by `inForce`, for the caller to pass in.
import { createHash } from 'node:crypto';
import type { Declaration, Party } from '../ead/schema';
import { foldText } from './text';
import { type Hit, RULE_FAMILIES } from './types';

export const PARTIES = ['sender', 'recipient'] as const;
export type PartyRole = (typeof PARTIES)[number];

/** Who and what an officer cleared, as the engine needs it. */
export interface ClearanceGrant {
  /** partyFingerprint of the cleared party. */
  fingerprint: string;
  /** The list entry (SDN ent_num) the party is not. */
  entNum: number;
  /** The entry's digest when it was cleared: a list update that changes the entry ends the clearance. */
  entryDigest: string;
  by: string;
  at: string;
  until: string;
  reason: string;
  revokedAt?: string;
  endedAt?: string;
}

export type PartyForFingerprint = Pick<Party, 'name' | 'businessName'> & { address: Pick<Party['address'], 'countryCode'> };

/**
 * The readable key a party fingerprint hashes: the address country, then the name's folded tokens in order of
 * their letters (case, accents, punctuation, spacing and token order do not count), then the business name's.
 * Not the street: the same person moving house is the same person, and a listed party gains nothing from it
 * (a clearance only ever lowers a hit an officer has already looked at for this name in this country).
 */
export function partyKey(p: PartyForFingerprint): string {
  const tokens = (s: string | undefined) => (s === undefined ? '' : foldText(s).split(' ').filter(Boolean).sort().join(' '));
  return [p.address.countryCode.toUpperCase(), tokens(p.name), tokens(p.businessName)].join('|');
}

/** sha256 of partyKey, base64url, 22 characters: no readable personal data in the clearances table's keys. */
export const partyFingerprint = (p: PartyForFingerprint): string => createHash('sha256').update(partyKey(p)).digest('base64url').slice(0, 22);

/** The clearances that stand at `now` against the list in use: not revoked or ended, not expired, the entry unchanged. */
export function inForce<T extends ClearanceGrant>(grants: readonly T[], now: string, entryDigest: (entNum: number) => string | undefined): T[] {
  return grants.filter((g) => !g.revokedAt && !g.endedAt && g.until > now && entryDigest(g.entNum) === g.entryDigest);
}

/** The party a sanctions hit points at (`/sender/name`, `/recipient/businessName`), if any. */
export function partyOfPointer(pointer: string): PartyRole | undefined {
  const head = pointer.split('/')[1];
  return (PARTIES as readonly string[]).includes(head ?? '') ? (head as PartyRole) : undefined;
}

/** The list entries of a sanctions hit's evidence, best match first. */
export function matchedEntries(hit: Pick<Hit, 'evidence'>): number[] {
  const matches = hit.evidence.matches;
  if (!Array.isArray(matches)) return [];
  return matches.map((m) => Number((m as { entNum?: unknown }).entNum)).filter((n) => Number.isInteger(n));
}

export const isSanctionsHit = (hit: Pick<Hit, 'ruleId'>): boolean => RULE_FAMILIES[hit.ruleId] === 'SANCTIONS';

const clearedView = (g: ClearanceGrant) => ({ by: g.by, at: g.at, until: g.until, reason: g.reason });

/**
 * Marks the sanctions hits every matched entry of which is cleared for that party: 0 points, not critical, the
 * evidence kept with `cleared`. A hit that also matched an entry nobody cleared keeps its points (its best match
 * may be that entry); the cleared matches are marked in its evidence. Hits are changed in place; returns how many
 * were cleared. `grants` must already be in force (see inForce).
 */
export function applyClearances(hits: Hit[], d: Pick<Declaration, PartyRole>, grants: readonly ClearanceGrant[]): number {
  if (grants.length === 0) return 0;
  const fingerprints = { sender: partyFingerprint(d.sender), recipient: partyFingerprint(d.recipient) };
  let cleared = 0;
  for (let i = 0; i < hits.length; i++) {
    const hit = hits[i]!;
    const party = isSanctionsHit(hit) ? partyOfPointer(hit.pointer) : undefined;
    if (!party) continue;
    const entries = matchedEntries(hit);
    const mine = grants.filter((g) => g.fingerprint === fingerprints[party]);
    const byEntry = new Map(mine.filter((g) => entries.includes(g.entNum)).map((g) => [g.entNum, g]));
    if (byEntry.size === 0) continue;
    const matches = (hit.evidence.matches as Record<string, unknown>[]).map((m) => {
      const g = byEntry.get(Number(m.entNum));
      return g ? { ...m, cleared: clearedView(g) } : m;
    });
    if (entries.every((e) => byEntry.has(e))) {
      const best = byEntry.get(entries[0]!)!;
      hits[i] = {
        ...hit,
        points: 0,
        critical: false,
        message: `${hit.message}; cleared by customs until ${best.until.slice(0, 10)}: not the listed party`,
        evidence: { ...hit.evidence, matches, cleared: clearedView(best), clearedPoints: hit.points },
      };
      cleared++;
    } else hits[i] = { ...hit, evidence: { ...hit.evidence, matches } };
  }
  return cleared;
}

/** When a clearance made at `at` ends, for a region clearing for `days` days. */
export const clearanceUntil = (at: string, days: number): string => new Date(Date.parse(at) + days * 86_400_000).toISOString();
