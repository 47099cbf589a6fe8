// The webhook deliveries of one parcel to the signed-in key's subscriptions (its first ten), and the table of
// delivery attempts the webhooks page shows too.
import type { PageContext } from '../app';
import { h, scrollRegion, time } from '../dom';
import type { DeliveryAttempt } from '../logic/types';
import { problemBox } from './problem';

export function deliveriesSection(ctx: PageContext, itemId: string): HTMLElement {
  const section = h('section', { class: 'card', 'aria-labelledby': 'dlv-h' }, h('h2', { id: 'dlv-h' }, 'Webhook deliveries'), h('p', { class: 'muted' }, 'Loading…'));
  void (async () => {
    const subs = await ctx.api.webhooks();
    if (!ctx.alive()) return;
    section.lastElementChild!.remove();
    if (!subs.ok) return section.append(problemBox('Could not load your webhooks.', subs.status, subs.problem));
    if (subs.body.items.length === 0) return section.append(h('p', {}, 'You have no webhook subscriptions.'));
    const rows: { url: string; a: DeliveryAttempt }[] = [];
    for (const s of subs.body.items.slice(0, 10)) {
      const d = await ctx.api.deliveries(s.id);
      if (d.ok) for (const a of d.body.items) if (a.itemId === itemId) rows.push({ url: s.url, a });
    }
    if (!ctx.alive()) return;
    section.append(rows.length === 0 ? h('p', {}, 'No delivery of this parcel to your webhooks yet.') : deliveriesTable(rows));
  })();
  return section;
}

function attemptRow(a: DeliveryAttempt, showItem: boolean): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('td', { 'data-label': 'Attempted' }, time(a.attemptedAt)),
    h('td', { 'data-label': 'Event' }, a.eventType),
    showItem ? h('td', { 'data-label': 'Item id' }, h('a', { href: `#/parcels/${encodeURIComponent(a.itemId)}`, 'data-item-id': a.itemId }, a.itemId)) : null,
    h('td', { 'data-label': 'Attempt', class: 'num' }, String(a.attempt)),
    h('td', { 'data-label': 'Answer' }, a.statusCode ? `HTTP ${a.statusCode}` : (a.error ?? 'no answer')),
    h('td', { 'data-label': 'Latency', class: 'num' }, `${a.latencyMs} ms`),
    h('td', { 'data-label': 'Outcome' }, a.outcome + (a.nextAttemptAt ? `, next at ${a.nextAttemptAt.slice(11, 19)}` : '') + (a.replay ? ' (replay)' : '')),
  );
}

export function deliveriesTable(rows: { url?: string; a: DeliveryAttempt }[], showItem = false): HTMLElement {
  return scrollRegion(
    'Delivery attempts',
    h(
      'table',
      { class: 'deliveries' },
      h('caption', { class: 'sr-only' }, 'Delivery attempts, newest first'),
      h('thead', {}, h('tr', {}, ...['Attempted', 'Event', ...(showItem ? ['Item id'] : []), 'Attempt', 'Answer', 'Latency', 'Outcome'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...rows.map(({ a }) => attemptRow(a, showItem))),
    ),
  );
}
