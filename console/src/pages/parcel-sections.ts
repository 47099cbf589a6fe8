// A parcel's customs response (code, who issued it, the reasons) and its history as a timeline.
import { h, time } from '../dom';
import type { Parcel } from '../logic/types';
import { historyInWords } from '../logic/words';
import { statusBadge } from './queue-table';

export function responseSection(p: Parcel): HTMLElement {
  const r = p.customsResponse;
  return h(
    'section',
    { class: 'card response', 'aria-labelledby': 'resp-h' },
    h('h2', { id: 'resp-h' }, 'Customs response'),
    r
      ? h(
          'div',
          {},
          h(
            'p',
            {},
            statusBadge(r.code),
            ` issued ${r.issuedBy === 'risk-engine' ? 'by the risk engine' : `by officer key ${r.issuedBy}`} at `,
            time(r.issuedAt),
            r.edifact7365 ? ` (EDIFACT 7365: ${r.edifact7365})` : '',
          ),
          r.reasons.length ? h('ul', { class: 'reasons' }, ...r.reasons.map((x) => h('li', {}, x))) : null,
        )
      : h('p', {}, 'No response yet: the parcel awaits its assessment.'),
  );
}

export function timeline(p: Parcel): HTMLElement {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'hist-h' },
    h('h2', { id: 'hist-h' }, 'History'),
    h(
      'ol',
      { class: 'timeline' },
      ...p.history.map((entry) => {
        const { title, details } = historyInWords(entry);
        return h(
          'li',
          { class: `t-${entry.type.replace(/\./g, '-')}` },
          time(entry.at),
          h('p', { class: 't-title' }, title, h('span', { class: 'muted' }, ` · version ${entry.version}`)),
          details.length ? h('ul', {}, ...details.map((d) => h('li', {}, d))) : null,
        );
      }),
    ),
  );
}
