// The parcel document's bytes (the `doc` attribute, ./parcel-item.ts): JSON compressed by raw deflate with a preset
// dictionary of typical documents (./parcel-doc-dictionary.ts), after one marker byte that names the dictionary.
// Documents written before are brotli streams, still read: no brotli stream starts with the marker (0x11 = window-bits
// code 0010001, which RFC 7932 section 9.1 leaves invalid), so the first byte tells the two apart.
// Beside brotli (quality 5) a document is about a third of the size (the dictionary holds what every document repeats:
// the keys, statuses, rule ids and their messages) and opens in about half the time: a replay opens a document per parcel.
import { brotliDecompressSync, deflateRawSync, inflateRawSync } from 'node:zlib';
import { DOC_DICTIONARY_1 } from './parcel-doc-dictionary';

/** The first byte of a document compressed with DOC_DICTIONARY_1. */
export const DICTIONARY_1_MARKER = 0x11;
const dictionary = Buffer.from(DOC_DICTIONARY_1, 'utf8');

/** A value's JSON, compressed as documents are written now. */
export function encodeDocument(value: unknown): Uint8Array {
  const json = Buffer.from(JSON.stringify(value), 'utf8');
  const body = deflateRawSync(json, { dictionary });
  const out = new Uint8Array(body.length + 1);
  out[0] = DICTIONARY_1_MARKER;
  out.set(body, 1);
  return out;
}

/** The value of a stored document, in either encoding. */
export function decodeDocument(bytes: Uint8Array): unknown {
  const json = bytes[0] === DICTIONARY_1_MARKER ? inflateRawSync(bytes.subarray(1), { dictionary }) : brotliDecompressSync(bytes);
  return JSON.parse(json.toString('utf8'));
}
