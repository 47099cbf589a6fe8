// The sanctions list refresh (a schedule): takes the release ops put under incoming/, validates it (it parses, and
// it does not lose more than maxShrinkShare of the entries in use: else refused and alarmed), keeps it under
// releases/<version>/ and points active.json at it. The functions load it within SANCTIONS_LIST_CHECK_SECONDS.
// Clearances of entries that changed or went are ended at once. The parcels it may change are screened again on a
// later run, once every function screens with the new list (`rescreenAfter`), so none assessed in between is missed.
import type { RescreenMessage } from '../parcels/messages';
import type { Parcel } from '../parcels/parcel';
import { type ListChanges, type ScreeningList, buildScreeningList, bundledScreeningList, diffLists, listVersionOf, shrinkRefusal } from './list';
import { type RescreenScanPorts, needsRescreen, scanWindow, touchedEntries } from './rescreen';
import { ACTIVE_KEY, type ActiveRelease, LIST_FILES, type ListStore, incomingKey, readActive, readFiles, releaseKey } from './store';
import type { Clock } from '../util';

/** A re-screening request on the assess queue: the queue's own message (shared/parcels/messages.ts), its time always set. */
export type RescreenRequest = RescreenMessage & { queuedAt: string };

export interface RefreshPorts {
  lists: ListStore;
  parcels: RescreenScanPorts;
  clearances: { idsForEntry(entNum: number): Promise<string[]>; close(id: string, field: 'endedAt', at: string, note: { endReason: string }): Promise<boolean> };
  /** Queues re-screening requests on the assess queue; returns those that could not be queued. */
  enqueue(messages: RescreenRequest[]): Promise<RescreenRequest[]>;
  config: { maxShrinkShare: number; rescreenWindowDays: number };
  /** How long after acceptance every function screens with a new list: its check interval plus one batch. */
  settleSeconds: number;
  now: Clock;
}

export type RefreshResult =
  | { outcome: 'unchanged'; listVersion: string }
  | { outcome: 'refused'; listVersion: string; reason: string }
  | { outcome: 'accepted'; listVersion: string; changed: number; added: number; removed: number; clearancesEnded: number }
  | { outcome: 'rescreened'; listVersion: string; read: number; queued: number; failed: number };

/** The last two releases built (the one in use and the one before it), so a run every few minutes builds nothing new. */
const built = new Map<string, ScreeningList>();

async function loadRelease(store: ListStore, version: string | undefined): Promise<ScreeningList> {
  const bundled = bundledScreeningList();
  if (version === undefined || version === bundled.listVersion) return bundled;
  const cached = built.get(version);
  if (cached) return cached;
  const files = await readFiles(store, (f) => releaseKey(version, f));
  if (!files) throw new Error(`release ${version} is missing its sdn.csv`);
  const list = buildScreeningList(files, { listVersion: version });
  built.set(version, list);
  while (built.size > 2) built.delete(built.keys().next().value!);
  return list;
}

/** Kept beside active.json so ops can see why a release was not taken (the alarm says that one was). */
export const REFUSED_KEY = 'refused.json';

async function refuse(ports: RefreshPorts, listVersion: string, reason: string): Promise<RefreshResult> {
  await ports.lists.write(REFUSED_KEY, JSON.stringify({ listVersion, reason, at: ports.now().toISOString() }, null, 1));
  return { outcome: 'refused', listVersion, reason };
}

async function endClearances(ports: RefreshPorts, changes: ListChanges, at: string): Promise<number> {
  let ended = 0;
  const reasons: [number[], string][] = [
    [changes.changed, 'LIST_ENTRY_CHANGED'],
    [changes.removed, 'LIST_ENTRY_REMOVED'],
  ];
  for (const [entries, endReason] of reasons) {
    for (const entNum of entries) {
      for (const id of await ports.clearances.idsForEntry(entNum)) if (await ports.clearances.close(id, 'endedAt', at, { endReason })) ended++;
    }
  }
  return ended;
}

/** Validates and takes the incoming release, if there is a new one. */
async function accept(ports: RefreshPorts, active: ActiveRelease | undefined): Promise<RefreshResult> {
  const current = await loadRelease(ports.lists, active?.listVersion);
  const incoming = await readFiles(ports.lists, incomingKey);
  const version = incoming ? listVersionOf(incoming) : current.listVersion;
  if (!incoming || version === current.listVersion) return { outcome: 'unchanged', listVersion: current.listVersion };
  let next: ScreeningList;
  try {
    next = buildScreeningList(incoming, { listVersion: version });
  } catch (err) {
    return refuse(ports, version, `the files under incoming/ are not an SDN list: ${(err as Error).message}`);
  }
  const refusal = shrinkRefusal(current, next, ports.config.maxShrinkShare);
  if (refusal) return refuse(ports, version, refusal);

  for (const f of LIST_FILES) if (incoming[f] !== undefined) await ports.lists.write(releaseKey(version, f), incoming[f]);
  const now = ports.now();
  const release: ActiveRelease & { rescreenAfter: string } = {
    listVersion: version,
    size: next.size,
    acceptedAt: now.toISOString(),
    previous: current.listVersion,
    rescreen: 'pending',
    rescreenAfter: new Date(now.getTime() + ports.settleSeconds * 1000).toISOString(),
  };
  await ports.lists.write(ACTIVE_KEY, JSON.stringify(release, null, 1));
  const changes = diffLists(current, next);
  const clearancesEnded = await endClearances(ports, changes, now.toISOString());
  return { outcome: 'accepted', listVersion: version, changed: changes.changed.length, added: changes.added.length, removed: changes.removed.length, clearancesEnded };
}

/** Screens again the parcels of the window that the last update may change, and queues them for the assess stage. */
export async function rescreenAfterUpdate(ports: RefreshPorts, before: ScreeningList, after: ScreeningList): Promise<{ read: number; queued: number; failed: number }> {
  const touched = touchedEntries(diffLists(before, after));
  const since = new Date(ports.now().getTime() - ports.config.rescreenWindowDays * 86_400_000).toISOString();
  let queued = 0;
  let failed = 0;
  const read = await scanWindow(ports.parcels, since, async (parcels: Parcel[]) => {
    const queuedAt = ports.now().toISOString();
    const requests = parcels.filter((p) => needsRescreen(p, after.screener, touched)).map((p) => ({ itemId: p.itemId, version: p.version, rescreen: after.listVersion, queuedAt }));
    if (requests.length === 0) return;
    const lost = await ports.enqueue(requests);
    queued += requests.length - lost.length;
    failed += lost.length;
  });
  return { read, queued, failed };
}

export async function refreshSanctionsList(ports: RefreshPorts): Promise<RefreshResult> {
  const active = await readActive(ports.lists);
  if (active?.rescreen === 'pending' && (active.rescreenAfter ?? '') <= ports.now().toISOString()) {
    const [before, after] = await Promise.all([loadRelease(ports.lists, active.previous), loadRelease(ports.lists, active.listVersion)]);
    const done = await rescreenAfterUpdate(ports, before, after);
    // Left pending when some could not be queued: the next run screens the window again (the assess stage skips unchanged answers).
    if (done.failed === 0) await ports.lists.write(ACTIVE_KEY, JSON.stringify({ ...active, rescreen: 'done' }, null, 1));
    return { outcome: 'rescreened', listVersion: active.listVersion, ...done };
  }
  if (active?.rescreen === 'pending') return { outcome: 'unchanged', listVersion: active.listVersion };
  return accept(ports, active);
}
