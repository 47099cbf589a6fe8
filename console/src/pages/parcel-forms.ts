// The forms of customs of the destination (and admin) on a parcel's page: a decision (the codes its status allows,
// with a reason), and the outcome of an inspection after a hold (result, findings, notes).
import type { PageContext } from '../app';
import { clear, field, h, select, uid } from '../dom';
import { allowedDecisions, FINDINGS, OUTCOME_RESULTS, outcomeRequest } from '../logic/decision';
import type { Parcel } from '../logic/types';
import { statusWords } from '../logic/words';
import { problemBox } from './problem';

/** Loads the parcel again and redraws its page, then announces `message`. */
export type Reload = (message?: string) => Promise<Parcel | undefined>;

export function decisionForm(ctx: PageContext, p: Parcel, reload: Reload): HTMLElement {
  const codes = allowedDecisions(p.status);
  if (codes.length === 0)
    return h('section', { class: 'card', 'aria-labelledby': 'dec-h' }, h('h2', { id: 'dec-h' }, 'Decision'), h('p', {}, `${statusWords(p.status)}: this decision is final; no other can be recorded.`));
  const decision = select([{ value: '', label: 'Choose a decision…' }, ...codes.map((c) => ({ value: c, label: statusWords(c) }))], '', { name: 'code', required: true });
  const reason = h('textarea', { name: 'reason', rows: '3', required: true, maxlength: '1000' });
  const result = h('div', { class: 'result', role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, 'Record decision');
  const form = h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'dec-h',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        clear(result);
        if (!decision.value) return result.append(h('p', { class: 'error' }, 'Choose a decision.'));
        if (!reason.value.trim()) return result.append(h('p', { class: 'error' }, 'Give a reason: the filer and the posts read it.'));
        button.disabled = true;
        const r = await ctx.api.decide(p.itemId, decision.value, reason.value.trim());
        button.disabled = false;
        if (!r.ok) return result.append(problemBox('The decision was refused.', r.status, r.problem));
        await reload(`Decision recorded: ${statusWords(r.body.code)}.`);
      },
    },
    h('h2', { id: 'dec-h' }, 'Record a decision'),
    field('Decision', decision),
    field('Reason', reason, 'Shown to the filer and the posts.'),
    button,
    result,
  );
  return form;
}

export function outcomeForm(ctx: PageContext, p: Parcel, reload: Reload): HTMLElement {
  const outcome = select([{ value: '', label: 'Choose an outcome…' }, ...OUTCOME_RESULTS.map((o) => ({ value: o.value, label: o.label }))], '', { name: 'result', required: true });
  const boxes = FINDINGS.map((f) => {
    const input = h('input', { type: 'checkbox', name: 'findings', value: f.value, id: uid('finding') });
    return { input, el: h('div', { class: 'check' }, input, h('label', { for: input.id }, f.label)) };
  });
  const notes = h('textarea', { name: 'notes', rows: '3', maxlength: '2000' });
  const result = h('div', { class: 'result', role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, 'Record outcome');
  return h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'out-h',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        clear(result);
        const req = outcomeRequest({ result: outcome.value, findings: boxes.filter((b) => b.input.checked).map((b) => b.input.value), notes: notes.value });
        if (!req.ok) return result.append(h('p', { class: 'error' }, req.problem));
        button.disabled = true;
        const r = await ctx.api.recordOutcome(p.itemId, req.body);
        button.disabled = false;
        if (!r.ok) return result.append(problemBox('The outcome was refused.', r.status, r.problem));
        await reload(`Outcome recorded: ${r.body.result === 'FOUND' ? 'found' : 'nothing found'}.`);
      },
    },
    h('h2', { id: 'out-h' }, 'Inspection outcome'),
    field('Outcome', outcome),
    h('fieldset', {}, h('legend', {}, 'Findings'), ...boxes.map((b) => b.el)),
    field('Notes', notes),
    button,
    result,
  );
}
