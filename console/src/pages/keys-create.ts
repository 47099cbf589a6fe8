// The form that creates an API key: the role, then only the scope that role takes (a country for customs and post, a
// tenant for a platform), and a description. The new key is shown once, in the page's result.
import type { PageContext } from '../app';
import { clear, field, h, select } from '../dom';
import type { CreatedKey } from './keys-list';
import { problemBox } from './problem';

function roleSelect(): HTMLSelectElement {
  return select(
    [
      { value: 'customs', label: 'Customs (one country)' },
      { value: 'post', label: 'Post (one country)' },
      { value: 'platform', label: 'Platform (a tenant)' },
      { value: 'admin', label: 'Admin' },
    ],
    'customs',
    { name: 'role' },
  );
}

/** The form's controls, with the scope fields shown for the chosen role only. */
function keyControls() {
  const role = roleSelect();
  const country = h('input', { name: 'country', maxlength: '2', autocomplete: 'off', class: 'short' });
  const tenant = h('input', { name: 'tenantId', maxlength: '64', autocomplete: 'off' });
  const description = h('input', { name: 'description', maxlength: '256', autocomplete: 'off' });
  const countryField = field('Country', country, 'ISO 3166-1 alpha-2, e.g. FR');
  const tenantField = field('Tenant id', tenant);
  const sync = () => {
    countryField.hidden = !(role.value === 'customs' || role.value === 'post');
    tenantField.hidden = role.value !== 'platform';
  };
  role.addEventListener('change', sync);
  sync();
  const request = (): Record<string, string> => {
    const r: Record<string, string> = { role: role.value };
    if (!countryField.hidden) r.country = country.value.trim().toUpperCase();
    if (!tenantField.hidden) r.tenantId = tenant.value.trim();
    if (description.value.trim()) r.description = description.value.trim();
    return r;
  };
  return { fields: [field('Role', role), countryField, tenantField, field('Description', description)], request };
}

export function createForm(ctx: PageContext, result: HTMLElement, onCreated: (k: CreatedKey) => void): HTMLFormElement {
  const controls = keyControls();
  return h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'create-h',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        clear(result);
        const r = await ctx.api.createKey(controls.request());
        if (!r.ok) return void result.append(problemBox('The key was not created.', r.status, r.problem));
        const scope = r.body.country ?? r.body.tenantId ?? '';
        result.append(h('p', {}, `Key ${r.body.id} (${r.body.role} ${scope}) created. Copy it now: it is shown once.`), h('p', {}, h('code', { class: 'secret' }, r.body.key)));
        onCreated({ id: r.body.id, role: r.body.role, scope, revoked: false });
      },
    },
    h('h2', { id: 'create-h' }, 'Create a key'),
    ...controls.fields,
    h('button', { type: 'submit' }, 'Create key'),
  );
}
