// Admin: create API keys (each shown once) and revoke them by id. The API has no key listing, so the keys created
// in this tab are listed here for revoking, without their secret.
import type { PageContext } from '../app';
import { clear, field, h, select } from '../dom';
import { problemBox } from './problem';

interface Created {
  id: string;
  role: string;
  scope: string;
  revoked: boolean;
}
const created: Created[] = [];

export async function keysPage(ctx: PageContext): Promise<void> {
  const role = select(
    [
      { value: 'customs', label: 'Customs (one country)' },
      { value: 'post', label: 'Post (one country)' },
      { value: 'platform', label: 'Platform (a tenant)' },
      { value: 'admin', label: 'Admin' },
    ],
    'customs',
    { name: 'role' },
  );
  const country = h('input', { name: 'country', maxlength: '2', autocomplete: 'off', class: 'short' });
  const tenant = h('input', { name: 'tenantId', maxlength: '64', autocomplete: 'off' });
  const description = h('input', { name: 'description', maxlength: '256', autocomplete: 'off' });
  const countryField = field('Country', country, 'ISO 3166-1 alpha-2, e.g. FR');
  const tenantField = field('Tenant id', tenant);
  const result = h('div', { class: 'result', role: 'status', 'aria-live': 'polite' });
  const list = h('div');
  const sync = () => {
    countryField.hidden = !(role.value === 'customs' || role.value === 'post');
    tenantField.hidden = role.value !== 'platform';
  };
  role.addEventListener('change', sync);
  sync();

  const drawList = () => {
    clear(list);
    if (created.length === 0) return;
    list.append(
      h('h2', {}, 'Keys created in this tab'),
      h(
        'ul',
        { class: 'keys' },
        ...created.map((k) =>
          h(
            'li',
            {},
            h('code', {}, k.id),
            ` ${k.role} ${k.scope}${k.revoked ? ' — revoked' : ''} `,
            k.revoked ? null : h('button', { type: 'button', class: 'secondary', 'aria-label': `Revoke ${k.id}`, onclick: () => void revoke(k.id) }, 'Revoke'),
          ),
        ),
      ),
    );
  };

  async function revoke(id: string): Promise<void> {
    clear(result);
    const r = await ctx.api.revokeKey(id);
    if (!r.ok) return void result.append(problemBox(`${id} was not revoked.`, r.status, r.problem));
    const k = created.find((c) => c.id === id);
    if (k) k.revoked = true;
    result.append(h('p', {}, `Key ${id} revoked: it no longer authenticates.`));
    drawList();
  }

  const createForm = h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'create-h',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        clear(result);
        const request: Record<string, string> = { role: role.value };
        if (!countryField.hidden) request.country = country.value.trim().toUpperCase();
        if (!tenantField.hidden) request.tenantId = tenant.value.trim();
        if (description.value.trim()) request.description = description.value.trim();
        const r = await ctx.api.createKey(request);
        if (!r.ok) return void result.append(problemBox('The key was not created.', r.status, r.problem));
        const scope = r.body.country ?? r.body.tenantId ?? '';
        created.push({ id: r.body.id, role: r.body.role, scope, revoked: false });
        result.append(h('p', {}, `Key ${r.body.id} (${r.body.role} ${scope}) created. Copy it now: it is shown once.`), h('p', {}, h('code', { class: 'secret' }, r.body.key)));
        drawList();
      },
    },
    h('h2', { id: 'create-h' }, 'Create a key'),
    field('Role', role),
    countryField,
    tenantField,
    field('Description', description),
    h('button', { type: 'submit' }, 'Create key'),
  );

  const revokeId = h('input', { name: 'id', autocomplete: 'off', required: true });
  const revokeForm = h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'revoke-h',
      onsubmit: (e: Event) => {
        e.preventDefault();
        void revoke(revokeId.value.trim());
      },
    },
    h('h2', { id: 'revoke-h' }, 'Revoke a key'),
    field('Key id', revokeId),
    h('button', { type: 'submit' }, 'Revoke key'),
  );

  ctx.root.append(h('h1', { tabindex: '-1' }, 'API keys'), result, h('div', { class: 'cols two' }, createForm, revokeForm), list);
  drawList();
}
