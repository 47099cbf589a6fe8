// One sanctions list release as the pipeline uses it: the screener, its version, and a digest per entry (what a
// clearance was made against, and what a list update compares). `buildScreeningList` is the one place that knows
// how the screener is built from the files, so a better screener is swapped in here and nowhere else.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { referenceDataPath } from '../reference/files';
import { type ListFiles, SDN_FILE, SDN_VERSION, type SanctionsScreener, buildScreener, parseSdnCsv } from '../risk/sanctions';
import type { Screener } from '../risk/types';

/** The OFAC files of one release: sdn.csv, and when given the alternate names (alt.csv) and addresses (add.csv). */
export type { ListFiles };

export interface ScreeningList {
  readonly listVersion: string;
  readonly screener: Screener;
  /** Entries in the list, of every type. */
  readonly size: number;
  /** The digest of one entry as this release has it (its names, type, programmes, aliases, addresses); undefined when absent. */
  readonly entryDigest: (entNum: number) => string | undefined;
  readonly digests: ReadonlyMap<number, string>;
}

const sha = (s: string) => createHash('sha256').update(s).digest('base64url');

/** A release's version: the digest of its files, so the same files are the same version wherever they come from. */
export const listVersionOf = (files: ListFiles): string => `sdn-${sha([files.sdn, files.alt ?? '', files.add ?? ''].join('\u0000')).slice(0, 16)}`;

/** The rows of alt.csv / add.csv by their first field, the ent_num they belong to. */
function rowsByEntry(text: string | undefined): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (!text) return out;
  for (const line of text.split(/\r?\n/)) {
    const entNum = Number(line.slice(0, line.indexOf(',')).trim());
    if (!Number.isInteger(entNum) || entNum <= 0) continue;
    const rows = out.get(entNum);
    if (rows) rows.push(line.trim());
    else out.set(entNum, [line.trim()]);
  }
  return out;
}

/** Builds the screener and the entry digests of a release; throws when sdn.csv holds no entry. */
export function buildScreeningList(files: ListFiles, meta: { listVersion: string }): ScreeningList {
  const entries = parseSdnCsv(files.sdn);
  if (entries.length === 0) throw new Error('the SDN file holds no entry');
  const alt = rowsByEntry(files.alt);
  const add = rowsByEntry(files.add);
  const digests = new Map<number, string>();
  for (const e of entries) {
    const extra = [...(alt.get(e.entNum) ?? []), '|', ...(add.get(e.entNum) ?? [])].sort();
    digests.set(e.entNum, sha(JSON.stringify([e.name, e.type, e.programs, e.aliases, extra])).slice(0, 22));
  }
  // The index is built on first screening: the API (clearances) and the refresh's comparisons need the digests only.
  let screener: SanctionsScreener | undefined;
  return {
    listVersion: meta.listVersion,
    get screener() {
      // The screener merges the release's alternate names and addresses (countries that corroborate a match).
      return (screener ??= buildScreener(files, { listVersion: meta.listVersion }));
    },
    size: digests.size,
    entryDigest: (n) => digests.get(n),
    digests,
  };
}

export { SDN_FILE as BUNDLED_SDN_FILE } from '../risk/sanctions';
let bundled: ScreeningList | undefined;

/** The release bundled with the code: what is used until a list is published, built once per process. */
export function bundledScreeningList(): ScreeningList {
  if (!bundled) {
    const files = { sdn: readFileSync(referenceDataPath(SDN_FILE), 'utf8') };
    // Named by its date, as OFAC publishes it; a published release is named by the digest of its files.
    bundled = buildScreeningList(files, { listVersion: SDN_VERSION });
  }
  return bundled;
}

export interface ListChanges {
  /** In both, with a different digest. */
  changed: number[];
  added: number[];
  removed: number[];
}

export function diffLists(before: Pick<ScreeningList, 'digests'>, after: Pick<ScreeningList, 'digests'>): ListChanges {
  const changed: number[] = [];
  const added: number[] = [];
  const removed: number[] = [];
  for (const [n, d] of after.digests) {
    const was = before.digests.get(n);
    if (was === undefined) added.push(n);
    else if (was !== d) changed.push(n);
  }
  for (const n of before.digests.keys()) if (!after.digests.has(n)) removed.push(n);
  return { changed, added, removed };
}

/** Why a new release is refused, if it is: it lost more than `maxShrinkShare` of the entries of the one in use. */
export function shrinkRefusal(before: Pick<ScreeningList, 'size'>, after: Pick<ScreeningList, 'size'>, maxShrinkShare: number): string | undefined {
  const lost = before.size - after.size;
  if (lost <= 0 || lost <= before.size * maxShrinkShare) return undefined;
  return `the new list has ${after.size} entries, ${lost} fewer than the ${before.size} in use (${((100 * lost) / before.size).toFixed(1)} %; at most ${(100 * maxShrinkShare).toFixed(1)} % may go at once)`;
}
