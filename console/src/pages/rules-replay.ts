// The Rules page's what-if replay panel (customs and admin, as the API): a stored ruleset version over a period of
// real traffic (POST /v1/rule-lab/replays), progress while it runs (GET, polled with a deadline), then the figures
// and the parcels whose response would change, a page at a time; below it the destination's past replays, each to
// reopen (GET /v1/rule-lab/replays).
import type { PageContext } from '../app';
import { clear, field, h, scrollRegion, select, time } from '../dom';
import { ENGINE_RESPONSES, defaultPeriod, movedBy, periodRequest, pollDecision, progressText, type ChangedParcel, type ListedReplay, type ReplayView, resultFigures } from '../logic/replay';
import { statusWords } from '../logic/words';
import { problemBox } from './problem';

const th = (label: string) => h('th', { scope: 'col' }, label);
const num = (label: string, v: string | number) => h('td', { 'data-label': label, class: 'num' }, v);

function confusionTable(view: ReplayView): HTMLElement {
  const f = resultFigures(view.result!);
  const table = h(
    'table',
    { class: 'perf confusion' },
    h('caption', {}, 'Parcels by response: rows the current ruleset, columns the candidate'),
    h('thead', {}, h('tr', {}, th('Current \\ candidate'), ...ENGINE_RESPONSES.map((r) => th(statusWords(r))), th('Total'))),
    h(
      'tbody',
      {},
      ...f.confusion.map((row) =>
        h('tr', {}, h('th', { scope: 'row', 'data-label': 'Current' }, statusWords(row.response)), ...row.cells.map((n, i) => num(statusWords(ENGINE_RESPONSES[i]!), n)), num('Total', row.total)),
      ),
      h('tr', {}, h('th', { scope: 'row', 'data-label': 'Current' }, 'Total'), ...f.columnTotals.map((n, i) => num(statusWords(ENGINE_RESPONSES[i]!), n)), num('Total', view.result!.parcels)),
    ),
  );
  return scrollRegion('Confusion table of the replay', table);
}

function rulesList(title: string, rules: { ruleId: string; holds: number }[]): HTMLElement {
  return h('div', { class: 'card' }, h('h3', {}, title), rules.length ? h('ol', {}, ...rules.map((r) => h('li', {}, h('code', {}, r.ruleId), ` ${r.holds}`))) : h('p', { class: 'muted' }, 'None.'));
}

function changeRows(items: ChangedParcel[]): HTMLElement[] {
  return items.map((c) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row', 'data-label': 'Parcel' }, h('a', { href: `#/parcels/${encodeURIComponent(c.itemId)}` }, c.itemId)),
      h('td', { 'data-label': 'Received' }, time(c.receivedAt)),
      h('td', { 'data-label': 'Current' }, `${statusWords(c.current.response)} (${c.current.score})`),
      h('td', { 'data-label': 'Candidate' }, `${statusWords(c.candidate.response)} (${c.candidate.score})`),
      h('td', { 'data-label': 'Rules' }, movedBy(c)),
    ),
  );
}

/** The changed parcels; "More" reads the next page with the cursor and appends it. */
function changesTable(ctx: PageContext, view: ReplayView): HTMLElement {
  const tbody = h('tbody', {}, ...changeRows(view.changes?.items ?? []));
  const more = h('div', { class: 'more' });
  const drawMore = (cursor: string | undefined) => {
    clear(more);
    if (!cursor) return;
    const button = h('button', { type: 'button', class: 'secondary', onclick: () => void next(cursor, button) }, 'More changed parcels');
    more.append(button);
  };
  const next = async (cursor: string, button: HTMLButtonElement) => {
    button.disabled = true;
    const r = await ctx.api.call<ReplayView>('GET', `/v1/rule-lab/replays/${encodeURIComponent(view.id)}?cursor=${encodeURIComponent(cursor)}`);
    if (!ctx.alive()) return;
    if (!r.ok) return void (clear(more), more.append(problemBox('The next changed parcels could not be read.', r.status, r.problem)));
    tbody.append(...changeRows(r.body.changes?.items ?? []));
    drawMore(r.body.changes?.cursor);
  };
  drawMore(view.changes?.cursor);
  const table = h(
    'table',
    { class: 'perf changes' },
    h('caption', {}, 'Parcels whose response would change (score in brackets), in order of receipt'),
    h('thead', {}, h('tr', {}, th('Parcel'), th('Received'), th('Current'), th('Candidate'), th('Rules weighing'))),
    tbody,
  );
  return h('div', {}, scrollRegion('Changed parcels', table), more);
}

function drawResult(ctx: PageContext, out: HTMLElement, view: ReplayView): void {
  const f = resultFigures(view.result!);
  clear(out);
  out.append(
    h(
      'p',
      { class: 'replay-headline', 'data-replay-id': view.id },
      `Replay ${view.id}: ${view.ruleset.rulesetVersion} over ${view.destinationCountry}, ${view.from.slice(0, 10)} to ${view.to.slice(0, 10)} (current: ${view.result!.currentRulesetVersions.join(', ') || '–'}). `,
      f.headline,
    ),
    h('ul', { class: 'replay-figures' }, h('li', { 'data-figure': 'hold-rate' }, f.holdRate), h('li', { 'data-figure': 'found' }, f.found), h('li', { 'data-figure': 'avoided' }, f.avoided)),
    confusionTable(view),
    h('div', { class: 'replay-rules' }, rulesList('Rules adding holds', view.result!.topRules.addedHolds), rulesList('Rules removing holds', view.result!.topRules.removedHolds)),
    h('h3', {}, 'Changed parcels'),
    changesTable(ctx, view),
  );
}

/** Polls the replay until it is done, the page is left, or the deadline passes. */
async function follow(ctx: PageContext, out: HTMLElement, progress: HTMLProgressElement, id: string, latest: () => boolean): Promise<void> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  ctx.onLeave(() => clearTimeout(timer));
  for (let polls = 0; ; polls++) {
    const r = await ctx.api.call<ReplayView>('GET', `/v1/rule-lab/replays/${encodeURIComponent(id)}`);
    // Left the page, or started another replay: this one's answers are no longer drawn.
    if (!ctx.alive() || !latest()) return;
    if (!r.ok) return void (clear(out), out.append(problemBox('The replay could not be read.', r.status, r.problem)));
    const decision = pollDecision(r.body.status, polls, Date.now() - started);
    if (decision.next === 'show') return drawResult(ctx, out, r.body);
    progress.max = Math.max(1, r.body.progress.parcelsTotal);
    progress.value = r.body.progress.parcelsDone;
    out.querySelector('.replay-progress-text')!.textContent = progressText(r.body.progress);
    if (decision.next === 'give-up') return void out.append(h('p', { class: 'problem', role: 'alert' }, `The replay ${id} is still running; come back to it later.`));
    await new Promise<void>((resolve) => (timer = setTimeout(resolve, decision.delayMs)));
    if (!ctx.alive() || !latest()) return;
  }
}

/** The destination's last replays, newest first; "Open" shows one in the panel as if it had just been started. */
function pastReplays(ctx: PageContext, destination: () => string, open: (id: string) => void): { element: HTMLElement; reload: () => Promise<void> } {
  const list = h('div', { class: 'past-replays' });
  let asked = 0;
  const reload = async () => {
    const mine = ++asked;
    const country = destination();
    if (!/^[A-Z]{2}$/.test(country)) return void (clear(list), list.append(h('p', { class: 'muted' }, 'Name a destination to list its replays.')));
    const r = await ctx.api.call<{ items: ListedReplay[] }>('GET', `/v1/rule-lab/replays?destinationCountry=${country}&limit=10`);
    // A later reload (another destination, a replay just started) answers instead: an earlier answer never overwrites it.
    if (!ctx.alive() || mine !== asked) return;
    clear(list);
    if (!r.ok) return void list.append(problemBox('The past replays could not be listed.', r.status, r.problem));
    if (r.body.items.length === 0) return void list.append(h('p', { class: 'muted' }, `No replays of ${country} yet.`));
    const rows = r.body.items.map((x) =>
      h(
        'tr',
        { 'data-replay-id': x.id },
        h('td', { 'data-label': 'Started' }, time(x.createdAt)),
        h('th', { scope: 'row', 'data-label': 'Ruleset' }, x.ruleset.rulesetVersion),
        h('td', { 'data-label': 'Period' }, `${x.from.slice(0, 10)} to ${x.to.slice(0, 10)}`),
        h('td', { 'data-label': 'Replay' }, h('button', { type: 'button', class: 'secondary', 'aria-label': `Open replay ${x.id}`, onclick: () => open(x.id) }, 'Open')),
      ),
    );
    const table = h(
      'table',
      { class: 'perf past' },
      h('caption', {}, `The last replays of ${country}, newest first`),
      h('thead', {}, h('tr', {}, th('Started'), th('Ruleset'), th('Period'), th('Replay'))),
      h('tbody', {}, ...rows),
    );
    list.append(scrollRegion('Past replays', table));
  };
  return { element: h('div', {}, h('h3', {}, 'Past replays'), list), reload };
}

/** The panel; `setVersions` fills the ruleset choice once the page has listed the rulesets. */
export function replayPanel(ctx: PageContext): { element: HTMLElement; setVersions: (versions: string[]) => void } {
  const period = defaultPeriod(new Date());
  const version = select([], '', { name: 'ruleset', required: true });
  const fromInput = h('input', { type: 'date', name: 'replayFrom', required: true, value: period.from });
  const toInput = h('input', { type: 'date', name: 'replayTo', required: true, value: period.to });
  const dest = h('input', { name: 'replayDestination', maxlength: '2', autocomplete: 'off', class: 'short', required: true, value: ctx.who.country ?? '' });
  const out = h('div', { class: 'replay-out', 'aria-live': 'polite' });
  let runs = 0;
  /** Shows a replay: its progress until it is done, then its result (the latest one asked for wins). */
  const show = async (run: number, id: string, what: 'started' | 'opened') => {
    clear(out);
    const progress = h('progress', { max: 1, value: 0, 'aria-label': 'Replay progress' });
    out.append(h('p', {}, `Replay ${id} ${what}. `, h('span', { class: 'replay-progress-text' }, what === 'started' ? 'Listing the parcels of the period…' : 'Reading it…')), progress);
    await follow(ctx, out, progress, id, () => run === runs);
  };
  const past = pastReplays(
    ctx,
    () => dest.value.trim().toUpperCase(),
    (id) => void show(++runs, id, 'opened'),
  );
  const start = async () => {
    const run = ++runs;
    clear(out);
    const body = { ruleset: version.value, ...periodRequest(fromInput.value, toInput.value), ...(ctx.who.role === 'admin' ? { destinationCountry: dest.value.trim().toUpperCase() } : {}) };
    const r = await ctx.api.call<{ id: string }>('POST', '/v1/rule-lab/replays', body);
    if (!ctx.alive() || run !== runs) return;
    if (!r.ok) return void out.append(problemBox('The replay was not started.', r.status, r.problem));
    void past.reload();
    await show(run, r.body.id, 'started');
  };
  dest.addEventListener('change', () => void past.reload());
  void past.reload();
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'What-if replay', onsubmit: (e: Event) => (e.preventDefault(), void start()) },
    field('Ruleset', version),
    field('Replay from', fromInput),
    field('Replay to', toInput),
    ctx.who.role === 'admin' ? field('Replay destination', dest, 'The destination country whose traffic is replayed') : null,
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Start replay')),
  );
  const element = h(
    'section',
    { 'aria-labelledby': 'replay-h', class: 'replay' },
    h('h2', { id: 'replay-h' }, 'What-if replay'),
    h('p', { class: 'muted' }, 'Runs a stored ruleset over the period’s real traffic with the same engine as live; no parcel changes, no event is sent.'),
    form,
    out,
    past.element,
  );
  const setVersions = (versions: string[]) => {
    const keep = version.value;
    clear(version);
    version.append(...versions.map((v) => h('option', { value: v }, v)));
    if (versions.includes(keep)) version.value = keep;
  };
  return { element, setVersions };
}
