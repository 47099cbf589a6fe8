// The parcels a key may see, as a queue: referrals first (held, do not load, information requested), by score or
// newest; filters and counts over what is loaded; refreshed by polling the first page without losing the reader's
// place (older pages stay, the filters stay, focus stays on the same parcel's link).
import { POLL_MS, type PageContext } from '../app';
import { clear, field, h, scrollRegion, select, status, time } from '../dom';
import { countByStatus, filterOptions, filterQueue, headline, listQuery, mergePage, rowSignature, sortQueue, type QueueFilters, type SortOrder } from '../logic/queue';
import { STATUSES, type Parcel, type ParcelStatus } from '../logic/types';
import { problemInWords, statusWords } from '../logic/words';

const PAGE_SIZE = 100;

function title(ctx: PageContext): string {
  const w = ctx.who;
  switch (w.role) {
    case 'customs':
      return `Referral queue — parcels to ${w.country}`;
    case 'post':
      return `Parcels from or to ${w.country}`;
    case 'platform':
      return `Parcels of ${w.tenantId}`;
    case 'admin':
      return "Every country's queues";
  }
}

export const statusBadge = (s: string): HTMLElement => h('span', { class: `badge s-${s.toLowerCase().replace(/_/g, '-')}` }, statusWords(s));

export async function queuePage(ctx: PageContext): Promise<void> {
  const seesScore = ctx.who.role === 'customs' || ctx.who.role === 'admin';
  let loaded = new Map<string, Parcel>();
  let cursor: string | undefined;
  let signature = '';
  const filters: QueueFilters = {};
  let order: SortOrder = seesScore ? 'score' : 'newest';

  const heading = h('h1', { tabindex: '-1' }, title(ctx));
  const live = status();
  const error = h('div', { class: 'error', role: 'alert' });
  const counts = h('ul', { class: 'counts', 'aria-label': 'Parcels per status, over what is loaded' });
  const tbody = h('tbody');
  const caption = h('caption');
  const table = h(
    'table',
    { class: 'queue' },
    caption,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Item id'),
        h('th', { scope: 'col' }, 'Status'),
        seesScore ? h('th', { scope: 'col' }, 'Score') : null,
        h('th', { scope: 'col' }, 'Route'),
        h('th', { scope: 'col' }, 'Received'),
        h('th', { scope: 'col' }, 'Why'),
      ),
    ),
    tbody,
  );
  const more = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => void loadOlder() }, 'Load older parcels');

  const statusFilter = select([{ value: '', label: 'Any status' }, ...STATUSES.map((s) => ({ value: s, label: statusWords(s) }))], '', { name: 'status' });
  const originFilter = select([{ value: '', label: 'Any origin' }], '', { name: 'originCountry' });
  const destinationFilter = select([{ value: '', label: 'Any destination' }], '', { name: 'destinationCountry' });
  const ruleFilter = select([{ value: '', label: 'Any rule' }], '', { name: 'ruleId' });
  const from = h('input', { type: 'date', name: 'receivedFrom' });
  const to = h('input', { type: 'date', name: 'receivedTo' });
  const orderSelect = select([...(seesScore ? [{ value: 'score', label: 'Referrals first, highest score first' }] : []), { value: 'newest', label: 'Referrals first, newest first' }], order, {
    name: 'order',
  });
  const showDestination = ctx.who.role === 'admin' || ctx.who.role === 'post';
  const filtersForm = h(
    'form',
    { class: 'filters', 'aria-label': 'Filters', onsubmit: (e: Event) => e.preventDefault() },
    field('Status', statusFilter),
    field('Origin country', originFilter),
    showDestination ? field('Destination country', destinationFilter) : null,
    field('Rule', ruleFilter),
    field('Received from', from),
    field('Received to', to),
    field('Order', orderSelect),
  );
  filtersForm.addEventListener('change', () => {
    const v = (s: HTMLSelectElement | HTMLInputElement) => s.value || undefined;
    filters.status = v(statusFilter) as ParcelStatus | undefined;
    filters.originCountry = v(originFilter);
    filters.destinationCountry = v(destinationFilter);
    filters.ruleId = v(ruleFilter);
    filters.receivedFrom = v(from);
    filters.receivedTo = v(to);
    const before = serverQuery();
    order = orderSelect.value as SortOrder;
    // The server narrows the listing too: a changed filter starts the list again from its newest page.
    if (serverQuery() !== before) void reload();
    else draw(true);
  });

  ctx.root.append(
    heading,
    live,
    error,
    filtersForm,
    h('section', { 'aria-label': 'Counts per status' }, h('h2', { class: 'sr-only' }, 'Counts per status'), counts),
    scrollRegion('Parcels', table),
    more,
  );

  /** Keeps a select's options in step with what is loaded, keeping the current choice. */
  function refill(s: HTMLSelectElement, values: string[], anyLabel: string): void {
    // Options only grow: a server-side filter narrows what is loaded, and the reader must still be able to pick another.
    const current = s.value;
    const wanted = ['', ...[...new Set([...[...s.options].map((o) => o.value).filter(Boolean), ...values])].sort()];
    if ([...s.options].map((o) => o.value).join('|') === wanted.join('|')) return;
    clear(s);
    for (const v of wanted) s.append(h('option', { value: v }, v || anyLabel));
    s.value = current;
  }

  function row(p: Parcel): HTMLTableRowElement {
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

  function draw(force = false): void {
    const all = [...loaded.values()];
    const opts = filterOptions(all);
    refill(originFilter, opts.origins, 'Any origin');
    refill(destinationFilter, opts.destinations, 'Any destination');
    refill(ruleFilter, opts.rules, 'Any rule');
    const shown = sortQueue(filterQueue(all, filters), order);
    const sig = shown.map(rowSignature).join(',');
    clear(counts);
    for (const [s, n] of countByStatus(all)) {
      if (n === 0 && s === 'RECEIVED') continue;
      counts.append(
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'count',
              'aria-pressed': filters.status === s ? 'true' : 'false',
              onclick: () => ((statusFilter.value = filters.status === s ? '' : s), filtersForm.dispatchEvent(new Event('change'))),
            },
            statusBadge(s),
            h('span', { class: 'n' }, String(n)),
          ),
        ),
      );
    }
    caption.textContent = `${shown.length} of ${all.length} loaded parcel(s) shown${cursor ? '; older parcels not loaded yet' : ''}`;
    more.hidden = !cursor;
    if (!force && sig === signature) return;
    signature = sig;
    // Keep the reader's place: the focused parcel link gets focus back after the redraw.
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.itemId;
    clear(tbody);
    if (shown.length === 0) tbody.append(h('tr', {}, h('td', { colspan: seesScore ? '6' : '5' }, all.length ? 'No loaded parcel matches these filters.' : 'No parcels yet.')));
    for (const p of shown) tbody.append(row(p));
    if (focused) tbody.querySelector<HTMLElement>(`a[data-item-id="${CSS.escape(focused)}"]`)?.focus();
  }

  // The filters the server applies, as one string: what a page request depends on.
  const serverQuery = () => JSON.stringify(listQuery(filters, { seesRules: seesScore, limit: PAGE_SIZE }));
  let generation = 0;

  async function fetchPage(before?: string): Promise<boolean> {
    const mine = generation;
    const r = await ctx.api.listParcels(listQuery(filters, { seesRules: seesScore, limit: PAGE_SIZE, ...(before ? { cursor: before } : {}) }));
    // Dropped when the page was left or the filters changed while it was on its way.
    if (!ctx.alive() || mine !== generation) return false;
    if (!r.ok) {
      error.textContent = `Could not load the parcels: ${problemInWords(r.status, r.problem).summary}`;
      return false;
    }
    error.textContent = '';
    loaded = mergePage(loaded, r.body.items);
    if (before !== undefined || cursor === undefined || loaded.size <= PAGE_SIZE) cursor = r.body.cursor;
    return true;
  }

  async function reload(): Promise<void> {
    generation++;
    loaded = new Map();
    cursor = undefined;
    table.setAttribute('aria-busy', 'true');
    const ok = await fetchPage();
    table.removeAttribute('aria-busy');
    if (ok) {
      draw(true);
      live.textContent = `${loaded.size} parcel(s) match.`;
    }
  }

  async function loadOlder(): Promise<void> {
    if (!cursor) return;
    const before = loaded.size;
    if (await fetchPage(cursor)) {
      draw();
      live.textContent = `${loaded.size - before} older parcel(s) loaded.`;
    }
  }

  table.setAttribute('aria-busy', 'true');
  await fetchPage();
  table.removeAttribute('aria-busy');
  draw(true);
  table.dataset.loaded = 'true';

  const timer = setInterval(async () => {
    const before = loaded.size;
    if (await fetchPage()) {
      draw();
      if (loaded.size > before) live.textContent = `${loaded.size - before} new parcel(s).`;
    }
  }, POLL_MS);
  ctx.onLeave(() => clearInterval(timer));
}
