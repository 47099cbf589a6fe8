// The one cursor codec of the API: a store's position as opaque base64url JSON. Whether a decoded position
// belongs to the listing it is used with is the adapter's to say (its ports' `is…Position`), since only it
// knows its keys.
import type { Position } from '../page';

export const encodeCursor = (position: Position): string => Buffer.from(JSON.stringify(position)).toString('base64url');

/** The position a cursor stands for, or undefined when it is no cursor of ours (not base64url JSON of an object of strings). */
export function decodeCursor(cursor: string): Position | undefined {
  try {
    const k = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (k && typeof k === 'object' && !Array.isArray(k) && Object.values(k).every((v) => typeof v === 'string')) return k as Position;
  } catch {
    // not JSON
  }
  return undefined;
}
