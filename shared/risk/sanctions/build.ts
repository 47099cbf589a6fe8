// Building a screener from the text of one OFAC release (sdn.csv and, when given, its alt.csv and
// add.csv), and the process-wide screener over the snapshot the project bundles.
import { readFileSync } from 'node:fs';
import { referenceDataPath } from '#shared/reference/files';
import { SanctionsScreener, type ScreenerOptions } from './screener';
import { mergeRelease, parseAddCsv, parseAltCsv, parseSdnCsv } from './sdn-csv';

export interface ListFiles {
  sdn: string;
  alt?: string;
  add?: string;
}

export interface ListMeta {
  /** The release, as evidence names it: the list's publication date ("2024-05-03") or a version id. */
  listVersion: string;
  list?: string;
}

/** A screener over one release of the list, from the files' text. */
export function buildScreener(files: ListFiles, meta: ListMeta, options: Omit<ScreenerOptions, 'listVersion' | 'list'> = {}): SanctionsScreener {
  const entries = mergeRelease(parseSdnCsv(files.sdn), files.alt === undefined ? [] : parseAltCsv(files.alt), files.add === undefined ? [] : parseAddCsv(files.add));
  return new SanctionsScreener(entries, { ...options, listVersion: meta.listVersion, list: meta.list ?? 'OFAC SDN' });
}

export const SDN_FILE = 'ofac-sdn-2024-05-03.csv';
export const SDN_VERSION = '2024-05-03';
let defaultScreener: SanctionsScreener | undefined;

/** The screener over the bundled SDN snapshot, built on first use and kept for the process. */
export function loadDefaultScreener(): SanctionsScreener {
  defaultScreener ??= buildScreener({ sdn: readFileSync(referenceDataPath(SDN_FILE), 'utf8') }, { listVersion: SDN_VERSION });
  return defaultScreener;
}
