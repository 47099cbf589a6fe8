// Arabic and Hebrew write consonants and long vowels only, so a name transliterated from them ("mhmd",
// "'smh bn ldn") lacks the vowels its Latin spelling has ("Muhammad", "Usama bin Laden"). Such names
// are compared by consonant skeleton: vowels, the letters that double as vowels (w, y), glottal marks
// and a final h (ta marbuta: "'smh" / "Usama") removed, the letters transliterations confuse made one
// (q/k/c, p/f/b, g/j), and doubled letters collapsed: "Muhammad" and "mhmd" are both "mhmd". Skeletons
// of fewer than two letters ("Ali" → "l") are too weak to match, and of two letters match only particles.

/** Letters of the abjads (Hebrew, Arabic and their presentation forms). */
export const ABJAD_RE = /[\u0590-\u05FF\u0600-\u06FF\u0750-\u077F\uFB1D-\uFDFF\uFE70-\uFEFF]/;
export const MIN_SKELETON = 2;
/** Skeletons of two letters ("mr": Mary, Omar, Amir) match only a particle ("bn": bin, ibn, ben). */
export const MIN_SKELETON_WORD = 3;
/** Similarity given to two tokens with the same skeleton: enough for a name of such tokens to be strong. */
export const SKELETON_SIM = 0.92;

const DROP = new Set(['a', 'e', 'i', 'o', 'u', 'y', 'w', "'"]);
const SAME: Record<string, string> = { q: 'k', c: 'k', p: 'b', f: 'b', v: 'b', g: 'j' };

// Hebrew ח is kh, ch and h in Latin spellings ("Khalil", "Chavez", "Hassan"), ש both sh and s; x is ks. Read
// left to right, each letter once (as ./phonetic.ts reads its keys): "skhln" is s + kh, not sh + ln.
const DIGRAPHS: Record<string, string> = { dh: 'z', th: 't', kh: 'h', ch: 'h', sh: 's' };

export function skeleton(token: string): string {
  let out = '';
  // ظ and ذ are "dh" letter by letter, "z" or "dh" in Latin spellings ("Zawahiri"); ث "th" or "t".
  const t = token.replace(/x/g, 'ks');
  for (let i = 0; i < t.length; i++) {
    const digraph = DIGRAPHS[t.slice(i, i + 2)];
    if (digraph !== undefined) i++;
    const ch = digraph ?? t[i]!;
    if (DROP.has(ch)) continue;
    const c = SAME[ch] ?? ch;
    if (out.charAt(out.length - 1) !== c) out += c;
  }
  return out.length > 2 && out.endsWith('h') ? out.slice(0, -1) : out;
}
