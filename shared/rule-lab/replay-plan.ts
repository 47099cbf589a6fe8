// What one plan step of a replay queues (./replay.ts). The period is walked oldest first: up to the next closed day
// that is wholly in the period and packed fresh (./replay-packs.ts), the destination's keys PAGE_SIZE at a time, at
// most PAGES_PER_STEP pages a step; that day, one page per object of its pack, in one step; then on after it.
import type { PerformanceDayStore } from './performance-days';
import { aggregatableDays, dayEnd, dayStart } from './performance-days';
import { MAX_PACK_PARTS, type PackBlobs, type PackManifest, freshPack, readManifest } from './replay-packs';
import type { ReplaySource } from './replay-parcel';
import { positionOf, positionTime } from './positions';

/**
 * Parcels per page message (BatchGetItems of 100, in parallel), and pages planned per step (one keys-only query). A
 * page is large so that most of a recipient's parcels share one, and the history read around it stays small.
 */
export const PAGE_SIZE = 1000;
export const PAGES_PER_STEP = 4;
/** Page numbers of a step: step × STEP_PAGES + its n-th page (a packed day's step queues one per object). */
export const STEP_PAGES = Math.max(MAX_PACK_PARTS, PAGES_PER_STEP);

/** The packed days a replay consumer may read: the pack objects, and the day states their freshness is judged by. */
export interface ReplayPacks {
  blobs: PackBlobs;
  days: Pick<PerformanceDayStore, 'states'>;
}

/** What planning reads of the parcels: the destination's positions in a period, oldest first. */
export interface PeriodKeys {
  periodPage(destinationCountry: string, from: string, to: string, after: string | undefined, limit: number): Promise<{ items: { itemId: string; position: string }[]; next?: string }>;
}

export type PlannedPage =
  { kind: 'page'; replayId: string; page: number; itemIds: string[] } | { kind: 'pack'; replayId: string; page: number; key: string; count: number; first: string; last: string };

export interface PlannedStep {
  pages: PlannedPage[];
  parcels: number;
  /** Where the next step starts (exclusive), or none: the period is planned. */
  next?: string;
}

interface Planned {
  id: string;
  destinationCountry: string;
  from: string;
  to: string;
}

/** The last instant before a day. */
const lastBefore = (day: string): string => new Date(Date.parse(dayStart(day)) - 1).toISOString();
/** The position just before a day's first parcel, and just after its last. */
const beforeDay = (day: string): string => positionOf(lastBefore(day), '\uffff');
const afterDay = (day: string): string => positionOf(dayEnd(day), '\uffff');

/** The first closed day from `after` on, wholly in the period, whose pack is fresh. */
async function nextPackedDay(r: Planned, after: string | undefined, packs: ReplayPacks, nowMs: number): Promise<PackManifest | undefined> {
  const days = aggregatableDays({ from: after ? positionTime(after) : r.from, to: r.to }, nowMs);
  if (days.length === 0) return undefined;
  const states = await packs.days.states(days);
  for (const day of days) {
    const state = states.get(day);
    if (!state?.walkedAt) continue;
    const fresh = freshPack(state, await readManifest(packs.blobs, r.destinationCountry, day), r.destinationCountry, day);
    if (fresh) return fresh;
  }
  return undefined;
}

export interface PlanPorts {
  parcels: PeriodKeys;
  packs?: ReplayPacks;
  now(): string;
  /**
   * Records the step's next packed day (none: undefined) the first time the step runs, and answers the one recorded:
   * a step run again after a crash plans what its first run queued, even if a day's freshness changed in between.
   */
  chooseStep?(step: number, packedDay: string | undefined): Promise<string | undefined>;
}

/** The pack of the day a step's first run chose, as it is now (a newer pack of the day has the same objects' ranges). */
async function chosenPack(r: Planned, day: string, packs: ReplayPacks | undefined): Promise<PackManifest> {
  const manifest = packs && (await readManifest(packs.blobs, r.destinationCountry, day));
  if (manifest) return manifest;
  if (packs && (await packs.days.states([day])).get(day)?.packed) return { destinationCountry: r.destinationCountry, day, coveredAt: '', parts: [] };
  throw new Error(`the pack of ${day} this plan step chose is gone; retrying`);
}

/** Plan step `step` of a replay, starting after `after` (the period's start when none). */
export async function planStep(r: Planned, step: number, after: string | undefined, ports: PlanPorts): Promise<PlannedStep> {
  const found = ports.packs ? await nextPackedDay(r, after, ports.packs, Date.parse(ports.now())) : undefined;
  const day = ports.chooseStep ? await ports.chooseStep(step, found?.day) : found?.day;
  const packed = day === undefined ? undefined : day === found?.day ? found : await chosenPack(r, day, ports.packs);
  const pageNo = (n: number) => step * STEP_PAGES + n;
  if (packed && (after ? after >= beforeDay(packed.day) : r.from >= dayStart(packed.day))) {
    const pages: PlannedPage[] = packed.parts.map((p, n) => ({ kind: 'pack', replayId: r.id, page: pageNo(n), key: p.key, count: p.count, first: p.first, last: p.last }));
    return { pages, parcels: packed.parts.reduce((n, p) => n + p.count, 0), ...(dayEnd(packed.day) < r.to ? { next: afterDay(packed.day) } : {}) };
  }
  const to = packed ? lastBefore(packed.day) : r.to;
  const keys = await ports.parcels.periodPage(r.destinationCountry, r.from, to, after, PAGE_SIZE * PAGES_PER_STEP);
  const pages: PlannedPage[] = [];
  for (let i = 0; i < keys.items.length; i += PAGE_SIZE) {
    pages.push({ kind: 'page', replayId: r.id, page: pageNo(i / PAGE_SIZE), itemIds: keys.items.slice(i, i + PAGE_SIZE).map((k) => k.itemId) });
  }
  const next = keys.next ?? (packed ? beforeDay(packed.day) : undefined);
  return { pages, parcels: keys.items.length, ...(next ? { next } : {}) };
}

/**
 * The parcels of a pack object read one by one, when the object is gone (a newer pack of its day replaced it) or
 * this consumer has no packs: the destination's parcels whose positions run from `first` to `last`.
 */
export async function rangeSources(destinationCountry: string, first: string, last: string, parcels: PeriodKeys & { parcels(ids: string[]): Promise<ReplaySource[]> }): Promise<ReplaySource[]> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await parcels.periodPage(destinationCountry, positionTime(first), positionTime(last), after, 5000);
    for (const k of page.items) if (k.position >= first && k.position <= last) ids.push(k.itemId);
    after = page.next;
  } while (after);
  return parcels.parcels(ids);
}
