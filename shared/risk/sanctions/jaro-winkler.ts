// String similarity for single name tokens. Both functions run for every candidate token pair
// while screening, so they avoid allocating: the match flags live in module-level buffers that
// only grow (names are short, so in practice they are allocated once).

let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

function ensureCapacity(n: number): void {
  if (flagsA.length < n) {
    const size = Math.max(n, flagsA.length * 2);
    flagsA = new Uint8Array(size);
    flagsB = new Uint8Array(size);
  }
}

/**
 * Jaro similarity, 0..1. `minWindow` raises the match window, which the standard formula sets to 0
 * for strings of up to 3 characters: then "kim"/"ikm" or "su"/"u" share almost no characters.
 */
export function jaro(a: string, b: string, minWindow = 0): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  ensureCapacity(Math.max(la, lb));
  const window = Math.max(minWindow, (Math.max(la, lb) >> 1) - 1);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);

  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;

  // Half-transpositions: matched characters of a and b compared in order.
  let halfTranspositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) halfTranspositions++;
    k++;
  }
  const m = matches;
  return (m / la + m / lb + (m - halfTranspositions / 2) / m) / 3;
}

/**
 * Jaro-Winkler with the usual prefix scale 0.1 over at most 4 characters. Winkler's boost suits
 * names: typing errors are rarer at the start of a name than at the end.
 */
export function jaroWinkler(a: string, b: string, minWindow = 0): number {
  const j = jaro(a, b, minWindow);
  if (j === 0 || j === 1) return j;
  const max = Math.min(4, a.length, b.length);
  let prefix = 0;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

/**
 * True when a and b are at most one edit apart (substitution, insertion, deletion, or a swap of
 * two adjacent characters). This is the gate that makes the deletion index exact: every pair it
 * accepts shares a deletion key, so the index cannot miss a pair the linear scan would score.
 */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    let i = 0;
    while (i < la && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (i === la) return true;
    // substitution at i
    let same = true;
    for (let k = i + 1; k < la; k++) {
      if (a.charCodeAt(k) !== b.charCodeAt(k)) {
        same = false;
        break;
      }
    }
    if (same) return true;
    // adjacent transposition at i, i+1
    if (i + 1 >= la || a.charCodeAt(i) !== b.charCodeAt(i + 1) || a.charCodeAt(i + 1) !== b.charCodeAt(i)) return false;
    for (let k = i + 2; k < la; k++) if (a.charCodeAt(k) !== b.charCodeAt(k)) return false;
    return true;
  }
  if (la - lb === 1 || lb - la === 1) {
    const long = la > lb ? a : b;
    const short = la > lb ? b : a;
    let i = 0;
    while (i < short.length && long.charCodeAt(i) === short.charCodeAt(i)) i++;
    for (let k = i; k < short.length; k++) if (long.charCodeAt(k + 1) !== short.charCodeAt(k)) return false;
    return true;
  }
  return false;
}
