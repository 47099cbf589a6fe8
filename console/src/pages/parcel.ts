// One parcel: its customs response, what to fix (filers) or every hit with its evidence (customs, admin), the
// declaration as a CN 23 with each hit's field highlighted, the history as a timeline, the decision and outcome forms
// (customs of the destination, admin), a corrected declaration (filers), and its webhook deliveries.
import type { PageContext } from '../app';
import { layoutDeclaration, type Annotation, type HsLookup } from '../cn23';
import { append, clear, field, h, scrollRegion, select, status, time, uid } from '../dom';
import { allowedDecisions, FINDINGS, mayAmend, mayDecide, OUTCOME_RESULTS, outcomeRequest, wasHeld } from '../logic/decision';
import { evidenceInWords } from '../logic/evidence';
import { pointerInWords } from '../logic/pointer';
import type { DeliveryAttempt, Hit, Parcel } from '../logic/types';
import { expectedForm, historyInWords, isDataQuality, statusWords } from '../logic/words';
import { statusBadge } from './queue';
import { problemBox } from './problem';
import { clearancesOfParcel, hitClearance } from './clearance-action';

let hsTable: Promise<Record<string, string>> | undefined;
/** The HS 2022 descriptions, fetched once, only by the pages that show a declaration. */
export function hsLookup(base: string): Promise<HsLookup> {
  hsTable ??= fetch(`${base}hs-2022.json`)
    .then((r) => (r.ok ? (r.json() as Promise<Record<string, string>>) : {}))
    .catch(() => ({}));
  return hsTable.then((t) => (code: string) => t[code]);
}

const hitId = (i: number) => `hit-${i + 1}`;

type HitExtra = (hit: Hit) => HTMLElement | null;

function hitsSection(p: Parcel, seesRisk: boolean, itemLink: (itemId: string) => HTMLElement, extra: HitExtra = () => null): HTMLElement | null {
  const hits = p.assessment?.hits ?? [];
  if (seesRisk) {
    return h(
      'section',
      { class: 'card', 'aria-labelledby': 'hits-h' },
      h('h2', { id: 'hits-h' }, `Risk assessment: score ${p.assessment?.score ?? '–'}${p.assessment?.level ? `, ${p.assessment.level}` : ''}`),
      p.assessment?.engineResponse && p.assessment.engineResponse !== p.customsResponse?.code ? h('p', {}, `The engine alone would answer ${statusWords(p.assessment.engineResponse)}.`) : null,
      hits.length === 0
        ? h('p', {}, p.assessment ? 'No rule fired.' : 'Not assessed yet.')
        : h(
            'ol',
            { class: 'hits' },
            ...hits.map((hit, i) =>
              h(
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
              ),
            ),
          ),
    );
  }
  // Filers and posts: what to fix, when there is something (data-quality findings with their pointers).
  if (hits.length === 0 && p.status !== 'INFORMATION_REQUESTED') return null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'fix-h' },
    h('h2', { id: 'fix-h' }, 'What to fix'),
    hits.length === 0
      ? h('p', {}, 'Customs asks for more information: see the reasons above, then send a corrected declaration.')
      : h(
          'ol',
          { class: 'fixes' },
          ...hits.map((hit, i) =>
            h(
              'li',
              { id: hitId(i), tabindex: '-1' },
              h('p', {}, h('span', { class: 'k' }, 'Field: '), `${pointerInWords(hit.pointer)} `, h('code', { class: 'pointer' }, hit.pointer || '/')),
              h('p', {}, h('span', { class: 'k' }, 'Problem: '), hit.message),
              expectedForm(hit.ruleId) ? h('p', {}, h('span', { class: 'k' }, 'Expected: '), expectedForm(hit.ruleId)) : null,
            ),
          ),
        ),
  );
}

function responseSection(p: Parcel): HTMLElement {
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

function timeline(p: Parcel): HTMLElement {
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

export async function parcelPage(ctx: PageContext, itemId = ''): Promise<void> {
  const seesRisk = ctx.who.role === 'customs' || ctx.who.role === 'admin';
  const heading = h('h1', { tabindex: '-1' }, `Parcel ${itemId}`);
  const live = status();
  const body = h('div', { class: 'parcel' });
  ctx.root.append(h('p', {}, h('a', { href: '#/parcels' }, '← Back to the parcels')), heading, live, body);
  const hs = await hsLookup(ctx.base);
  const itemLink = (id: string) => h('a', { href: `#/parcels/${encodeURIComponent(id)}` }, id);

  async function load(): Promise<Parcel | undefined> {
    const r = await ctx.api.parcel(itemId);
    if (!ctx.alive()) return undefined;
    if (!r.ok) {
      clear(body);
      body.append(problemBox(r.status === 404 ? 'No parcel with this item id that this key may see.' : 'Could not load the parcel.', r.status, r.problem));
      return undefined;
    }
    return r.body;
  }

  function draw(p: Parcel, clearances: Awaited<ReturnType<typeof clearancesOfParcel>>): void {
    clear(body);
    heading.textContent = `Parcel ${p.itemId}`;
    const summary = h('p', { class: 'summary' }, statusBadge(p.status), ` version ${p.version} · submitted by ${p.submittedBy} · received `, time(p.receivedAt), ' · updated ', time(p.updatedAt));
    summary.dataset.status = p.status;
    const hits = p.assessment?.hits ?? [];
    const annotations: Annotation[] = hits.map((hit: Hit, i) => ({
      pointer: hit.pointer,
      kind: seesRisk && !isDataQuality(hit.ruleId) ? 'risk' : 'fix',
      text: `${hit.ruleId}: ${hit.message}`,
      ref: hitId(i),
    }));
    const decide = mayDecide(ctx.who, p);
    append(body, [
      summary,
      h(
        'div',
        { class: 'cols' },
        h(
          'div',
          { class: 'col-main' },
          responseSection(p),
          clearances.problem ?? null,
          hitsSection(p, seesRisk, itemLink, (hit) => hitClearance(ctx, p, hit, clearances.items, (m) => (live.textContent = m))),
          h(
            'section',
            { class: 'card', 'aria-labelledby': 'decl-h' },
            h('h2', { id: 'decl-h' }, 'Declaration (CN 23)'),
            p.declaration ? layoutDeclaration(p.declaration, annotations, hs) : h('p', {}, 'Not shown.'),
          ),
        ),
        h(
          'div',
          { class: 'col-side' },
          decide ? decisionForm(ctx, p, reload) : null,
          decide && wasHeld(p.history) ? outcomeForm(ctx, p, reload) : null,
          mayAmend(ctx.who, p) && p.declaration ? correctionForm(ctx, p, reload, live) : null,
          timeline(p),
          deliveriesSection(ctx, p.itemId),
        ),
      ),
    ]);
  }

  async function reload(message?: string): Promise<Parcel | undefined> {
    const p = await load();
    const clearances = p ? await clearancesOfParcel(ctx, p) : { items: [] };
    if (p && ctx.alive()) draw(p, clearances);
    if (message) live.textContent = message;
    return p;
  }

  await reload();
}

function decisionForm(ctx: PageContext, p: Parcel, reload: (m?: string) => Promise<Parcel | undefined>): HTMLElement {
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

function outcomeForm(ctx: PageContext, p: Parcel, reload: (m?: string) => Promise<Parcel | undefined>): HTMLElement {
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

function correctionForm(ctx: PageContext, p: Parcel, reload: (m?: string) => Promise<Parcel | undefined>, live: HTMLElement): HTMLElement {
  const editor = h('textarea', { name: 'declaration', rows: '14', spellcheck: 'false', class: 'code' });
  editor.value = JSON.stringify(p.declaration, null, 2);
  const result = h('div', { class: 'result', role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, 'Send corrected declaration');
  const open = p.status === 'INFORMATION_REQUESTED';
  return h(
    'details',
    { class: 'card', ...(open ? { open: true } : {}) },
    h('summary', {}, 'Correct the declaration'),
    h(
      'form',
      {
        onsubmit: async (e: Event) => {
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
          const version = r.body.version;
          live.textContent = `Version ${version} received; waiting for its assessment…`;
          // Poll until the new version is assessed (or stands under a binding response), then redraw.
          const deadline = Date.now() + 30_000;
          for (;;) {
            const fresh = await ctx.api.parcel(p.itemId);
            if (!ctx.alive()) return;
            const done = fresh.ok && fresh.body.version >= version && fresh.body.history.some((h) => h.type === 'parcel.assessed' && h.version >= version);
            if (done || Date.now() > deadline) {
              await reload(done ? `Version ${version} assessed: ${statusWords(fresh.ok ? fresh.body.status : '')}.` : `Version ${version} is not assessed yet; reload later.`);
              return;
            }
            await new Promise((res) => setTimeout(res, 500));
          }
        },
      },
      field('Corrected declaration JSON', editor, 'Edit the fields named above and send: it is assessed again as a new version.'),
      button,
      result,
    ),
  );
}

function deliveriesSection(ctx: PageContext, itemId: string): HTMLElement {
  const section = h('section', { class: 'card', 'aria-labelledby': 'dlv-h' }, h('h2', { id: 'dlv-h' }, 'Webhook deliveries'), h('p', { class: 'muted' }, 'Loading…'));
  void (async () => {
    const subs = await ctx.api.webhooks();
    if (!ctx.alive()) return;
    section.lastElementChild!.remove();
    if (!subs.ok) return section.append(problemBox('Could not load your webhooks.', subs.status, subs.problem));
    if (subs.body.items.length === 0) return section.append(h('p', {}, 'You have no webhook subscriptions.'));
    const rows: { url: string; a: DeliveryAttempt }[] = [];
    for (const s of subs.body.items.slice(0, 10)) {
      const d = await ctx.api.deliveries(s.id);
      if (d.ok) for (const a of d.body.items) if (a.itemId === itemId) rows.push({ url: s.url, a });
    }
    if (!ctx.alive()) return;
    section.append(rows.length === 0 ? h('p', {}, 'No delivery of this parcel to your webhooks yet.') : deliveriesTable(rows));
  })();
  return section;
}

export function deliveriesTable(rows: { url?: string; a: DeliveryAttempt }[], showItem = false): HTMLElement {
  return scrollRegion(
    'Delivery attempts',
    h(
      'table',
      { class: 'deliveries' },
      h('caption', { class: 'sr-only' }, 'Delivery attempts, newest first'),
      h('thead', {}, h('tr', {}, ...['Attempted', 'Event', ...(showItem ? ['Item id'] : []), 'Attempt', 'Answer', 'Latency', 'Outcome'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...rows.map(({ a }) =>
          h(
            'tr',
            {},
            h('td', { 'data-label': 'Attempted' }, time(a.attemptedAt)),
            h('td', { 'data-label': 'Event' }, a.eventType),
            showItem ? h('td', { 'data-label': 'Item id' }, h('a', { href: `#/parcels/${encodeURIComponent(a.itemId)}`, 'data-item-id': a.itemId }, a.itemId)) : null,
            h('td', { 'data-label': 'Attempt', class: 'num' }, String(a.attempt)),
            h('td', { 'data-label': 'Answer' }, a.statusCode ? `HTTP ${a.statusCode}` : (a.error ?? 'no answer')),
            h('td', { 'data-label': 'Latency', class: 'num' }, `${a.latencyMs} ms`),
            h('td', { 'data-label': 'Outcome' }, a.outcome + (a.nextAttemptAt ? `, next at ${a.nextAttemptAt.slice(11, 19)}` : '') + (a.replay ? ' (replay)' : '')),
          ),
        ),
      ),
    ),
  );
}
