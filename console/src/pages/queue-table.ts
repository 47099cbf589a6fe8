// The queue's table (one row per parcel shown, each a link to its page) and its counts per status over what is
// loaded, each count a button that filters on its status. Rows are redrawn only when what they show changed, and the
// parcel link that had focus gets it back.
import { clear, h, time } from '../dom';
import { countByStatus, headline, rowSignature } from '../logic/queue';
import type { Parcel, ParcelStatus } from '../logic/types';
import { statusWords } from '../logic/words';

export const statusBadge = (s: string): HTMLElement => h('span', { class: `badge s-${s.toLowerCase().replace(/_/g, '-')}` }, statusWords(s));

function headRow(seesScore: boolean): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('th', { scope: 'col' }, 'Item id'),
    h('th', { scope: 'col' }, 'Status'),
    seesScore ? h('th', { scope: 'col' }, 'Score') : null,
    h('th', { scope: 'col' }, 'Route'),
    h('th', { scope: 'col' }, 'Received'),
    h('th', { scope: 'col' }, 'Why'),
  );
}

function row(p: Parcel, seesScore: boolean): HTMLTableRowElement {
  const d = p.declaration;
  return h(
    'tr',
    { 'data-item-id': p.itemId },
    h('th', { scope: 'row', 'data-label': 'Item id' }, h('a', { href: `#/parcels/${encodeURIComponent(p.itemId)}`, 'data-item-id': p.itemId }, p.itemId)),
    h('td', { 'data-label': 'Status' }, statusBadge(p.status)),
    seesScore ? h('td', { 'data-label': 'Score', class: 'num' }, p.assessment?.score ?? '–') : null,
    h('td', { 'data-label': 'Route' }, d ? `${d.originCountry ?? '?'} → ${d.destinationCountry ?? '?'}` : ''),
    h('td', { 'data-label': 'Received' }, time(p.receivedAt)),
    h('td', { 'data-label': 'Why', class: 'why' }, headline(p)),
  );
}

function countButton(s: ParcelStatus, n: number, current: ParcelStatus | undefined, toggle: (s: ParcelStatus) => void): HTMLElement {
  return h('li', {}, h('button', { type: 'button', class: 'count', 'aria-pressed': current === s ? 'true' : 'false', onclick: () => toggle(s) }, statusBadge(s), h('span', { class: 'n' }, String(n))));
}

export class QueueTable {
  readonly counts = h('ul', { class: 'counts', 'aria-label': 'Parcels per status, over what is loaded' });
  readonly table: HTMLTableElement;
  private readonly tbody = h('tbody');
  private readonly caption = h('caption');
  private signature = '';

  constructor(
    private readonly seesScore: boolean,
    private readonly toggle: (s: ParcelStatus) => void,
  ) {
    this.table = h('table', { class: 'queue' }, this.caption, h('thead', {}, headRow(seesScore)), this.tbody);
  }

  /** The counts over `all`, the caption, and the rows of `shown` when they changed since the last draw (or `force`). */
  draw(all: Parcel[], shown: Parcel[], current: ParcelStatus | undefined, olderNotLoaded: boolean, force: boolean): void {
    clear(this.counts);
    for (const [s, n] of countByStatus(all)) if (n !== 0 || s !== 'RECEIVED') this.counts.append(countButton(s, n, current, this.toggle));
    this.caption.textContent = `${shown.length} of ${all.length} loaded parcel(s) shown${olderNotLoaded ? '; older parcels not loaded yet' : ''}`;
    const sig = shown.map(rowSignature).join(',');
    if (!force && sig === this.signature) return;
    this.signature = sig;
    // Keep the reader's place: the focused parcel link gets focus back after the redraw.
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.itemId;
    clear(this.tbody);
    const empty = all.length ? 'No loaded parcel matches these filters.' : 'No parcels yet.';
    if (shown.length === 0) this.tbody.append(h('tr', {}, h('td', { colspan: this.seesScore ? '6' : '5' }, empty)));
    for (const p of shown) this.tbody.append(row(p, this.seesScore));
    if (focused) this.tbody.querySelector<HTMLElement>(`a[data-item-id="${CSS.escape(focused)}"]`)?.focus();
  }
}
