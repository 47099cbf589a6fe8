// Officers' sanctions clearances (README "Sanctions clearances"): on a parcel's sanctions hit, customs of the
// destination (or admin) says the party is not the listed party; the pair (party fingerprint, list entry) is then
// cleared in that country for the region's clearanceDays, recorded with who, when, why and the entry's digest.
// Listed and revoked by customs of that country and admin; a clearance of another country answers 404.
import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { type Principal, mayDecide, maySee } from '../auth/principal';
import { type ClearanceGrant, type PartyRole, clearanceUntil, inForce, isSanctionsHit, matchedEntries, partyFingerprint, partyOfPointer } from '../risk/clearances';
import { type Parcel, scopeOf } from './parcel';
import type { Clock } from '../util';

export const ClearanceRequest = z
  .strictObject({
    itemId: z.string().min(1).max(64).meta({ description: 'The parcel whose sanctions hit the officer looked at' }),
    pointer: z
      .string()
      .regex(/^\/(sender|recipient)\/[A-Za-z]+$/)
      .meta({ description: "The hit's pointer, e.g. /recipient/name" }),
    entNums: z.array(z.number().int().positive()).min(1).max(10).optional().meta({ description: 'The list entries the party is not; default every entry the hit matched' }),
    reason: z.string().trim().min(1).max(1000).meta({ description: 'Why the party is not the listed party (seen by customs and admin)' }),
  })
  .meta({ id: 'SanctionsClearanceRequest' });
export type ClearanceRequest = z.output<typeof ClearanceRequest>;

export interface ClearanceRecord extends ClearanceGrant {
  id: string;
  /** The customs country it clears for: the destination of the parcel it was made on. */
  country: string;
  party: PartyRole;
  partyName: string;
  itemId: string;
  listVersion: string;
  revokedBy?: string;
  endReason?: string;
}

export type ClearanceStatus = 'IN_FORCE' | 'EXPIRED' | 'REVOKED' | 'ENDED';

export interface ClearancePorts {
  store: {
    put(r: ClearanceRecord): Promise<void>;
    get(id: string): Promise<ClearanceRecord | undefined>;
    forParties(country: string, fingerprints: readonly string[]): Promise<ClearanceRecord[]>;
    list(country: string | undefined, limit: number, cursor: string | undefined): Promise<{ items: ClearanceRecord[]; cursor?: string } | undefined>;
    close(id: string, field: 'revokedAt' | 'endedAt', at: string, note: { revokedBy?: string; endReason?: string }): Promise<boolean>;
  };
  parcels: { get(itemId: string): Promise<Parcel | undefined> };
  /** The list in use now. */
  list(): Promise<{ listVersion: string; entryDigest: (entNum: number) => string | undefined }>;
  clearanceDays: number;
  now: Clock;
}

export type ClearanceRefusal = { refused: 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID_REQUEST'; detail: string; pointer?: string };

export function statusOf(r: ClearanceRecord, now: string, entryDigest: (entNum: number) => string | undefined): ClearanceStatus {
  if (r.revokedAt) return 'REVOKED';
  if (r.endedAt || entryDigest(r.entNum) !== r.entryDigest) return 'ENDED';
  return r.until > now ? 'IN_FORCE' : 'EXPIRED';
}

const invalid = (pointer: string, detail: string): ClearanceRefusal => ({ refused: 'INVALID_REQUEST', pointer, detail });

/** Clears the entries of one sanctions hit of a parcel for its party; an entry already cleared for it keeps that clearance. */
export async function clearHit(p: Principal, request: ClearanceRequest, ports: ClearancePorts): Promise<{ clearances: ClearanceRecord[] } | ClearanceRefusal> {
  const parcel = await ports.parcels.get(request.itemId);
  const d = parcel?.declaration;
  if (!parcel || !d || !maySee(p, scopeOf(parcel))) return { refused: 'NOT_FOUND', detail: `no parcel ${request.itemId} that this key may see` };
  if (!mayDecide(p, d.destinationCountry)) return { refused: 'FORBIDDEN', detail: 'only the customs authority of the destination country clears a sanctions hit' };
  const hit = parcel.assessment?.hits.find((h) => isSanctionsHit(h) && h.pointer === request.pointer);
  const party = partyOfPointer(request.pointer);
  if (!hit || !party) return invalid('/pointer', `the parcel's assessment has no sanctions hit at ${request.pointer}`);
  const matched = matchedEntries(hit);
  const wanted = request.entNums ?? matched;
  const stranger = wanted.find((e) => !matched.includes(e));
  if (stranger !== undefined) return invalid('/entNums', `entry ${stranger} is not one this hit matched (${matched.join(', ')})`);
  const list = await ports.list();
  const gone = wanted.find((e) => list.entryDigest(e) === undefined);
  if (gone !== undefined) return invalid('/entNums', `entry ${gone} is no longer on the list in use (${list.listVersion}): there is nothing to clear`);

  const now = ports.now().toISOString();
  const fingerprint = partyFingerprint(d[party]);
  const standing = inForce(await ports.store.forParties(d.destinationCountry, [fingerprint]), now, list.entryDigest);
  const out: ClearanceRecord[] = [];
  for (const entNum of [...new Set(wanted)]) {
    const existing = standing.find((c) => c.entNum === entNum);
    if (existing) {
      out.push(existing);
      continue;
    }
    const record: ClearanceRecord = {
      id: `clr_${randomBytes(12).toString('base64url')}`,
      country: d.destinationCountry,
      party,
      partyName: d[party].name,
      fingerprint,
      entNum,
      entryDigest: list.entryDigest(entNum)!,
      listVersion: list.listVersion,
      itemId: parcel.itemId,
      by: p.keyId,
      at: now,
      until: clearanceUntil(now, ports.clearanceDays),
      reason: request.reason,
    };
    await ports.store.put(record);
    out.push(record);
  }
  return { clearances: out };
}

/** Customs see their country's clearances only; admin any (or one country's). */
const visible = (p: Principal, r: Pick<ClearanceRecord, 'country'>) => p.role === 'admin' || (p.role === 'customs' && p.country === r.country);

export async function getClearance(p: Principal, id: string, ports: Pick<ClearancePorts, 'store'>): Promise<ClearanceRecord | undefined> {
  const r = await ports.store.get(id);
  return r && visible(p, r) ? r : undefined;
}

export async function listClearances(p: Principal, country: string | undefined, limit: number, cursor: string | undefined, ports: Pick<ClearancePorts, 'store'>) {
  if (p.role !== 'admin' && p.role !== 'customs') return { refused: 'FORBIDDEN' as const, detail: 'only customs and admin see sanctions clearances' };
  if (p.role === 'customs' && country !== undefined && country !== p.country) return { refused: 'FORBIDDEN' as const, detail: "customs see their own country's clearances only" };
  return (await ports.store.list(p.role === 'customs' ? p.country : country, limit, cursor)) ?? { refused: 'INVALID_CURSOR' as const, detail: 'use the cursor of a previous page as it was given' };
}

/** Revokes a clearance: undefined when there is none this key may see; the record as it now stands otherwise. */
export async function revokeClearance(p: Principal, id: string, ports: Pick<ClearancePorts, 'store' | 'now'>): Promise<ClearanceRecord | undefined> {
  const r = await getClearance(p, id, ports);
  if (!r) return undefined;
  await ports.store.close(id, 'revokedAt', ports.now().toISOString(), { revokedBy: p.keyId });
  return ports.store.get(id);
}
