// The fields of a CN 23 as layoutDeclaration (cn23.ts) lays them out: the head (item, form, category, route), the two
// parties, the contents table with each line's HS 2022 description, and the totals. Each field is recorded in the
// Cells with its JSON pointer, for the annotations to find. Tolerant of incomplete declarations.
import { h } from './dom';
import type { Declaration, ContentLine, Party } from './logic/types';

export type HsLookup = (code: string) => string | undefined;

export const text = (v: unknown): string => (v === undefined || v === null || v === '' ? '—' : Array.isArray(v) ? v.join(', ') : String(v));

interface Cell {
  pointer: string;
  label: string;
  value: Node | string;
}

/** The fields laid out so far, each with its pointer, in the order they were made. */
export class Cells {
  readonly all: { el: HTMLElement; pointer: string }[] = [];

  /** A labelled field (a div with its label, or a table cell named by its column) recorded under its pointer. */
  field(c: Cell, tag: 'div' | 'td' = 'div'): HTMLElement {
    const el = h(
      tag,
      { class: 'f', 'data-pointer': c.pointer, ...(tag === 'td' ? { 'data-label': c.label } : {}) },
      tag === 'div' ? h('span', { class: 'k' }, c.label) : null,
      h('span', { class: 'v' }, c.value),
    );
    return this.add(el, c.pointer);
  }

  add(el: HTMLElement, pointer: string): HTMLElement {
    this.all.push({ el, pointer });
    return el;
  }
}

export function headGrid(d: Declaration, cells: Cells): HTMLElement {
  return h(
    'div',
    { class: 'grid head' },
    cells.field({ pointer: '/itemId', label: 'Item id', value: text(d.itemId) }),
    cells.field({ pointer: '/declarationType', label: 'Form', value: text(d.declarationType) }),
    cells.field({ pointer: '/category', label: 'Category', value: text(d.category) + (d.categoryExplanation ? ` — ${d.categoryExplanation}` : '') }),
    cells.field({ pointer: '/postingDate', label: 'Posted', value: text(d.postingDate) }),
    cells.field({ pointer: '/originCountry', label: 'From', value: text(d.originCountry) }),
    cells.field({ pointer: '/destinationCountry', label: 'To', value: text(d.destinationCountry) }),
  );
}

export function partySection(key: 'sender' | 'recipient', title: string, p: Party | undefined, cells: Cells): HTMLElement {
  const base = `/${key}`;
  const a = p?.address;
  const address = h(
    'div',
    { class: 'f', 'data-pointer': `${base}/address` },
    h('span', { class: 'k' }, 'Address'),
    h('span', { class: 'v' }, [...(a?.lines ?? []), [a?.postcode, a?.city].filter(Boolean).join(' '), a?.state, a?.countryCode].filter(Boolean).join(', ') || '—'),
  );
  const el = h(
    'section',
    { class: 'party f', 'data-pointer': base, 'aria-label': title },
    h('h3', {}, title),
    cells.field({ pointer: `${base}/name`, label: 'Name', value: text(p?.name) }),
    p?.businessName ? cells.field({ pointer: `${base}/businessName`, label: 'Business', value: p.businessName }) : null,
    address,
    cells.field({ pointer: `${base}/phone`, label: 'Phone', value: text(p?.phone) }),
    p?.email ? cells.field({ pointer: `${base}/email`, label: 'Email', value: p.email }) : null,
    p?.taxId ? cells.field({ pointer: `${base}/taxId`, label: 'Tax id', value: p.taxId }) : null,
  );
  cells.add(el, base);
  cells.add(address, `${base}/address`);
  return el;
}

function lineRow(l: ContentLine, i: number, hs: HsLookup, cells: Cells): HTMLTableRowElement {
  const p = `/contents/${i}`;
  const hsText = l.hsCode ? hs(String(l.hsCode).slice(0, 6)) : undefined;
  const tr = h(
    'tr',
    { class: 'f', 'data-pointer': p },
    h('th', { scope: 'row', 'data-label': '#' }, String(i + 1)),
    cells.field({ pointer: `${p}/description`, label: 'Description', value: text(l.description) }, 'td'),
    cells.field({ pointer: `${p}/quantity`, label: 'Quantity', value: text(l.quantity) }, 'td'),
    cells.field({ pointer: `${p}/netWeightKg`, label: 'Net kg', value: text(l.netWeightKg) }, 'td'),
    cells.field({ pointer: `${p}/value`, label: 'Value', value: text(l.value) }, 'td'),
    cells.field({ pointer: `${p}/hsCode`, label: 'HS code', value: h('span', {}, h('code', {}, text(l.hsCode)), hsText ? h('span', { class: 'hs' }, ` ${hsText}`) : null) }, 'td'),
    cells.field({ pointer: `${p}/originCountry`, label: 'Origin', value: text(l.originCountry) }, 'td'),
  );
  cells.add(tr, p);
  return tr;
}

export const contentLines = (d: Declaration): ContentLine[] => (Array.isArray(d.contents) ? d.contents : []);

export function contentsTable(d: Declaration, hs: HsLookup, cells: Cells): HTMLElement {
  return h(
    'table',
    { class: 'lines' },
    h('caption', {}, 'Contents'),
    h('thead', {}, h('tr', {}, ...['#', 'Description', 'Quantity', 'Net kg', `Value (${text(d.currency)})`, 'HS code', 'Origin'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...contentLines(d).map((l, i) => lineRow(l, i, hs, cells))),
  );
}

export function totalsGrid(d: Declaration, cells: Cells): HTMLElement {
  const sumNet = contentLines(d).reduce((s, l) => s + (typeof l.netWeightKg === 'number' ? l.netWeightKg : 0), 0);
  const optional = (key: 'insuredValue' | 'invoiceNumber' | 'licenceNumbers' | 'certificateNumbers' | 'comments', label: string) =>
    d[key] !== undefined ? cells.field({ pointer: `/${key}`, label, value: text(d[key]) }) : null;
  return h(
    'div',
    { class: 'grid totals' },
    cells.field({ pointer: '/totalValue', label: 'Total value', value: `${text(d.totalValue)} ${d.currency ?? ''}` }),
    cells.field({ pointer: '/currency', label: 'Currency', value: text(d.currency) }),
    cells.field({ pointer: '/grossWeightKg', label: 'Gross weight (kg)', value: `${text(d.grossWeightKg)} (lines' net ${Math.round(sumNet * 1000) / 1000})` }),
    cells.field({ pointer: '/postage', label: 'Postage', value: text(d.postage) }),
    optional('insuredValue', 'Insured value'),
    cells.field({ pointer: '/ioss', label: 'IOSS', value: text(d.ioss) }),
    optional('invoiceNumber', 'Invoice'),
    optional('licenceNumbers', 'Licences'),
    optional('certificateNumbers', 'Certificates'),
    optional('comments', 'Comments'),
  );
}
