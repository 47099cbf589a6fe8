// The deletion-key index (a token, and the token less any one character, each pointing at the vocabulary tokens
// that have that key) looked up by a hash of the key rather than by the key: a query token's keys are hashed from
// its prefix and suffix sums, without building a string per deletion. Keys whose hashes collide share one list.
// That is safe: a token reached through a colliding key is scored exactly by the probe (./probe.ts) and, not
// being within one edit, scores 0, so a collision only adds work; no key can be missed.

const B = 0x01000193;
const EMPTY = 0;

function mix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  // 1 .. 2^30: 0 marks an empty slot.
  return (x & 0x3fffffff) + 1;
}

/** Hash of a key: the polynomial sum of its UTF-16 code units (base B, modulo 2^32), mixed. */
export function keyHash(key: string): number {
  let h = 0;
  for (let k = 0; k < key.length; k++) h = (Math.imul(h, B) + key.charCodeAt(k)) | 0;
  return mix(h);
}

/** Buffers for the hashes of a token's deletions, grown to the longest token seen. */
let prefix = new Int32Array(64);
let suffix = new Int32Array(64);
let power = new Int32Array(64);
let out = new Int32Array(64);

/**
 * The hashes of `token` less its character d, for d = 0 .. length - 1, in the first `length` values of the
 * array returned (valid until the next call): the deletion keys' hashes as keyHash gives them, in O(length).
 */
export function deletionHashes(token: string): Int32Array {
  const n = token.length;
  if (prefix.length < n + 1) {
    prefix = new Int32Array(2 * n + 2);
    suffix = new Int32Array(2 * n + 2);
    power = new Int32Array(2 * n + 2);
    out = new Int32Array(2 * n + 2);
  }
  // prefix[d]: the sum of characters 0 .. d-1 (as a string of length d); suffix[d]: characters d .. n-1, at their powers in the whole token.
  prefix[0] = 0;
  for (let k = 0; k < n; k++) prefix[k + 1] = (Math.imul(prefix[k]!, B) + token.charCodeAt(k)) | 0;
  power[0] = 1;
  for (let k = 1; k <= n; k++) power[k] = Math.imul(power[k - 1]!, B);
  suffix[n] = 0;
  for (let k = n - 1; k >= 0; k--) suffix[k] = (suffix[k + 1]! + Math.imul(token.charCodeAt(k), power[n - 1 - k]!)) | 0;
  // Deleting character d: the prefix moves up by the n - 1 - d characters after it.
  for (let d = 0; d < n; d++) out[d] = mix((Math.imul(prefix[d]!, power[n - 1 - d]!) + suffix[d + 1]!) | 0);
  return out;
}

export class DeletionKeys {
  private readonly mask: number;
  private readonly slotHash: Int32Array;
  private readonly slotList: Int32Array;
  /** Vocabulary ids of list k: ids[start[k] .. start[k + 1]). */
  readonly ids: Int32Array;
  readonly start: Int32Array;
  readonly size: number;

  /** keysOf(v): the keys of vocabulary token v (it and its deletions). */
  constructor(vocab: number, keysOf: (v: number) => readonly string[]) {
    const lists = new Map<number, number[]>();
    for (let v = 0; v < vocab; v++) {
      for (const key of keysOf(v)) {
        const h = keyHash(key);
        const list = lists.get(h);
        if (list === undefined) lists.set(h, [v]);
        else if (list[list.length - 1] !== v) list.push(v);
      }
    }
    this.size = lists.size;
    let cap = 1;
    while (cap < 2 * lists.size) cap <<= 1;
    this.mask = cap - 1;
    this.slotHash = new Int32Array(cap);
    this.slotList = new Int32Array(cap);
    this.start = new Int32Array(lists.size + 1);
    let total = 0;
    for (const list of lists.values()) total += list.length;
    this.ids = new Int32Array(total);
    let k = 0;
    let p = 0;
    for (const [h, list] of lists) {
      let slot = h & this.mask;
      while (this.slotHash[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.slotHash[slot] = h;
      this.slotList[slot] = k;
      this.start[k] = p;
      for (const v of list) this.ids[p++] = v;
      k++;
    }
    this.start[k] = p;
  }

  /** The list of a key's hash, or -1. */
  list(h: number): number {
    let slot = h & this.mask;
    for (;;) {
      const at = this.slotHash[slot]!;
      if (at === h) return this.slotList[slot]!;
      if (at === EMPTY) return -1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The vocabulary ids under a key (and any key of the same hash), or undefined. */
  get(key: string): Int32Array | undefined {
    const k = this.list(keyHash(key));
    return k < 0 ? undefined : this.ids.subarray(this.start[k], this.start[k + 1]);
  }
}
