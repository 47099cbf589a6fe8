import { join } from 'node:path';

/** Where reference data files live: beside this module, or REFERENCE_DATA_DIR (set in a Lambda bundle). */
export function referenceDataPath(file: string): string {
  return process.env.REFERENCE_DATA_DIR ? join(process.env.REFERENCE_DATA_DIR, file) : join(__dirname, 'data', file);
}
