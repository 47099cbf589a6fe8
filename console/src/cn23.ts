// A declaration laid out as an officer reads a CN 23: sender and recipient, the lines with the HS code and its HS 2022
// description, totals and weights (the fields themselves: cn23-fields.ts). Each field carries its JSON pointer, so
// annotations (a hit, an error, a finding) land on the field they point at: highlighted, with the annotation beside
// it. Tolerant of incomplete declarations (the check page lays out what the filer pasted).
import { Cells, contentsTable, headGrid, type HsLookup, partySection, totalsGrid } from './cn23-fields';
import { h } from './dom';
import { highlightsFor, pointerInWords } from './logic/pointer';
import type { Declaration } from './logic/types';

export type { HsLookup } from './cn23-fields';

export interface Annotation {
  pointer: string;
  /** 'risk' for customs' hits, 'fix' for what the filer must fix, 'error' for validation errors */
  kind: 'risk' | 'fix' | 'error';
  text: string;
  /** The id of the element that explains it (a hit in the list), for a link from the field. */
  ref?: string;
}

export function layoutDeclaration(d: Declaration, annotations: readonly Annotation[], hs: HsLookup): HTMLElement {
  const cells = new Cells();
  const contents = contentsTable(d, hs, cells);
  const el = h(
    'div',
    { class: 'cn23 f', 'data-pointer': '' },
    headGrid(d, cells),
    h('div', { class: 'grid parties' }, partySection('sender', 'Sender', d.sender, cells), partySection('recipient', 'Recipient', d.recipient, cells)),
    h('div', { class: 'f table-wrap', 'data-pointer': '/contents', tabindex: '0', role: 'region', 'aria-label': 'Contents' }, contents),
    totalsGrid(d, cells),
  );
  cells.add(el, '');
  cells.add(el.querySelector('[data-pointer="/contents"]') as HTMLElement, '/contents');
  annotate(cells, annotations);
  followRefs(el);
  return el;
}

/** Each annotation on the nearest field shown for its pointer, highlighted, with its words beside it. */
function annotate(cells: Cells, annotations: readonly Annotation[]): void {
  const byPointer = new Map<string, HTMLElement>();
  for (const c of cells.all) if (!byPointer.has(c.pointer)) byPointer.set(c.pointer, c.el);
  const targets = highlightsFor(
    annotations.map((a) => a.pointer),
    new Set(byPointer.keys()),
  );
  for (const [pointer, indexes] of targets) {
    const target = byPointer.get(pointer)!;
    const kinds = new Set(indexes.map((i) => annotations[i]!.kind));
    target.classList.add('hl', ...[...kinds].map((k) => `hl-${k}`));
    const notes = h('ul', { class: 'notes' }, ...indexes.map((i) => note(annotations[i]!, pointer)));
    // In a table row the notes go in the row's first cell; elsewhere after the field's value.
    (target.tagName === 'TR' ? target.firstElementChild! : target).append(notes);
  }
}

/** An annotation's words on the field shown for `shownAt`, saying where it points when that is deeper. */
function note(a: Annotation, shownAt: string): HTMLElement {
  const words = a.pointer === shownAt ? a.text : `${a.text} (at ${pointerInWords(a.pointer)})`;
  return h('li', { class: `note note-${a.kind}` }, a.ref ? h('a', { href: `#${a.ref}`, 'data-ref': a.ref }, words) : words);
}

/** A note's link moves focus to what explains it. */
function followRefs(el: HTMLElement): void {
  el.querySelectorAll('a[data-ref]').forEach((a) =>
    a.addEventListener('click', (e) => {
      // In-page links must not go through the hash router.
      e.preventDefault();
      const to = document.getElementById((a as HTMLElement).dataset.ref!);
      to?.focus();
      to?.scrollIntoView({ block: 'center' });
    }),
  );
}
