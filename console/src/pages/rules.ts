// Customs and admin: how each rule performs against the recorded inspection outcomes (GET /v1/rule-performance),
// the active ruleset beside the shadow one, a chart of found rate per rule, and the rulesets with their activation.
import type { PageContext } from '../app';
import { clear, field, h, scrollRegion, status } from '../dom';
import { problemBox } from './problem';
import { foundRateChart } from './rules-chart';
import { replayPanel } from './rules-replay';

interface Rate {
  rate: number | null;
  interval: { low: number; high: number } | null;
}
interface Row {
  ruleId?: string;
  code?: string;
  parcelsHit: number;
  parcelsHeld: number;
  outcomes: number;
  found: number;
  foundRate: Rate;
  findings: Record<string, number>;
  decisions: number;
  medianHoldToDecisionSeconds: number | null;
}
interface Side {
  parcels: number;
  rulesetVersions: Record<string, number>;
  byRule: Row[];
  byResponse: Row[];
}
interface Report {
  parcels: number;
  unassessed: number;
  active: Side;
  shadow: Side;
  filers: { submittedBy: string; parcels: number; informationRequested: number; informationRequestRate: number | null; amendedWithin24h: number; amendedWithin24hShare: number | null }[];
}
interface Activation {
  version: string;
  at: string;
  by: string;
}
interface RulesetItem {
  version: string;
  scope: string;
  createdAt: string;
  createdBy: string;
  status: { activeIn: string[]; shadowIn: string[] };
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)} %`);
const rateText = (r: Rate) => (r.rate === null ? '–' : `${pct(r.rate)} (${pct(r.interval!.low)}–${pct(r.interval!.high)})`);
const duration = (s: number | null) => (s === null ? '–' : s < 3600 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`);
const versions = (v: Record<string, number>) =>
  Object.entries(v)
    .map(([k, n]) => `${k} (${n})`)
    .join(', ') || 'none';
const day = (d: Date) => d.toISOString().slice(0, 10);
const th = (label: string) => h('th', { scope: 'col' }, label);
const num = (label: string, v: string | number) => h('td', { 'data-label': label, class: 'num' }, v);

/** One row per rule, the active ruleset's figures beside the shadow's. */
function ruleTable(report: Report): HTMLElement {
  const shadow = new Map(report.shadow.byRule.map((r) => [r.ruleId!, r]));
  const ids = [...new Set([...report.active.byRule.map((r) => r.ruleId!), ...shadow.keys()])];
  const active = new Map(report.active.byRule.map((r) => [r.ruleId!, r]));
  const findings = (r?: Row) =>
    (r
      ? Object.entries(r.findings)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')
      : '') || '–';
  const table = h(
    'table',
    { class: 'perf' },
    h('caption', {}, 'Per rule: the active ruleset, and the shadow ruleset beside it (found rate with its Wilson 95 % interval)'),
    h(
      'thead',
      {},
      h('tr', {}, th('Rule'), th('Hit'), th('Held'), th('Outcomes'), th('Found rate'), th('Findings'), th('Median hold → decision'), th('Shadow hit'), th('Shadow held'), th('Shadow found rate')),
    ),
    h(
      'tbody',
      {},
      ...ids.map((id) => {
        const a = active.get(id);
        const s = shadow.get(id);
        return h(
          'tr',
          {},
          h('th', { scope: 'row', 'data-label': 'Rule' }, h('code', {}, id)),
          num('Hit', a?.parcelsHit ?? 0),
          num('Held', a?.parcelsHeld ?? 0),
          num('Outcomes', a?.outcomes ?? 0),
          num('Found rate', a ? rateText(a.foundRate) : '–'),
          h('td', { 'data-label': 'Findings' }, findings(a)),
          num('Median hold → decision', duration(a?.medianHoldToDecisionSeconds ?? null)),
          num('Shadow hit', s?.parcelsHit ?? 0),
          num('Shadow held', s?.parcelsHeld ?? 0),
          num('Shadow found rate', s ? rateText(s.foundRate) : '–'),
        );
      }),
    ),
  );
  return scrollRegion('Rule performance per rule', table);
}

function codeTable(report: Report): HTMLElement {
  const side = (name: string, rows: Row[]) =>
    rows.map((r) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row', 'data-label': 'Response' }, `${r.code} (${name})`),
        num('Parcels', r.parcelsHit),
        num('Outcomes', r.outcomes),
        num('Found rate', rateText(r.foundRate)),
        num('Median hold → decision', duration(r.medianHoldToDecisionSeconds)),
      ),
    );
  const table = h(
    'table',
    { class: 'perf' },
    h('caption', {}, 'Per response code'),
    h('thead', {}, h('tr', {}, th('Response'), th('Parcels'), th('Outcomes'), th('Found rate'), th('Median hold → decision'))),
    h('tbody', {}, ...side('active', report.active.byResponse), ...side('shadow', report.shadow.byResponse)),
  );
  return scrollRegion('Rule performance per response code', table);
}

function filerTable(report: Report): HTMLElement {
  const table = h(
    'table',
    { class: 'perf' },
    h('caption', {}, 'Per filer: information requests, and the share answered by an amendment within 24 h'),
    h('thead', {}, h('tr', {}, th('Filer'), th('Parcels'), th('Information requested'), th('Rate'), th('Amended within 24 h'))),
    h(
      'tbody',
      {},
      ...report.filers.map((f) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', 'data-label': 'Filer' }, f.submittedBy),
          num('Parcels', f.parcels),
          num('Information requested', f.informationRequested),
          num('Rate', pct(f.informationRequestRate)),
          num('Amended within 24 h', pct(f.amendedWithin24hShare)),
        ),
      ),
    ),
  );
  return scrollRegion('Information requests per filer', table);
}

function drawReport(out: HTMLElement, report: Report): void {
  clear(out);
  const chartRows = report.active.byRule
    .filter((r) => r.outcomes > 0)
    .map((r) => ({ label: r.ruleId!, rate: r.foundRate.rate, low: r.foundRate.interval?.low ?? null, high: r.foundRate.interval?.high ?? null, outcomes: r.outcomes }));
  out.append(
    h('p', {}, `${report.parcels} parcels in the period (${report.unassessed} not assessed). Active: ${versions(report.active.rulesetVersions)}. Shadow: ${versions(report.shadow.rulesetVersions)}.`),
    h(
      'section',
      { 'aria-labelledby': 'chart-h', class: 'card' },
      h('h2', { id: 'chart-h' }, 'Found rate per rule'),
      chartRows.length ? foundRateChart(chartRows, 'found-rate') : h('p', { class: 'muted' }, 'No rule has recorded outcomes in this period.'),
    ),
    h('section', { 'aria-labelledby': 'rules-h' }, h('h2', { id: 'rules-h' }, 'Per rule'), ruleTable(report)),
    h('section', { 'aria-labelledby': 'codes-h' }, h('h2', { id: 'codes-h' }, 'Per response code'), codeTable(report)),
    h('section', { 'aria-labelledby': 'filers-h' }, h('h2', { id: 'filers-h' }, 'Per filer'), filerTable(report)),
  );
}

type RulesetListing = { items: RulesetItem[]; scopes: { scope: string; active?: Activation; shadow?: Activation }[]; cursor?: string };

/** GET /v1/rulesets: rulesets are few, so the next pages (a few at most) are read into the first. */
async function listRulesets(ctx: PageContext) {
  const r = await ctx.api.call<RulesetListing>('GET', '/v1/rulesets?limit=100');
  for (let n = 0, c = r.ok ? r.body.cursor : undefined; r.ok && c && n < 10; n++) {
    const more = await ctx.api.call<RulesetListing>('GET', `/v1/rulesets?limit=100&cursor=${encodeURIComponent(c)}`);
    if (!more.ok) break;
    r.body.items.push(...more.body.items);
    c = more.body.cursor;
  }
  return r;
}

/** Where a ruleset runs, in words. */
const where = (i: RulesetItem) =>
  [...i.status.activeIn.map((s) => `active in ${s === '*' ? 'the region' : s}`), ...i.status.shadowIn.map((s) => `shadow in ${s === '*' ? 'the region' : s}`)].join(', ') || '–';

/** The rulesets this key may see, with activation buttons where it may manage the scope. */
async function drawRulesets(ctx: PageContext, out: HTMLElement, listed: (versions: string[]) => void): Promise<void> {
  const r = await listRulesets(ctx);
  if (!ctx.alive()) return;
  clear(out);
  if (!r.ok) return void out.append(problemBox('The rulesets could not be loaded.', r.status, r.problem));
  listed(r.body.items.map((i) => i.version));
  const result = status();
  const manages = (scope: string) => ctx.who.role === 'admin' || (scope !== '*' && scope === ctx.who.country);
  const activate = async (version: string, mode: 'active' | 'shadow') => {
    const a = await ctx.api.call('POST', `/v1/rulesets/${encodeURIComponent(version)}/activate`, { mode });
    if (!a.ok) return void result.append(problemBox(`${version} was not activated.`, a.status, a.problem));
    await drawRulesets(ctx, out, listed);
    const effect = mode === 'active' ? 'are judged by it' : 'are also assessed by it, beside the active ruleset (only the active one answers)';
    out.querySelector('[role=status]')!.textContent = `${version} is now ${mode === 'active' ? 'active' : 'in shadow'}: parcels assessed from now on (within 10 s) ${effect}.`;
  };
  const endShadow = async (version: string) => {
    const a = await ctx.api.call('POST', `/v1/rulesets/${encodeURIComponent(version)}/deactivate`, { mode: 'shadow' });
    if (!a.ok) return void result.append(problemBox(`The shadow run of ${version} was not ended.`, a.status, a.problem));
    await drawRulesets(ctx, out, listed);
    out.querySelector('[role=status]')!.textContent = `${version} no longer runs in shadow: parcels assessed from now on (within 10 s) are judged by the active ruleset alone.`;
  };
  const table = h(
    'table',
    { class: 'perf' },
    h('caption', {}, 'Rulesets: a scope is the region (*) or one destination country'),
    h('thead', {}, h('tr', {}, th('Version'), th('Scope'), th('Stored'), th('Runs'), th('Activate'))),
    h(
      'tbody',
      {},
      ...r.body.items.map((i) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', 'data-label': 'Version' }, h('code', {}, i.version)),
          h('td', { 'data-label': 'Scope' }, i.scope === '*' ? 'region' : i.scope),
          h('td', { 'data-label': 'Stored' }, i.createdBy === 'shipped' ? 'shipped' : `${i.createdAt.slice(0, 10)} by ${i.createdBy}`),
          h('td', { 'data-label': 'Runs' }, where(i)),
          h(
            'td',
            { 'data-label': 'Activate' },
            manages(i.scope)
              ? [
                  h('button', { type: 'button', class: 'secondary', 'aria-label': `Activate ${i.version}`, onclick: () => void activate(i.version, 'active') }, 'Activate'),
                  ' ',
                  h('button', { type: 'button', class: 'secondary', 'aria-label': `Run ${i.version} in shadow`, onclick: () => void activate(i.version, 'shadow') }, 'Shadow'),
                  ...(i.status.shadowIn.length > 0
                    ? [' ', h('button', { type: 'button', class: 'secondary', 'aria-label': `Stop shadow run of ${i.version}`, onclick: () => void endShadow(i.version) }, 'Stop shadow')]
                    : []),
                ]
              : '–',
          ),
        ),
      ),
    ),
  );
  out.append(result, scrollRegion('Rulesets', table));
}

export async function rulesPage(ctx: PageContext): Promise<void> {
  const now = new Date();
  const fromInput = h('input', { type: 'date', name: 'from', required: true, value: day(new Date(now.getTime() - 29 * 86_400_000)) });
  const toInput = h('input', { type: 'date', name: 'to', required: true, value: day(now) });
  const dest = h('input', { name: 'destinationCountry', maxlength: '2', autocomplete: 'off', class: 'short', value: ctx.who.country ?? '' });
  const out = h('div', { 'aria-live': 'polite' });
  const load = async () => {
    const q = new URLSearchParams({ from: fromInput.value, to: toInput.value, ...(dest.value.trim() ? { destinationCountry: dest.value.trim().toUpperCase() } : {}) });
    clear(out);
    out.append(h('p', { class: 'muted' }, 'Counting the parcels of the period…'));
    const r = await ctx.api.call<Report>('GET', `/v1/rule-performance?${q}`);
    if (!ctx.alive()) return;
    if (!r.ok) return void (clear(out), out.append(problemBox('Rule performance could not be computed.', r.status, r.problem)));
    drawReport(out, r.body);
  };
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Period', onsubmit: (e: Event) => (e.preventDefault(), void load()) },
    field('From', fromInput),
    field('To', toInput),
    ctx.who.role === 'admin' ? field('Destination country', dest, 'Empty for every country') : null,
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Show')),
  );
  const rulesets = h('div');
  const replay = replayPanel(ctx);
  const heading = h('h1', { tabindex: '-1' }, 'Rules');
  ctx.root.append(heading, form, out, h('section', { 'aria-labelledby': 'rulesets-h' }, h('h2', { id: 'rulesets-h' }, 'Rulesets'), rulesets), replay.element);
  await Promise.all([load(), drawRulesets(ctx, rulesets, replay.setVersions)]);
  // The report and the rulesets above the replay panel are drawn: what is below them no longer moves.
  heading.dataset.drawn = 'true';
}
