// Customs and admin: the sanctions clearances of the officer's scope (GET /v1/sanctions/clearances, newest first,
// "More clearances" following the cursor), each with the party masked to its initials (the API shows no fingerprint),
// the entry, who, when, until and why, and Revoke with a confirmation (DELETE); a revoked clearance leaves the list.
import type { PageContext } from '../app';
import { append, clear, field, h, scrollRegion, status, time } from '../dom';
import { CLEARANCE_STATUS_WORDS, type Clearance, maskedName, shownInList } from '../logic/clearances';
import { problemBox } from './problem';

const PAGE = 25;
const COLUMNS = ['Party', 'Entry', 'Made on', 'Cleared by', 'At', 'Until', 'Reason', 'Status', 'Action'];
const partyText = (c: Clearance) => `${c.party} ${maskedName(c.partyName)}`;
const named = (c: Clearance) => `the clearance of SDN entry ${c.entNum} for ${partyText(c)}`;

/** One clearance's row; its Revoke asks "Yes, revoke" / "Keep" in place (focus on the answer) before `onRevoke`. */
function row(c: Clearance, admin: boolean, onRevoke: (tr: HTMLTableRowElement, action: HTMLElement) => void): HTMLTableRowElement {
  const action = h('td', { 'data-label': 'Action' });
  const tr = h(
    'tr',
    { 'data-clearance-id': c.id },
    admin ? h('td', { 'data-label': 'Country' }, c.country) : null,
    h('td', { 'data-label': 'Party' }, partyText(c)),
    h('td', { 'data-label': 'Entry' }, `SDN ${c.entNum}`, h('span', { class: 'muted sub' }, `list ${c.listVersion}`)),
    h('td', { 'data-label': 'Made on' }, h('a', { href: `#/parcels/${encodeURIComponent(c.itemId)}` }, c.itemId)),
    h('td', { 'data-label': 'Cleared by' }, c.by),
    h('td', { 'data-label': 'At' }, time(c.at)),
    h('td', { 'data-label': 'Until' }, time(c.until)),
    h('td', { 'data-label': 'Reason', class: 'reason' }, c.reason),
    h('td', { 'data-label': 'Status' }, CLEARANCE_STATUS_WORDS[c.status] ?? c.status),
    action,
  );
  const revoke = h('button', { type: 'button', class: 'secondary', 'aria-label': `Revoke ${named(c)}`, onclick: () => confirm() }, 'Revoke');
  function confirm(): void {
    clear(action);
    const yes = h('button', { type: 'button', class: 'danger', 'aria-label': `Yes, revoke ${named(c)}`, onclick: () => onRevoke(tr, action) }, 'Yes, revoke');
    const keep = h('button', { type: 'button', class: 'secondary', onclick: () => (clear(action), action.append(revoke), revoke.focus()) }, 'Keep');
    action.append(h('p', { class: 'confirm' }, 'Revoke? Later parcels of this party score the hit again.'), h('div', { class: 'actions' }, yes, keep));
    yes.focus();
  }
  action.append(c.status === 'IN_FORCE' ? revoke : h('span', { class: 'muted' }, 'no longer in force'));
  return tr;
}

const intro = (scope: string) =>
  `An officer's finding that a sanctions hit was not the listed party: later parcels of the same party show the hit cleared, with no points, until the clearance expires, is revoked or a list update changes the entry. ${scope}; parties shown by their initials (open the parcel for the declaration).`;

function clearancesTable(admin: boolean, tbody: HTMLTableSectionElement): HTMLTableElement {
  const thead = h('thead', {}, h('tr', {}, ...[...(admin ? ['Country'] : []), ...COLUMNS].map((c) => h('th', { scope: 'col' }, c))));
  return h('table', { class: 'clearances' }, h('caption', { class: 'sr-only' }, 'Sanctions clearances, newest first'), thead, tbody);
}

function countryFilter(input: HTMLInputElement, onSubmit: () => void): HTMLElement {
  return h(
    'form',
    { class: 'filters country-filter', 'aria-label': 'Country filter', onsubmit: (e: Event) => (e.preventDefault(), onSubmit()) },
    field('Country', input, 'ISO 3166-1 alpha-2; empty for every country'),
    h('button', { type: 'submit' }, 'Show'),
  );
}

/** What a revocation changes on the page. */
interface ListView {
  heading: HTMLElement;
  live: HTMLElement;
  problems: HTMLElement;
  settle(): void;
}

/** DELETE after the confirmation: the row leaves, the result is announced, focus goes to the next row (or the heading). */
async function revokeRow(ctx: PageContext, view: ListView, c: Clearance, tr: HTMLTableRowElement, action: HTMLElement): Promise<void> {
  clear(view.problems);
  action.querySelectorAll('button').forEach((b) => (b.disabled = true));
  const r = await ctx.api.revokeClearance(c.id);
  if (!ctx.alive()) return;
  if (!r.ok) {
    action.querySelectorAll('button').forEach((b) => (b.disabled = false));
    return void view.problems.append(problemBox(`${named(c)} was not revoked.`, r.status, r.problem));
  }
  const next = (tr.nextElementSibling ?? tr.previousElementSibling)?.querySelector<HTMLElement>('button, a');
  tr.remove();
  view.settle();
  view.live.textContent = `Revoked ${named(c)}: later parcels of this party score the hit again.`;
  (next ?? view.heading).focus();
}

export async function clearancesPage(ctx: PageContext): Promise<void> {
  const admin = ctx.who.role === 'admin';
  const heading = h('h1', { tabindex: '-1' }, 'Sanctions clearances');
  ctx.root.append(heading);
  if (!admin && ctx.who.role !== 'customs') return void ctx.root.append(h('p', {}, 'Only customs and admin see sanctions clearances.'));
  const live = status();
  const problems = h('div');
  const tbody = h('tbody');
  const empty = h('p', { hidden: true }, 'No clearances stand in this scope.');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'More clearances');
  const country = h('input', { name: 'country', maxlength: '2', autocomplete: 'off', class: 'short' });
  const table = clearancesTable(admin, tbody);
  const wrap = scrollRegion('Sanctions clearances', table);
  append(ctx.root, [
    h('p', {}, intro(admin ? 'Every country' : `Customs ${ctx.who.country}`)),
    admin ? countryFilter(country, () => void restart()) : null,
    live,
    problems,
    h('section', { class: 'card', 'aria-labelledby': 'clr-h' }, h('h2', { id: 'clr-h' }, 'Clearances'), wrap, empty, h('p', { class: 'more' }, more)),
  ]);
  let cursor: string | undefined;
  const view: ListView = {
    heading,
    live,
    problems,
    settle: () => {
      more.hidden = !cursor;
      empty.hidden = tbody.rows.length > 0 || !!cursor;
      wrap.hidden = tbody.rows.length === 0;
    },
  };

  async function loadPage(): Promise<void> {
    more.disabled = true;
    const r = await ctx.api.clearances({ country: admin ? country.value.trim().toUpperCase() : undefined, limit: PAGE, cursor });
    more.disabled = false;
    if (!ctx.alive()) return;
    if (!r.ok) return void problems.append(problemBox('Could not load the clearances.', r.status, r.problem));
    tbody.append(...r.body.items.filter(shownInList).map((c) => row(c, admin, (tr, action) => void revokeRow(ctx, view, c, tr, action))));
    cursor = r.body.cursor;
    view.settle();
    const n = tbody.rows.length;
    live.textContent = `${n} clearance${n === 1 ? '' : 's'} shown${cursor ? '; more are available' : ''}.`;
  }

  async function restart(): Promise<void> {
    clear(tbody);
    clear(problems);
    cursor = undefined;
    await loadPage();
  }

  more.addEventListener('click', () => {
    const before = tbody.rows.length;
    void loadPage().then(() => (tbody.rows[before]?.querySelector('a') ?? (cursor ? more : heading)).focus());
  });
  await loadPage();
}
