// A lean reading of DynamoDB items, for reads that go through many items (a what-if replay's pages): the low-level
// client's output (the SDK's codec has parsed the JSON and decoded binaries already) turned into plain values in one
// walk, instead of the document client's generic pass (lib-dynamodb walks the whole output to find the items, then
// copies each value again). It gives what lib-dynamodb's `unmarshall` gives with its defaults, for every attribute type,
// but a number a JavaScript number cannot hold exactly: refused, where unmarshall gives a BigInt (no parcel has one).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** A number attribute as a JavaScript number, refused where it would lose digits. */
function numberOf(n: string): number {
  const x = Number(n);
  if ((x > Number.MAX_SAFE_INTEGER || x < Number.MIN_SAFE_INTEGER) && Number.isFinite(x)) throw new Error(`${n} cannot be read as a number without losing precision`);
  return x;
}

/** The plain value of one attribute. */
export function plainValue(av: AttributeValue): unknown {
  if (av.S !== undefined) return av.S;
  if (av.N !== undefined) return numberOf(av.N);
  if (av.M !== undefined) return plainItem(av.M);
  if (av.L !== undefined) return av.L.map(plainValue);
  if (av.BOOL !== undefined) return av.BOOL;
  if (av.B !== undefined) return av.B;
  if (av.NULL !== undefined) return null;
  if (av.SS !== undefined) return new Set(av.SS);
  if (av.NS !== undefined) return new Set(av.NS.map(numberOf));
  if (av.BS !== undefined) return new Set(av.BS);
  throw new Error(`unsupported attribute value: ${Object.keys(av).join(', ')}`);
}

/** The plain object of an item (or a map attribute). */
export function plainItem(item: Record<string, AttributeValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in item) {
    if (k === '__proto__') Object.defineProperty(out, k, { value: plainValue(item[k]!), enumerable: true, writable: true, configurable: true });
    else out[k] = plainValue(item[k]!);
  }
  return out;
}
