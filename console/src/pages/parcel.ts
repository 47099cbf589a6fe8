// One parcel: its customs response, what to fix (filers) or every hit with its evidence (customs, admin), the
// declaration as a CN 23 with each hit's field highlighted, the history as a timeline, the decision and outcome forms
// (customs of the destination, admin), a corrected declaration (filers), and its webhook deliveries. The sections are
// in parcel-hits.ts, parcel-sections.ts, parcel-forms.ts, parcel-correction.ts and parcel-deliveries.ts.
import type { PageContext } from '../app';
import { layoutDeclaration, type HsLookup } from '../cn23';
import { append, clear, h, status, time } from '../dom';
import { mayAmend, mayDecide, wasHeld } from '../logic/decision';
import type { Parcel } from '../logic/types';
import { clearancesOfParcel, hitClearance } from './clearance-action';
import { correctionForm } from './parcel-correction';
import { deliveriesSection } from './parcel-deliveries';
import { decisionForm, outcomeForm, type Reload } from './parcel-forms';
import { hitAnnotations, hitsSection } from './parcel-hits';
import { responseSection, timeline } from './parcel-sections';
import { problemBox } from './problem';
import { statusBadge } from './queue-table';

export { deliveriesTable } from './parcel-deliveries';

let hsTable: Promise<Record<string, string>> | undefined;
/** The HS 2022 descriptions, fetched once, only by the pages that show a declaration. */
export function hsLookup(base: string): Promise<HsLookup> {
  hsTable ??= fetch(`${base}hs-2022.json`)
    .then((r) => (r.ok ? (r.json() as Promise<Record<string, string>>) : {}))
    .catch(() => ({}));
  return hsTable.then((t) => (code: string) => t[code]);
}

type Clearances = Awaited<ReturnType<typeof clearancesOfParcel>>;

/** What drawing a parcel's page needs. */
interface ParcelView {
  ctx: PageContext;
  seesRisk: boolean;
  hs: HsLookup;
  heading: HTMLElement;
  live: HTMLElement;
  body: HTMLElement;
  reload: Reload;
}

export async function parcelPage(ctx: PageContext, itemId = ''): Promise<void> {
  const heading = h('h1', { tabindex: '-1' }, `Parcel ${itemId}`);
  const live = status();
  const body = h('div', { class: 'parcel' });
  ctx.root.append(h('p', {}, h('a', { href: '#/parcels' }, '← Back to the parcels')), heading, live, body);
  const view: ParcelView = { ctx, seesRisk: ctx.who.role === 'customs' || ctx.who.role === 'admin', hs: await hsLookup(ctx.base), heading, live, body, reload };

  async function reload(message?: string): Promise<Parcel | undefined> {
    const p = await load(ctx, itemId, body);
    const clearances = p ? await clearancesOfParcel(ctx, p) : { items: [] };
    if (p && ctx.alive()) draw(view, p, clearances);
    if (message) live.textContent = message;
    return p;
  }

  await reload();
}

/** The parcel, or undefined when the page was left or the API refused it (then shown in the page's body). */
async function load(ctx: PageContext, itemId: string, body: HTMLElement): Promise<Parcel | undefined> {
  const r = await ctx.api.parcel(itemId);
  if (!ctx.alive()) return undefined;
  if (!r.ok) {
    clear(body);
    body.append(problemBox(r.status === 404 ? 'No parcel with this item id that this key may see.' : 'Could not load the parcel.', r.status, r.problem));
    return undefined;
  }
  return r.body;
}

function draw(v: ParcelView, p: Parcel, clearances: Clearances): void {
  clear(v.body);
  v.heading.textContent = `Parcel ${p.itemId}`;
  const summary = h('p', { class: 'summary' }, statusBadge(p.status), ` version ${p.version} · submitted by ${p.submittedBy} · received `, time(p.receivedAt), ' · updated ', time(p.updatedAt));
  summary.dataset.status = p.status;
  append(v.body, [summary, h('div', { class: 'cols' }, mainColumn(v, p, clearances), sideColumn(v, p))]);
}

/** The response, the hits (or what to fix) and the declaration. */
function mainColumn(v: ParcelView, p: Parcel, clearances: Clearances): HTMLElement {
  return h(
    'div',
    { class: 'col-main' },
    responseSection(p),
    clearances.problem ?? null,
    hitsSection(p, v.seesRisk, (hit) => hitClearance(v.ctx, p, hit, clearances.items, (m) => (v.live.textContent = m))),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'decl-h' },
      h('h2', { id: 'decl-h' }, 'Declaration (CN 23)'),
      p.declaration ? layoutDeclaration(p.declaration, hitAnnotations(p, v.seesRisk), v.hs) : h('p', {}, 'Not shown.'),
    ),
  );
}

/** The forms this key may use on the parcel, its history and its deliveries. */
function sideColumn(v: ParcelView, p: Parcel): HTMLElement {
  const decide = mayDecide(v.ctx.who, p);
  return h(
    'div',
    { class: 'col-side' },
    decide ? decisionForm(v.ctx, p, v.reload) : null,
    decide && wasHeld(p.history) ? outcomeForm(v.ctx, p, v.reload) : null,
    mayAmend(v.ctx.who, p) && p.declaration ? correctionForm(v.ctx, p, v.reload, v.live) : null,
    timeline(p),
    deliveriesSection(v.ctx, p.itemId),
  );
}
