// The keys created in this tab (the API has no key listing), kept for the tab's life without their secret, listed
// with a Revoke button each; and the form that revokes any key by id.
import { clear, field, h } from '../dom';

export interface CreatedKey {
  id: string;
  role: string;
  scope: string;
  revoked: boolean;
}
const created: CreatedKey[] = [];

export const remember = (k: CreatedKey): void => void created.push(k);

export function markRevoked(id: string): void {
  const k = created.find((c) => c.id === id);
  if (k) k.revoked = true;
}

export function drawCreatedKeys(list: HTMLElement, revoke: (id: string) => void): void {
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
          k.revoked ? null : h('button', { type: 'button', class: 'secondary', 'aria-label': `Revoke ${k.id}`, onclick: () => revoke(k.id) }, 'Revoke'),
        ),
      ),
    ),
  );
}

export function revokeForm(revoke: (id: string) => void): HTMLFormElement {
  const revokeId = h('input', { name: 'id', autocomplete: 'off', required: true });
  return h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'revoke-h',
      onsubmit: (e: Event) => {
        e.preventDefault();
        revoke(revokeId.value.trim());
      },
    },
    h('h2', { id: 'revoke-h' }, 'Revoke a key'),
    field('Key id', revokeId),
    h('button', { type: 'submit' }, 'Revoke key'),
  );
}
