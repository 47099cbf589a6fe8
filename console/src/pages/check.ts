// Checking a declaration before filing it (POST /v1/declarations/check): nothing is stored or queued. Every error and
// every data-quality finding is shown next to its field in the laid-out declaration, and listed with its pointer.
import type { PageContext } from '../app';
import { layoutDeclaration, type Annotation } from '../cn23';
import { clear, field, h } from '../dom';
import { pointerInWords } from '../logic/pointer';
import type { CheckResult, Declaration } from '../logic/types';
import { expectedForm } from '../logic/words';
import { hsLookup } from './parcel';
import { problemBox } from './problem';

export async function checkPage(ctx: PageContext): Promise<void> {
  const input = h('textarea', { name: 'declaration', rows: '16', spellcheck: 'false', class: 'code', required: true });
  const file = h('input', { type: 'file', accept: 'application/json,.json' });
  const out = h('div', { class: 'check-result', role: 'region', 'aria-label': 'Check result' });
  const button = h('button', { type: 'submit' }, 'Check');
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (f) input.value = await f.text();
  });

  const form = h(
    'form',
    {
      class: 'card',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        clear(out);
        let parsed: unknown;
        try {
          parsed = JSON.parse(input.value);
        } catch (err) {
          out.append(h('p', { class: 'error', role: 'alert' }, `This is not JSON: ${(err as Error).message}`));
          return;
        }
        button.disabled = true;
        const r = await ctx.api.check(input.value);
        button.disabled = false;
        if (!ctx.alive()) return;
        if (!r.ok) return void out.append(problemBox('The check failed.', r.status, r.problem));
        out.append(...(await report(ctx, r.body, parsed)));
        (out.querySelector('h2') as HTMLElement | null)?.focus();
      },
    },
    field('Declaration JSON', input, 'Paste one declaration (CONTRACT section 2), or load it from a file below.'),
    field('Or load a JSON file', file),
    button,
  );
  ctx.root.append(
    h('h1', { tabindex: '-1' }, 'Check a declaration'),
    h('p', {}, 'Validates the declaration and runs the data-quality rules, exactly as an information request would judge it. Nothing is stored or sent to customs.'),
    form,
    out,
  );
}

async function report(ctx: PageContext, result: CheckResult, parsed: unknown): Promise<HTMLElement[]> {
  const annotations: Annotation[] = [
    ...result.errors.map((e) => ({ pointer: e.pointer, kind: 'error' as const, text: `${e.code}: ${e.detail}${expectedForm(e.code) ? ` Expected: ${expectedForm(e.code)}` : ''}` })),
    ...result.findings.map((f) => ({ pointer: f.pointer, kind: 'fix' as const, text: `${f.ruleId}: ${f.message}${expectedForm(f.ruleId) ? ` Expected: ${expectedForm(f.ruleId)}` : ''}` })),
  ];
  const verdict = result.valid
    ? result.findings.length
      ? `Valid, with ${result.findings.length} data-quality finding(s): customs would request information.`
      : 'Valid, and no data-quality finding.'
    : `Not valid: ${result.errors.length} error(s)${result.findings.length ? ` and ${result.findings.length} finding(s)` : ''}.`;
  const list = h(
    'ul',
    { class: 'check-list' },
    ...annotations.map((a) => h('li', { class: `note-${a.kind}` }, h('span', { class: 'k' }, `${pointerInWords(a.pointer)} `), h('code', {}, a.pointer || '/'), `: ${a.text}`)),
  );
  const out: HTMLElement[] = [h('h2', { tabindex: '-1', class: result.valid ? 'ok' : 'error' }, verdict)];
  if (annotations.length) out.push(list);
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    out.push(
      h(
        'section',
        { class: 'card', 'aria-label': 'The declaration with its problems' },
        h('h3', {}, 'The declaration, with each problem at its field'),
        layoutDeclaration(parsed as Declaration, annotations, await hsLookup(ctx.base)),
      ),
    );
  }
  return out;
}
