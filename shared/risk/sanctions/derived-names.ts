// Forms of a listed name as people write it on a parcel, derived once when the list loads and indexed
// beside the list's own names: "DERIPASKA, Oleg Vladimirovich" is also "DERIPASKA, Oleg" (no middle
// name or patronymic) and "DERIPASKA, Oleg V." (initials); "ARZALLUS TAPIA, Eusebio" is also
// "ARZALLUS, Eusebio" (first surname only); "AL-ZAWAHIRI, Ayman" is also "ALZAWAHIRI, Ayman" (particle
// joined); "KIM, Jong Un" is also "KIM, Jongun". Only names written "SURNAME, Given names" (individuals)
// lose tokens: the surname is always kept, and so is the first given name or its initial, so a shared
// surname alone never becomes a hit.

export type DerivedKind = 'given-names-dropped' | 'initials' | 'first-initial' | 'second-surname-dropped' | 'particle-joined' | 'given-joined';

export interface DerivedName {
  name: string;
  kind: DerivedKind;
}

/** Words that join the next one in some spellings and not in others. */
export const PARTICLES: ReadonlySet<string> = new Set([
  'al',
  'el',
  'ul',
  'ad',
  'ar',
  'as',
  'at',
  'az',
  'an',
  'ash',
  'bin',
  'ibn',
  'bint',
  'ben',
  'abu',
  'abou',
  'bou',
  'abd',
  'abdul',
  'abdel',
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'da',
  'di',
  'du',
  'la',
  'le',
  'dos',
  'das',
  'mac',
  'mc',
  'ter',
  'ten',
  'st',
]);

const words = (s: string) => s.split(/[\s-]+/).filter((w) => w.length > 0);
const isParticle = (w: string) => PARTICLES.has(w.toLowerCase());
const initial = (w: string) => w.charAt(0);

function surnameForms(surname: string[], given: string[]): [string[], string[], DerivedKind][] {
  const out: [string[], string[], DerivedKind][] = [];
  const cores = surname.filter((w) => !isParticle(w));
  // Two surnames (Hispanic naming), neither a particle: the first one is the one people keep.
  if (surname.length === 2 && cores.length === 2) out.push([[surname[0]!], given, 'second-surname-dropped']);
  return out;
}

function givenForms(surname: string[], given: string[]): [string[], string[], DerivedKind][] {
  const out: [string[], string[], DerivedKind][] = [];
  if (given.length >= 2) {
    out.push([surname, [given[0]!], 'given-names-dropped']);
    out.push([surname, [given[0]!, ...given.slice(1).map(initial)], 'initials']);
    if (given.length === 2 && given.every((w) => w.length <= 4)) out.push([surname, [given.join('')], 'given-joined']);
  }
  if (given.length >= 1 && given[0]!.length > 1) out.push([surname, [initial(given[0]!)], 'first-initial']);
  return out;
}

function joinParticles(ws: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    if (isParticle(ws[i]!) && i + 1 < ws.length) {
      out.push(ws[i]! + ws[i + 1]!);
      i++;
    } else out.push(ws[i]!);
  }
  return out;
}

const render = (surname: string[], given: string[]) => (given.length > 0 ? `${surname.join(' ')}, ${given.join(' ')}` : surname.join(' '));

/** Derived forms of one listed name (primary or alias) of an entry; `person` when the entry is an individual. */
export function derivedNames(name: string, person: boolean): DerivedName[] {
  const out: DerivedName[] = [];
  const push = (n: string, kind: DerivedKind) => {
    if (n !== name && !out.some((d) => d.name === n)) out.push({ name: n, kind });
  };
  const comma = name.indexOf(',');
  const surname = words(comma > 0 ? name.slice(0, comma) : name);
  const given = comma > 0 ? words(name.slice(comma + 1)) : [];
  if (person && comma > 0 && surname.length > 0) {
    const forms: [string[], string[], DerivedKind][] = [[surname, given, 'given-names-dropped']];
    for (const [s, g, kind] of surnameForms(surname, given)) forms.push([s, g, kind]);
    for (const [s, g] of [...forms]) for (const [s2, g2, kind] of givenForms(s, g)) forms.push([s2, g2, kind]);
    forms.slice(1).forEach(([s, g, kind]) => push(render(s, g), kind));
  }
  const all = [...surname, ...given];
  if (all.some(isParticle)) push(render(joinParticles(surname), joinParticles(given)), 'particle-joined');
  return out;
}
