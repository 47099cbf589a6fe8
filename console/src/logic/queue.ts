// The referral queue over what is loaded: pages merged by itemId (a refresh replaces what changed and keeps the
// officer's older pages), filters, the referral order and counts per status. Pure, so it is tested without a browser.
import { STATUSES, type Parcel, type ParcelStatus } from './types';

/** What customs acts on first, in this order; everything else after. */
export const REFERRAL_STATUSES: readonly ParcelStatus[] = ['HELD_FOR_INSPECTION', 'DO_NOT_LOAD', 'INFORMATION_REQUESTED'];

export type SortOrder = 'score' | 'newest';

export interface QueueFilters {
  status?: ParcelStatus;
  originCountry?: string;
  destinationCountry?: string;
  ruleId?: string;
  /** yyyy-mm-dd, inclusive, on receivedAt (UTC) */
  receivedFrom?: string;
  receivedTo?: string;
}

const referralRank = (s: ParcelStatus): number => {
  const i = REFERRAL_STATUSES.indexOf(s);
  return i === -1 ? REFERRAL_STATUSES.length : i;
};
const score = (p: Parcel): number => p.assessment?.score ?? -1;
const newestFirst = (a: Parcel, b: Parcel): number => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : a.itemId < b.itemId ? 1 : -1);

/** Referrals first (held, do not load, information requested), then the rest; within each, by score or by time. */
export function sortQueue(parcels: readonly Parcel[], order: SortOrder): Parcel[] {
  return [...parcels].sort((a, b) => referralRank(a.status) - referralRank(b.status) || (order === 'score' ? score(b) - score(a) : 0) || newestFirst(a, b));
}

export function matchesFilters(p: Parcel, f: QueueFilters): boolean {
  const d = p.declaration;
  if (f.status && p.status !== f.status) return false;
  if (f.originCountry && d?.originCountry !== f.originCountry) return false;
  if (f.destinationCountry && d?.destinationCountry !== f.destinationCountry) return false;
  if (f.ruleId && !(p.assessment?.hits ?? []).some((h) => h.ruleId === f.ruleId)) return false;
  const day = p.receivedAt.slice(0, 10);
  if (f.receivedFrom && day < f.receivedFrom) return false;
  if (f.receivedTo && day > f.receivedTo) return false;
  return true;
}

export const filterQueue = (parcels: readonly Parcel[], f: QueueFilters): Parcel[] => parcels.filter((p) => matchesFilters(p, f));

/** Counts per status over the parcels given, every status present (0 where none), in the vocabulary's order. */
export function countByStatus(parcels: readonly Parcel[]): [ParcelStatus, number][] {
  const counts = new Map<ParcelStatus, number>(STATUSES.map((s) => [s, 0]));
  for (const p of parcels) counts.set(p.status, (counts.get(p.status) ?? 0) + 1);
  return [...counts];
}

/** The distinct values a filter can offer, from what is loaded, sorted. */
export function filterOptions(parcels: readonly Parcel[]): { origins: string[]; destinations: string[]; rules: string[] } {
  const origins = new Set<string>();
  const destinations = new Set<string>();
  const rules = new Set<string>();
  for (const p of parcels) {
    if (p.declaration?.originCountry) origins.add(p.declaration.originCountry);
    if (p.declaration?.destinationCountry) destinations.add(p.declaration.destinationCountry);
    for (const h of p.assessment?.hits ?? []) rules.add(h.ruleId);
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return { origins: sorted(origins), destinations: sorted(destinations), rules: sorted(rules) };
}

/**
 * Loaded parcels with a fresh page merged in: parcels in the page replace their older copy, new ones are added,
 * the rest stay (a refresh of the first page must not drop the pages the officer loaded after it).
 */
export function mergePage(loaded: ReadonlyMap<string, Parcel>, page: readonly Parcel[]): Map<string, Parcel> {
  const out = new Map(loaded);
  for (const p of page) out.set(p.itemId, p);
  return out;
}

/** A short fingerprint of what a row shows, so a refresh redraws only when something visible changed. */
export const rowSignature = (p: Parcel): string => `${p.itemId}|${p.version}|${p.status}|${p.updatedAt}|${p.assessment?.score ?? ''}`;

/** The first reason to show in a row: the first hit's message, else the response's first reason. */
export const headline = (p: Parcel): string => p.assessment?.hits[0]?.message ?? p.customsResponse?.reasons[0] ?? '';

/**
 * The filters as GET /v1/parcels query parameters, so the server narrows the listing too (every page then holds only
 * matching parcels, and older ones are reachable with the cursor). Dates become the day's bounds in UTC. The rule
 * filter is customs' and admin's only (the API refuses it to filers, who filter what is loaded instead).
 */
export function listQuery(f: QueueFilters, opts: { seesRules: boolean; limit: number; cursor?: string }): Record<string, string | undefined> {
  return {
    limit: String(opts.limit),
    cursor: opts.cursor,
    status: f.status,
    originCountry: f.originCountry,
    destinationCountry: f.destinationCountry,
    ruleId: opts.seesRules ? f.ruleId : undefined,
    receivedFrom: f.receivedFrom ? `${f.receivedFrom}T00:00:00.000Z` : undefined,
    receivedTo: f.receivedTo ? `${f.receivedTo}T23:59:59.999Z` : undefined,
  };
}
