// Common romanisation variants of given names and name endings, as data. Every spelling of a group is
// replaced by the group's first spelling on both sides (list and query), so "Mohamed" on a parcel and
// "MUHAMMAD" on the list are the same token, and so are "Aleksandr" and "Alexander". Groups are spellings
// of one name across transliteration systems (BGN/PCGN, ISO 9, French, German, Anglo usage), not
// translations ("Eugene" is not "Yevgeny") and not other languages' cognates ("Alessandro").

export const NAME_VARIANTS: readonly (readonly string[])[] = [
  ['muhammad', 'mohammed', 'mohammad', 'muhammed', 'mohamed', 'mohamad', 'muhamad', 'muhamed', 'mohamud', 'mouhamed', 'mohamedou', 'mukhammad', 'mukhammed', 'mohd', 'mohammud', 'mohamet'],
  ['ahmad', 'ahmed', 'akhmed', 'akhmad', 'ahmet', 'ahamed'],
  ['husayn', 'hussein', 'hussain', 'husain', 'hossein', 'husein', 'houssein', 'hussien', 'hosein', 'huseyin', 'hossain'],
  ['hasan', 'hassan', 'khasan', 'hasson'],
  ['husam', 'hussam', 'hosam', 'hossam'],
  ['abdul', 'abdel', 'abdoul', 'abdal', 'abdool', 'abdulla'],
  ['abdullah', 'abdallah', 'abdellah', 'abdoullah', 'abdulloh'],
  ['yusuf', 'yousef', 'youssef', 'yusef', 'jusuf', 'yousif', 'yousuf', 'yossef', 'youcef', 'iusuf'],
  ['umar', 'omar', 'omer', 'oumar'],
  ['usama', 'osama', 'usamah', 'ousama', 'oussama'],
  ['uthman', 'othman', 'osman', 'usman', 'outhman'],
  ['khalid', 'khaled', 'haled', 'halid'],
  ['mahmud', 'mahmoud', 'mahmood', 'makhmud'],
  ['mustafa', 'mostafa', 'moustafa', 'mustapha', 'mostapha'],
  ['ibrahim', 'ebrahim', 'ibraheem', 'ibragim'],
  ['ismail', 'ismael', 'esmail', 'ismayil'],
  ['yahya', 'yahia', 'yehia', 'yahiya'],
  ['said', 'saeed', 'sayed', 'saied', 'saeid'],
  ['aleksandr', 'alexander', 'aleksander', 'alexandr', 'oleksandr', 'alexandre', 'aliaksandr', 'aleksandar'],
  ['aleksei', 'alexei', 'alexey', 'aleksey', 'alexej', 'oleksiy', 'oleksii', 'aliaksei'],
  ['sergei', 'sergey', 'serguei', 'serhiy', 'serhii', 'sergej', 'siarhei'],
  ['dmitri', 'dmitry', 'dmitriy', 'dmitrii', 'dimitri', 'dmytro', 'dzmitry'],
  ['yuri', 'yury', 'yuriy', 'yurii', 'iouri', 'juri', 'jurij', 'iurii', 'yurij'],
  ['yevgeni', 'evgeny', 'yevgeny', 'evgeniy', 'yevgeniy', 'evgenii', 'yevhen', 'jewgeni'],
  ['andrei', 'andrey', 'andriy', 'andrii', 'andrej'],
  ['nikolai', 'nikolay', 'nicolai', 'mykola', 'mikalai'],
  ['mikhail', 'mihail', 'mikhael', 'mykhailo', 'michail'],
  ['pyotr', 'petr', 'piotr', 'petro'],
  ['igor', 'ihor'],
  ['viktor', 'victor'],
  ['vitali', 'vitaly', 'vitaliy', 'vitalii'],
  ['anatoli', 'anatoly', 'anatoliy', 'anatolii'],
  ['vasili', 'vasily', 'vasiliy', 'vasilii', 'vasyl'],
  ['grigori', 'grigory', 'grigoriy', 'hryhoriy'],
  ['yulia', 'julia', 'yuliya', 'iuliia', 'yuliia', 'julija'],
  ['tatiana', 'tatyana', 'tatjana', 'tetiana', 'tatsiana'],
  ['natalia', 'natalya', 'nataliya', 'natalija'],
  ['yelena', 'elena', 'jelena', 'olena'],
  ['yekaterina', 'ekaterina', 'katerina', 'jekaterina', 'kateryna'],
  ['ksenia', 'kseniya', 'xenia', 'ksenija'],
  ['yaroslav', 'jaroslav', 'iaroslav'],
  ['kim', 'gim'],
  ['pak', 'bak', 'park'],
  ['ri', 'rhee', 'yi'],
  ['choe', 'choi', 'chwe'],
];

const CANONICAL = new Map<string, string>();
for (const group of NAME_VARIANTS) for (const spelling of group) CANONICAL.set(spelling, group[0]!);

/** Endings spelt differently by transliteration systems: [ending, canonical ending], longest first. */
export const SUFFIX_VARIANTS: readonly (readonly [string, string])[] = [
  ['ovich', 'ovich'],
  ['evich', 'evich'],
  ['skiy', 'sky'],
  ['skii', 'sky'],
  ['ski', 'sky'],
  ['off', 'ov'],
  ['eff', 'ev'],
  ['iy', 'y'],
  ['ii', 'y'],
];

/** The last letters of the endings: a token ending otherwise (most) has none of them. */
const SUFFIX_LAST = new Set(SUFFIX_VARIANTS.map(([ending]) => ending.charCodeAt(ending.length - 1)));

/** The canonical spelling of a folded token: its group's first spelling, else its ending made canonical. */
export function canonicalToken(token: string): string {
  const c = CANONICAL.get(token);
  if (c !== undefined) return c;
  if (token.length < 5 || !SUFFIX_LAST.has(token.charCodeAt(token.length - 1))) return token;
  for (const [ending, canonical] of SUFFIX_VARIANTS) {
    if (token.endsWith(ending)) return ending === canonical ? token : token.slice(0, -ending.length) + canonical;
  }
  return token;
}
