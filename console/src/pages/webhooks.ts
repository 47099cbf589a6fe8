// The key owner's webhook subscriptions and the deliveries log of each (every attempt, newest first).
import type { PageContext } from '../app';
import { h, time } from '../dom';
import { deliveriesTable } from './parcel';
import { problemBox } from './problem';

export async function webhooksPage(ctx: PageContext): Promise<void> {
  ctx.root.append(h('h1', { tabindex: '-1' }, 'Webhooks'));
  const subs = await ctx.api.webhooks();
  if (!ctx.alive()) return;
  if (!subs.ok) return void ctx.root.append(problemBox('Could not load your webhooks.', subs.status, subs.problem));
  if (subs.body.items.length === 0) return void ctx.root.append(h('p', {}, 'No webhook subscriptions yet: create them with POST /v1/webhooks.'));
  for (const s of subs.body.items) {
    const section = h(
      'section',
      { class: 'card', 'aria-labelledby': `wh-${s.id}` },
      h('h2', { id: `wh-${s.id}` }, s.description || s.url),
      h('p', {}, h('code', {}, s.url), ` · ${s.status}${s.disabledReason ? ` (${s.disabledReason})` : ''} · events: ${s.events.join(', ')} · since `, time(s.createdAt)),
    );
    ctx.root.append(section);
    const d = await ctx.api.deliveries(s.id);
    if (!ctx.alive()) return;
    if (!d.ok) section.append(problemBox('Could not load its deliveries.', d.status, d.problem));
    else if (d.body.items.length === 0) section.append(h('p', {}, 'No delivery yet.'));
    else
      section.append(
        h('h3', {}, 'Deliveries'),
        deliveriesTable(
          d.body.items.map((a) => ({ a })),
          true,
        ),
      );
  }
}
