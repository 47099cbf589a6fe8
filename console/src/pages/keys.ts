// Admin: create API keys (each shown once: keys-create.ts) and revoke them by id. The API has no key listing, so the
// keys created in this tab are listed here for revoking, without their secret (keys-list.ts).
import type { PageContext } from '../app';
import { clear, h } from '../dom';
import { createForm } from './keys-create';
import { drawCreatedKeys, markRevoked, remember, revokeForm } from './keys-list';
import { problemBox } from './problem';

export async function keysPage(ctx: PageContext): Promise<void> {
  const result = h('div', { class: 'result', role: 'status', 'aria-live': 'polite' });
  const list = h('div');
  const drawList = () => drawCreatedKeys(list, (id) => void revoke(id));

  async function revoke(id: string): Promise<void> {
    clear(result);
    const r = await ctx.api.revokeKey(id);
    if (!r.ok) return void result.append(problemBox(`${id} was not revoked.`, r.status, r.problem));
    markRevoked(id);
    result.append(h('p', {}, `Key ${id} revoked: it no longer authenticates.`));
    drawList();
  }

  const create = createForm(ctx, result, (k) => {
    remember(k);
    drawList();
  });
  ctx.root.append(
    h('h1', { tabindex: '-1' }, 'API keys'),
    result,
    h(
      'div',
      { class: 'cols two' },
      create,
      revokeForm((id) => void revoke(id)),
    ),
    list,
  );
  drawList();
}
