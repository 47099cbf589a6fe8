// The parcels a key may see, as a queue: referrals first (held, do not load, information requested), by score or
// newest; filters (queue-filters.ts) and counts over what is loaded (queue-table.ts); refreshed by polling the first
// page (queue-loader.ts) without losing the reader's place (older pages stay, the filters stay, focus stays on the
// same parcel's link).
import { POLL_MS, type PageContext } from '../app';
import { h, scrollRegion, status } from '../dom';
import { filterOptions, filterQueue, sortQueue, type QueueFilters, type SortOrder } from '../logic/queue';
import { type QueueFilterControls, queueFilters } from './queue-filters';
import { QueueLoader } from './queue-loader';
import { QueueTable } from './queue-table';

export { statusBadge } from './queue-table';

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

/** The queue page's parts and state, for the functions below. */
interface Queue {
  ctx: PageContext;
  filters: QueueFilters;
  order: SortOrder;
  loader: QueueLoader;
  list: QueueTable;
  controls: QueueFilterControls;
  live: HTMLElement;
  more: HTMLButtonElement;
}

export async function queuePage(ctx: PageContext): Promise<void> {
  const seesScore = ctx.who.role === 'customs' || ctx.who.role === 'admin';
  const filters: QueueFilters = {};
  const order: SortOrder = seesScore ? 'score' : 'newest';
  const heading = h('h1', { tabindex: '-1' }, title(ctx));
  const error = h('div', { class: 'error', role: 'alert' });
  const q: Queue = {
    ctx,
    filters,
    order,
    loader: new QueueLoader(ctx, filters, seesScore, error),
    list: new QueueTable(seesScore, (s) => q.controls.toggleStatus(s)),
    controls: queueFilters(ctx.who, filters, seesScore, order, (o) => filtersChanged(q, o)),
    live: status(),
    more: h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => void loadOlder(q) }, 'Load older parcels'),
  };
  ctx.root.append(
    heading,
    q.live,
    error,
    q.controls.form,
    h('section', { 'aria-label': 'Counts per status' }, h('h2', { class: 'sr-only' }, 'Counts per status'), q.list.counts),
    scrollRegion('Parcels', q.list.table),
    q.more,
  );
  await firstPage(q);
  poll(q);
}

function draw(q: Queue, force = false): void {
  const all = [...q.loader.loaded.values()];
  q.controls.refill(filterOptions(all));
  q.list.draw(all, sortQueue(filterQueue(all, q.filters), q.order), q.filters.status, !!q.loader.cursor, force);
  q.more.hidden = !q.loader.cursor;
}

function filtersChanged(q: Queue, order: SortOrder): void {
  q.order = order;
  // The server narrows the listing too: a changed filter starts the list again from its newest page.
  if (q.loader.queryChanged()) void reload(q);
  else draw(q, true);
}

async function firstPage(q: Queue): Promise<void> {
  q.list.table.setAttribute('aria-busy', 'true');
  await q.loader.fetchPage();
  q.list.table.removeAttribute('aria-busy');
  draw(q, true);
  q.list.table.dataset.loaded = 'true';
}

async function reload(q: Queue): Promise<void> {
  q.loader.restart();
  q.list.table.setAttribute('aria-busy', 'true');
  const ok = await q.loader.fetchPage();
  q.list.table.removeAttribute('aria-busy');
  if (ok) {
    draw(q, true);
    q.live.textContent = `${q.loader.loaded.size} parcel(s) match.`;
  }
}

async function loadOlder(q: Queue): Promise<void> {
  if (!q.loader.cursor) return;
  const before = q.loader.loaded.size;
  if (await q.loader.fetchPage(q.loader.cursor)) {
    draw(q);
    q.live.textContent = `${q.loader.loaded.size - before} older parcel(s) loaded.`;
  }
}

/** Refreshes the newest page every POLL_MS while the page is shown. */
function poll(q: Queue): void {
  const timer = setInterval(async () => {
    const before = q.loader.loaded.size;
    if (await q.loader.fetchPage()) {
      draw(q);
      if (q.loader.loaded.size > before) q.live.textContent = `${q.loader.loaded.size - before} new parcel(s).`;
    }
  }, POLL_MS);
  q.ctx.onLeave(() => clearInterval(timer));
}
