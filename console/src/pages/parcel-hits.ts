// A parcel's hits: every hit with its points and evidence in words for customs and admin (the risk assessment), or
// what to fix for filers and posts (data-quality findings with their pointers). Each hit has an id, for the link
// from the field it points at in the CN 23 (its annotation).
import type { Annotation } from '../cn23';
import { h } from '../dom';
import { evidenceInWords } from '../logic/evidence';
import { pointerInWords } from '../logic/pointer';
import type { Hit, Parcel } from '../logic/types';
import { expectedForm, isDataQuality, statusWords } from '../logic/words';

const hitId = (i: number) => `hit-${i + 1}`;

/** What customs adds under a hit (a sanctions clearance), if anything. */
export type HitExtra = (hit: Hit) => HTMLElement | null;

/** The hits as annotations of the declaration's fields, each linked to its hit in the list. */
export function hitAnnotations(p: Parcel, seesRisk: boolean): Annotation[] {
  return (p.assessment?.hits ?? []).map((hit: Hit, i) => ({
    pointer: hit.pointer,
    kind: seesRisk && !isDataQuality(hit.ruleId) ? 'risk' : 'fix',
    text: `${hit.ruleId}: ${hit.message}`,
    ref: hitId(i),
  }));
}

export function hitsSection(p: Parcel, seesRisk: boolean, extra: HitExtra = () => null): HTMLElement | null {
  return seesRisk ? riskSection(p, extra) : fixSection(p);
}

const itemLink = (id: string) => h('a', { href: `#/parcels/${encodeURIComponent(id)}` }, id);

function riskHit(hit: Hit, i: number, extra: HitExtra): HTMLElement {
  return h(
    'li',
    { id: hitId(i), tabindex: '-1', class: hit.critical ? 'critical' : '' },
    h(
      'p',
      { class: 'hit-title' },
      h('strong', {}, hit.ruleId),
      ` — ${hit.points ?? 0} points${hit.critical ? ', critical' : ''}, at ${pointerInWords(hit.pointer)} `,
      h('code', {}, hit.pointer || '/'),
    ),
    h('p', {}, hit.message),
    h('p', { class: 'evidence' }, h('span', { class: 'k' }, 'Evidence: '), ...evidenceInWords(hit).map((s) => (typeof s === 'string' ? s : itemLink(s.itemId)))),
    extra(hit),
  );
}

function riskSection(p: Parcel, extra: HitExtra): HTMLElement {
  const hits = p.assessment?.hits ?? [];
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'hits-h' },
    h('h2', { id: 'hits-h' }, `Risk assessment: score ${p.assessment?.score ?? '–'}${p.assessment?.level ? `, ${p.assessment.level}` : ''}`),
    p.assessment?.engineResponse && p.assessment.engineResponse !== p.customsResponse?.code ? h('p', {}, `The engine alone would answer ${statusWords(p.assessment.engineResponse)}.`) : null,
    hits.length === 0 ? h('p', {}, p.assessment ? 'No rule fired.' : 'Not assessed yet.') : h('ol', { class: 'hits' }, ...hits.map((hit, i) => riskHit(hit, i, extra))),
  );
}

function fixItem(hit: Hit, i: number): HTMLElement {
  return h(
    'li',
    { id: hitId(i), tabindex: '-1' },
    h('p', {}, h('span', { class: 'k' }, 'Field: '), `${pointerInWords(hit.pointer)} `, h('code', { class: 'pointer' }, hit.pointer || '/')),
    h('p', {}, h('span', { class: 'k' }, 'Problem: '), hit.message),
    expectedForm(hit.ruleId) ? h('p', {}, h('span', { class: 'k' }, 'Expected: '), expectedForm(hit.ruleId)) : null,
  );
}

/** Filers and posts: what to fix, when there is something (data-quality findings with their pointers). */
function fixSection(p: Parcel): HTMLElement | null {
  const hits = p.assessment?.hits ?? [];
  if (hits.length === 0 && p.status !== 'INFORMATION_REQUESTED') return null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'fix-h' },
    h('h2', { id: 'fix-h' }, 'What to fix'),
    hits.length === 0
      ? h('p', {}, 'Customs asks for more information: see the reasons above, then send a corrected declaration.')
      : h('ol', { class: 'fixes' }, ...hits.map((hit, i) => fixItem(hit, i))),
  );
}
