// A problem (RFC 9457) shown in words: what happened, and each error with the field it points at.
import { h } from '../dom';
import { problemInWords } from '../logic/words';
import type { Problem } from '../logic/types';

export function problemBox(lead: string, status: number, problem: Problem | undefined): HTMLElement {
  const { summary, errors } = problemInWords(status, problem);
  return h(
    'div',
    { class: 'problem', role: 'alert' },
    h('p', {}, h('strong', {}, lead), ` ${summary}`, problem?.code ? h('span', { class: 'muted' }, ` (${problem.code}, HTTP ${status})`) : null),
    errors.length ? h('ul', {}, ...errors.map((e) => h('li', {}, h('span', { class: 'k' }, `${e.where} `), h('code', {}, e.pointer || '/'), `: ${e.detail}`))) : null,
  );
}
