// A filer's corrected declaration, edited as JSON on the parcel's page and sent as a new version; the page waits for
// that version's assessment (or a binding response it stands under), then redraws.
import type { PageContext } from '../app';
import { clear, field, h } from '../dom';
import type { Parcel } from '../logic/types';
import { statusWords } from '../logic/words';
import type { Reload } from './parcel-forms';
import { problemBox } from './problem';

/** Polls the parcel until `version` is assessed (30 s at most), then reloads the page with what became of it. */
async function awaitAssessment(ctx: PageContext, itemId: string, version: number, reload: Reload): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const fresh = await ctx.api.parcel(itemId);
    if (!ctx.alive()) return;
    const done = fresh.ok && fresh.body.version >= version && fresh.body.history.some((h) => h.type === 'parcel.assessed' && h.version >= version);
    if (done || Date.now() > deadline) {
      await reload(done ? `Version ${version} assessed: ${statusWords(fresh.ok ? fresh.body.status : '')}.` : `Version ${version} is not assessed yet; reload later.`);
      return;
    }
    await new Promise((res) => setTimeout(res, 500));
  }
}

export function correctionForm(ctx: PageContext, p: Parcel, reload: Reload, live: HTMLElement): HTMLElement {
  const editor = h('textarea', { name: 'declaration', rows: '14', spellcheck: 'false', class: 'code' });
  editor.value = JSON.stringify(p.declaration, null, 2);
  const result = h('div', { class: 'result', role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, 'Send corrected declaration');
  const open = p.status === 'INFORMATION_REQUESTED';
  const send = async (e: Event) => {
    e.preventDefault();
    clear(result);
    try {
      JSON.parse(editor.value);
    } catch (err) {
      return result.append(h('p', { class: 'error' }, `This is not JSON: ${(err as Error).message}`));
    }
    button.disabled = true;
    const r = await ctx.api.submit(editor.value);
    if (!r.ok) {
      button.disabled = false;
      return result.append(problemBox('The correction was refused.', r.status, r.problem));
    }
    live.textContent = `Version ${r.body.version} received; waiting for its assessment…`;
    await awaitAssessment(ctx, p.itemId, r.body.version, reload);
  };
  return h(
    'details',
    { class: 'card', ...(open ? { open: true } : {}) },
    h('summary', {}, 'Correct the declaration'),
    h('form', { onsubmit: send }, field('Corrected declaration JSON', editor, 'Edit the fields named above and send: it is assessed again as a new version.'), button, result),
  );
}
