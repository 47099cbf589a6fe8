// A declaration laid out as an officer reads a CN 23: sender and recipient, the lines with the HS code and its HS 2022
// description, totals and weights. Each field carries its JSON pointer, so annotations (a hit, an error, a finding)
// land on the field they point at: highlighted, with the annotation beside it. Tolerant of incomplete declarations
// (the check page lays out what the filer pasted).
import { h } from './dom';
import { highlightsFor, pointerInWords } from './logic/pointer';
import type { Declaration, Party } from './logic/types';

export interface Annotation {
  pointer: string;
  /** 'risk' for customs' hits, 'fix' for what the filer must fix, 'error' for validation errors */
  kind: 'risk' | 'fix' | 'error';
  text: string;
  /** The id of the element that explains it (a hit in the list), for a link from the field. */
  ref?: string;
}

export type HsLookup = (code: string) => string | undefined;

const text = (v: unknown): string => (v === undefined || v === null || v === '' ? '—' : Array.isArray(v) ? v.join(', ') : String(v));

interface Cell {
  pointer: string;
  label: string;
  value: Node | string;
}

export function layoutDeclaration(d: Declaration, annotations: readonly Annotation[], hs: HsLookup): HTMLElement {
  const cells: { el: HTMLElement; pointer: string }[] = [];
  const f = (c: Cell, tag: 'div' | 'td' = 'div'): HTMLElement => {
    const el = h(
      tag,
      { class: 'f', 'data-pointer': c.pointer, ...(tag === 'td' ? { 'data-label': c.label } : {}) },
      tag === 'div' ? h('span', { class: 'k' }, c.label) : null,
      h('span', { class: 'v' }, c.value),
    );
    cells.push({ el, pointer: c.pointer });
    return el;
  };
  const party = (key: 'sender' | 'recipient', title: string, p: Party | undefined): HTMLElement => {
    const base = `/${key}`;
    const a = p?.address;
    const el = h(
      'section',
      { class: 'party f', 'data-pointer': base, 'aria-label': title },
      h('h3', {}, title),
      f({ pointer: `${base}/name`, label: 'Name', value: text(p?.name) }),
      p?.businessName ? f({ pointer: `${base}/businessName`, label: 'Business', value: p.businessName }) : null,
      h(
        'div',
        { class: 'f', 'data-pointer': `${base}/address` },
        h('span', { class: 'k' }, 'Address'),
        h('span', { class: 'v' }, [...(a?.lines ?? []), [a?.postcode, a?.city].filter(Boolean).join(' '), a?.state, a?.countryCode].filter(Boolean).join(', ') || '—'),
      ),
      f({ pointer: `${base}/phone`, label: 'Phone', value: text(p?.phone) }),
      p?.email ? f({ pointer: `${base}/email`, label: 'Email', value: p.email }) : null,
      p?.taxId ? f({ pointer: `${base}/taxId`, label: 'Tax id', value: p.taxId }) : null,
    );
    cells.push({ el, pointer: base }, { el: el.querySelector(`[data-pointer="${base}/address"]`) as HTMLElement, pointer: `${base}/address` });
    return el;
  };

  const lines = Array.isArray(d.contents) ? d.contents : [];
  const sumNet = lines.reduce((s, l) => s + (typeof l.netWeightKg === 'number' ? l.netWeightKg : 0), 0);
  const contentsTable = h(
    'table',
    { class: 'lines' },
    h('caption', {}, 'Contents'),
    h('thead', {}, h('tr', {}, ...['#', 'Description', 'Quantity', 'Net kg', `Value (${text(d.currency)})`, 'HS code', 'Origin'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      ...lines.map((l, i) => {
        const p = `/contents/${i}`;
        const hsText = l.hsCode ? hs(String(l.hsCode).slice(0, 6)) : undefined;
        const tr = h(
          'tr',
          { class: 'f', 'data-pointer': p },
          h('th', { scope: 'row', 'data-label': '#' }, String(i + 1)),
          f({ pointer: `${p}/description`, label: 'Description', value: text(l.description) }, 'td'),
          f({ pointer: `${p}/quantity`, label: 'Quantity', value: text(l.quantity) }, 'td'),
          f({ pointer: `${p}/netWeightKg`, label: 'Net kg', value: text(l.netWeightKg) }, 'td'),
          f({ pointer: `${p}/value`, label: 'Value', value: text(l.value) }, 'td'),
          f({ pointer: `${p}/hsCode`, label: 'HS code', value: h('span', {}, h('code', {}, text(l.hsCode)), hsText ? h('span', { class: 'hs' }, ` ${hsText}`) : null) }, 'td'),
          f({ pointer: `${p}/originCountry`, label: 'Origin', value: text(l.originCountry) }, 'td'),
        );
        cells.push({ el: tr, pointer: p });
        return tr;
      }),
    ),
  );

  const el = h(
    'div',
    { class: 'cn23 f', 'data-pointer': '' },
    h(
      'div',
      { class: 'grid head' },
      f({ pointer: '/itemId', label: 'Item id', value: text(d.itemId) }),
      f({ pointer: '/declarationType', label: 'Form', value: text(d.declarationType) }),
      f({ pointer: '/category', label: 'Category', value: text(d.category) + (d.categoryExplanation ? ` — ${d.categoryExplanation}` : '') }),
      f({ pointer: '/postingDate', label: 'Posted', value: text(d.postingDate) }),
      f({ pointer: '/originCountry', label: 'From', value: text(d.originCountry) }),
      f({ pointer: '/destinationCountry', label: 'To', value: text(d.destinationCountry) }),
    ),
    h('div', { class: 'grid parties' }, party('sender', 'Sender', d.sender), party('recipient', 'Recipient', d.recipient)),
    h('div', { class: 'f table-wrap', 'data-pointer': '/contents', tabindex: '0', role: 'region', 'aria-label': 'Contents' }, contentsTable),
    h(
      'div',
      { class: 'grid totals' },
      f({ pointer: '/totalValue', label: 'Total value', value: `${text(d.totalValue)} ${d.currency ?? ''}` }),
      f({ pointer: '/currency', label: 'Currency', value: text(d.currency) }),
      f({ pointer: '/grossWeightKg', label: 'Gross weight (kg)', value: `${text(d.grossWeightKg)} (lines' net ${Math.round(sumNet * 1000) / 1000})` }),
      f({ pointer: '/postage', label: 'Postage', value: text(d.postage) }),
      d.insuredValue !== undefined ? f({ pointer: '/insuredValue', label: 'Insured value', value: text(d.insuredValue) }) : null,
      f({ pointer: '/ioss', label: 'IOSS', value: text(d.ioss) }),
      d.invoiceNumber !== undefined ? f({ pointer: '/invoiceNumber', label: 'Invoice', value: text(d.invoiceNumber) }) : null,
      d.licenceNumbers !== undefined ? f({ pointer: '/licenceNumbers', label: 'Licences', value: text(d.licenceNumbers) }) : null,
      d.certificateNumbers !== undefined ? f({ pointer: '/certificateNumbers', label: 'Certificates', value: text(d.certificateNumbers) }) : null,
      d.comments !== undefined ? f({ pointer: '/comments', label: 'Comments', value: text(d.comments) }) : null,
    ),
  );
  cells.push({ el, pointer: '' }, { el: el.querySelector('[data-pointer="/contents"]') as HTMLElement, pointer: '/contents' });

  // Each annotation on the nearest field shown for its pointer, highlighted, with its words beside it.
  const byPointer = new Map<string, HTMLElement>();
  for (const c of cells) if (!byPointer.has(c.pointer)) byPointer.set(c.pointer, c.el);
  const targets = highlightsFor(
    annotations.map((a) => a.pointer),
    new Set(byPointer.keys()),
  );
  for (const [pointer, indexes] of targets) {
    const target = byPointer.get(pointer)!;
    const kinds = new Set(indexes.map((i) => annotations[i]!.kind));
    target.classList.add('hl', ...[...kinds].map((k) => `hl-${k}`));
    const notes = h(
      'ul',
      { class: 'notes' },
      ...indexes.map((i) => {
        const a = annotations[i]!;
        const words = a.pointer === pointer ? a.text : `${a.text} (at ${pointerInWords(a.pointer)})`;
        return h('li', { class: `note note-${a.kind}` }, a.ref ? h('a', { href: `#${a.ref}`, 'data-ref': a.ref }, words) : words);
      }),
    );
    // In a table row the notes go in the row's first cell; elsewhere after the field's value.
    (target.tagName === 'TR' ? target.firstElementChild! : target).append(notes);
  }
  el.querySelectorAll('a[data-ref]').forEach((a) =>
    a.addEventListener('click', (e) => {
      // In-page links must not go through the hash router.
      e.preventDefault();
      const to = document.getElementById((a as HTMLElement).dataset.ref!);
      to?.focus();
      to?.scrollIntoView({ block: 'center' });
    }),
  );
  return el;
}
