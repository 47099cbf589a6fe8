// Which reference data files (shared/reference/data) a function's bundle reads, so that only those
// functions ship them. esbuild walks the project sources (packages left external: fast) and reports, per
// input, how many bytes survive tree-shaking; a data file is needed when a surviving module names it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

export const PROJECT_ROOT = join(__dirname, '..', '..');
export const REFERENCE_DATA_DIR = join(PROJECT_ROOT, 'shared', 'reference', 'data');
/** Where the bundle's copy lands: the asset is unpacked into /var/task. */
export const LAMBDA_REFERENCE_DATA_DIR = '/var/task/data';

/** Data, not documentation about it. */
const DATA_FILE = /\.(csv|json|txt)$/;

const cache = new Map<string, string[]>();

export function referenceDataFiles(entry: string): string[] {
  const cached = cache.get(entry);
  if (cached) return cached;
  const result = buildSync({
    entryPoints: [join(PROJECT_ROOT, entry)],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    write: false,
    metafile: true,
    minify: true,
    treeShaking: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: 'out',
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0];
  const live = Object.entries(output?.inputs ?? {})
    .filter(([, i]) => i.bytesInOutput > 0)
    .map(([path]) => readFileSync(join(PROJECT_ROOT, path), 'utf8'));
  const files = readdirSync(REFERENCE_DATA_DIR)
    .filter((f) => DATA_FILE.test(f) && live.some((src) => src.includes(f)))
    .sort();
  cache.set(entry, files);
  return files;
}
