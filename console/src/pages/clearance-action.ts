// On a parcel's page, under a sanctions hit's evidence: "Not the listed party" (customs of the destination, admin)
// asks for a reason and posts the clearance (POST /v1/sanctions/clearances); the hit then shows as cleared (by, at,
// until, reason) with its evidence kept. A hit the engine already cleared (a later parcel of the party) shows the same.
import type { PageContext } from '../app';
import { clear, field, h, time, uid } from '../dom';
import { type Clearance, type ClearedView, clearanceRequest, clearedState, hitEntries, mayClear, partyOfPointer } from '../logic/clearances';
import { mayDecide } from '../logic/decision';
import { pointerInWords } from '../logic/pointer';
import type { Hit, Parcel } from '../logic/types';
import { problemBox } from './problem';

/** The clearances made on this parcel, for its sanctions hits the engine has not marked (one page, newest first). */
export async function clearancesOfParcel(ctx: PageContext, p: Parcel): Promise<{ items: Clearance[]; problem?: HTMLElement }> {
  const hits = (p.assessment?.hits ?? []).filter((hit) => mayClear(hit, clearedState(hit, p.itemId, [])));
  if (hits.length === 0 || !mayDecide(ctx.who, p)) return { items: [] };
  const r = await ctx.api.clearances({ country: ctx.who.role === 'admin' ? p.declaration?.destinationCountry : undefined, limit: 100 });
  if (!r.ok) return { items: [], problem: problemBox('Could not check which hits of this parcel are already cleared.', r.status, r.problem) };
  return { items: r.body.items.filter((c) => c.itemId === p.itemId) };
}

function clearedBlock(view: ClearedView, hit: Hit, fromEngine: boolean, only?: number[]): HTMLElement {
  const points = hit.evidence?.clearedPoints;
  const title = only ? `Cleared for SDN entry ${only.join(', ')}: not the listed party (the other entries still count)` : 'Cleared: not the listed party';
  return h(
    'div',
    { class: 'cleared', tabindex: '-1', 'data-cleared': 'true' },
    h('p', { class: 'cleared-title' }, h('strong', {}, title)),
    h(
      'dl',
      {},
      h('dt', {}, 'Cleared by'),
      h('dd', { 'data-field': 'by' }, `officer key ${view.by}`),
      h('dt', {}, 'At'),
      h('dd', { 'data-field': 'at' }, time(view.at)),
      h('dt', {}, 'Until'),
      h('dd', { 'data-field': 'until' }, time(view.until)),
      h('dt', {}, 'Reason'),
      h('dd', { 'data-field': 'reason' }, view.reason),
    ),
    h(
      'p',
      { class: 'muted' },
      fromEngine
        ? `This hit scores 0 points${typeof points === 'number' ? ` (${points} without the clearance)` : ''}; the evidence is kept.`
        : 'This parcel keeps its response until a decision is recorded; later parcels of this party score this hit 0 until the clearance ends.',
    ),
  );
}

/** One checkbox per entry the hit matched (shown when there are several), all ticked. */
function entryBoxes(entries: { entNum: number; listedName: string }[]): { input: HTMLInputElement; el: HTMLElement }[] {
  return entries.map((e) => {
    const input = h('input', { type: 'checkbox', name: 'entNums', value: String(e.entNum), id: uid('ent'), checked: true });
    return { input, el: h('div', { class: 'check' }, input, h('label', { for: input.id }, `SDN entry ${e.entNum}${e.listedName ? ` "${e.listedName}"` : ''}`)) };
  });
}

/** After the API made the clearances: the hit shown cleared in place of the form, focused, and announced. */
function showMade(wrap: HTMLElement, hit: Hit, itemId: string, made: Clearance[], announce: (message: string) => void): void {
  const whole = clearedState(hit, itemId, made);
  const cleared = whole ?? (made[0] && { by: made[0].by, at: made[0].at, until: made[0].until, reason: made[0].reason });
  clear(wrap);
  if (!cleared) return;
  const block = clearedBlock(cleared, hit, false, whole ? undefined : made.map((c) => c.entNum));
  wrap.append(block);
  block.focus();
  announce(`Hit at ${pointerInWords(hit.pointer)} cleared until ${cleared.until.slice(0, 10)}: not the listed party (${made.map((c) => `SDN entry ${c.entNum}`).join(', ')}).`);
}

/** The clearance part of one hit: cleared, the action to clear it, or nothing. */
export function hitClearance(ctx: PageContext, p: Parcel, hit: Hit, clearances: readonly Clearance[], announce: (message: string) => void): HTMLElement | null {
  const view = clearedState(hit, p.itemId, clearances);
  if (view) return clearedBlock(view, hit, !!hit.evidence?.cleared);
  if (!mayClear(hit, view) || !mayDecide(ctx.who, p)) return null;

  const where = pointerInWords(hit.pointer);
  const wrap = h('div', { class: 'clear-hit' });
  const formId = uid('clear');
  const opener = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-controls': formId, 'aria-label': `Not the listed party (${where})` }, 'Not the listed party');
  const entries = hitEntries(hit);
  const boxes = entryBoxes(entries);
  const reason = h('textarea', { name: 'reason', rows: '3', required: true, maxlength: '1000' });
  const result = h('div', { class: 'result', role: 'status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Clear the hit');
  const cancel = h('button', { type: 'button', class: 'secondary', onclick: () => toggle(false) }, 'Cancel');
  const form = h(
    'form',
    { id: formId, class: 'clear-form', hidden: true, 'aria-label': `Clear the hit at ${where}`, onsubmit: (e: Event) => void send(e) },
    h('p', {}, `Records that the ${partyOfPointer(hit.pointer)} is not the listed party, for the destination country and the region's clearance period. Customs and admin read the reason.`),
    entries.length > 1 ? h('fieldset', {}, h('legend', {}, 'Entries the party is not'), ...boxes.map((b) => b.el)) : null,
    field('Reason', reason, 'What shows the party is not the listed one, e.g. the identity document seen.'),
    h('div', { class: 'actions' }, submit, cancel),
    result,
  );

  function toggle(open: boolean): void {
    form.hidden = !open;
    opener.hidden = open;
    opener.setAttribute('aria-expanded', String(open));
    clear(result);
    (open ? reason : opener).focus();
  }
  opener.addEventListener('click', () => toggle(true));

  async function send(e: Event): Promise<void> {
    e.preventDefault();
    clear(result);
    const ticked = boxes.filter((b) => b.input.checked).map((b) => Number(b.input.value));
    if (entries.length > 1 && ticked.length === 0) return void result.append(h('p', { class: 'error' }, 'Tick at least one entry.'));
    submit.disabled = true;
    const r = await ctx.api.clearHit(clearanceRequest(p.itemId, hit, ticked, reason.value));
    submit.disabled = false;
    if (!ctx.alive()) return;
    if (!r.ok) {
      result.append(problemBox('The clearance was refused.', r.status, r.problem));
      return reason.focus();
    }
    showMade(wrap, hit, p.itemId, r.body.clearances, announce);
  }

  wrap.append(opener, form);
  return wrap;
}
