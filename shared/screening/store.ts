// Where sanctions list releases live: a port with two adapters, a directory (npm start, the data dir) and an S3
// bucket (shared/store/s3-list-store.ts). Ops puts a release under incoming/; the refresh schedule validates it,
// copies it under releases/<version>/ and points active.json at it; the functions load what active.json names.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import type { ListFiles } from './list';

export interface ListStore {
  /** The object's text; undefined when there is none. */
  read(key: string): Promise<string | undefined>;
  write(key: string, body: string): Promise<void>;
}

export const LIST_FILES = ['sdn', 'alt', 'add'] as const;
export const incomingKey = (file: (typeof LIST_FILES)[number]) => `incoming/${file}.csv`;
export const releaseKey = (version: string, file: (typeof LIST_FILES)[number]) => `releases/${version}/${file}.csv`;
export const ACTIVE_KEY = 'active.json';

/** What active.json says: the release in use, and whether the parcels were screened again after it was taken. */
export interface ActiveRelease {
  listVersion: string;
  size: number;
  acceptedAt: string;
  /** The release it replaced (kept under releases/), for a re-screen to resume from after a crash. */
  previous?: string;
  rescreen: 'pending' | 'done';
  /** When the re-screen may start: once every function uses the new list. */
  rescreenAfter?: string;
}

export async function readActive(store: ListStore): Promise<ActiveRelease | undefined> {
  const text = await store.read(ACTIVE_KEY);
  if (text === undefined) return undefined;
  const v = JSON.parse(text) as ActiveRelease;
  if (typeof v.listVersion !== 'string' || typeof v.size !== 'number') throw new Error(`${ACTIVE_KEY} is not an active release`);
  return v;
}

/** The files of one location (incoming, or a release); undefined when it has no sdn.csv. */
export async function readFiles(store: ListStore, key: (file: (typeof LIST_FILES)[number]) => string): Promise<ListFiles | undefined> {
  const [sdn, alt, add] = await Promise.all(LIST_FILES.map((f) => store.read(key(f))));
  if (sdn === undefined) return undefined;
  return { sdn, ...(alt !== undefined ? { alt } : {}), ...(add !== undefined ? { add } : {}) };
}

/** A directory as a list store: keys are relative paths; writes go through a temporary file and a rename. */
export function directoryListStore(dir: string): ListStore {
  const path = (key: string) => {
    const p = normalize(join(dir, key));
    if (!p.startsWith(normalize(dir + sep))) throw new Error(`key ${key} leaves the list directory`);
    return p;
  };
  return {
    async read(key) {
      try {
        return await readFile(path(key), 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async write(key, body) {
      const p = path(key);
      await mkdir(dirname(p), { recursive: true });
      const tmp = `${p}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, body, 'utf8');
      await rename(tmp, p);
    },
  };
}
