/// <reference lib="dom" />
// The Rules page's what-if replay in headless Chromium, on `npm start`: traffic to FR (vague gifts, cannabis oil,
// clean parcels and a split shipment) with outcomes on the holds, a stricter ruleset stored through the API; a customs
// officer picks it, starts the replay with the default period, and the page shows the figures GET
// /v1/rule-lab/replays/{id} answers, which match the test's own count, and the changed parcels past the first page
// of 50 through "More"; the destination's past replays listed, one reopened. axe-core and no console error; screenshots in
// test-output/console/.
import { randomBytes } from 'node:crypto';
import { type TrafficKind, replayTraffic, stricterRuleset } from '../fixtures/replay-traffic';
import { ENGINE_VERDICTS } from '../fixtures/risk-declarations';
import { ApiClient } from '../helpers/api-client';
import { axeViolations, screenshots, signIn } from '../helpers/browser';
import { type ChildRuntime, startChildRuntime } from '../helpers/child-runtime';
import { byName, type ConsoleSession, consoleSession, clickWhenReady } from '../helpers/console-session';
import { s10Sequence } from '../helpers/s10';
import { waitFor } from '../helpers/wait';

jest.setTimeout(150_000);

const ADMIN = `ead_test_admin_${randomBytes(16).toString('hex')}`;
const nextId = s10Sequence(74_000_000);
const CANDIDATE = '2099-03-01.1';
const EXTRA_GIFTS = 50;
let rt: ChildRuntime | undefined;
let session: ConsoleSession | undefined;
let api: ApiClient;
let customs: string;
const sent = new Map<string, { kind: TrafficKind; live: string }>();
const TIMEOUT = { timeout: 20_000 };

beforeAll(async () => {
  rt = await startChildRuntime({ adminKey: ADMIN });
  api = new ApiClient(rt.url);
  customs = (await api.createKey(ADMIN, { role: 'customs', country: 'FR' })).key;
  const platform = (await api.createKey(ADMIN, { role: 'platform', tenantId: 'replay-shop' })).key;
  for (const { kind, declaration } of replayTraffic(nextId)) {
    expect((await api.post('/v1/parcels', platform, declaration)).status).toBe(202);
    // Each assessed before the next is sent, as a split shipment's parts arrive.
    const live = await waitFor(
      async () => {
        const s = (await api.get(`/v1/parcels/${declaration.itemId}`, customs)).body?.status;
        return s !== 'RECEIVED' && s;
      },
      `${declaration.itemId} to be assessed`,
      20_000,
      100,
    );
    sent.set(declaration.itemId, { kind, live });
  }
  // More vague gifts, each to its own address (no shared history): more changed parcels than one page of 50.
  const gifts = Array.from({ length: EXTRA_GIFTS }, (_, i) => {
    const d = { ...ENGINE_VERDICTS.INFORMATION_REQUESTED(), itemId: nextId() };
    return { ...d, recipient: { ...d.recipient, address: { ...d.recipient.address, lines: [`${i + 1} rue des Essais`] } } };
  });
  for (let i = 0; i < gifts.length; i += 10) await Promise.all(gifts.slice(i, i + 10).map(async (d) => expect((await api.post('/v1/parcels', platform, d)).status).toBe(202)));
  for (const d of gifts) {
    const live = await waitFor(
      async () => {
        const s = (await api.get(`/v1/parcels/${d.itemId}`, customs)).body?.status;
        return s !== 'RECEIVED' && s;
      },
      `${d.itemId} to be assessed`,
      30_000,
      100,
    );
    sent.set(d.itemId, { kind: 'gift', live });
  }
  const holds = [...sent].filter(([, s]) => s.live === 'HELD_FOR_INSPECTION').map(([id]) => id);
  for (const [i, id] of holds.entries()) {
    const body = i === 0 ? { result: 'FOUND', findings: ['PROHIBITED_OR_RESTRICTED'] } : { result: 'NOTHING_FOUND' };
    expect((await api.post(`/v1/parcels/${id}/outcomes`, customs, body)).status).toBe(201);
  }
  expect((await api.post('/v1/rulesets', ADMIN, { ...stricterRuleset(), rulesetVersion: CANDIDATE })).status).toBe(201);
  session = await consoleSession();
}, 150_000);

afterAll(async () => {
  await session?.close();
  await rt?.stop();
});

const count = (k: TrafficKind) => [...sent.values()].filter((s) => s.kind === k).length;

/** What the page shows of the result: the figures' sentences, the confusion table's cells, the rules, the changes. */
const shown = () => {
  const text = (sel: string) => (document.querySelector(sel) as HTMLElement | null)?.innerText ?? '';
  const rows = [...document.querySelectorAll('table.confusion tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent)));
  const list = (title: string) => [...document.querySelectorAll('.replay-rules .card')].find((c) => c.querySelector('h3')?.textContent === title)?.querySelectorAll('li') ?? [];
  return {
    id: document.querySelector('.replay-headline')?.getAttribute('data-replay-id'),
    headline: text('.replay-headline'),
    holdRate: text('[data-figure=hold-rate]'),
    found: text('[data-figure=found]'),
    avoided: text('[data-figure=avoided]'),
    rows,
    added: [...list('Rules adding holds')].map((li) => (li as HTMLElement).innerText),
    changed: [...document.querySelectorAll('table.changes tbody th a')].map((a) => ({ text: a.textContent, href: a.getAttribute('href') })),
    more: !!document.querySelector('.replay .more button'),
  };
};

describe('the what-if replay on the Rules page', () => {
  it('lets a customs officer replay a stricter ruleset and shows the figures the API answers', async () => {
    const w = await session!.open();
    const { page } = w;
    await signIn(page, rt!.url + '/console', customs);
    await clickWhenReady(page, byName('Rules', 'link'));
    await page.waitForSelector(`select[name=ruleset] option[value="${CANDIDATE}"]`, TIMEOUT);
    await page.waitForSelector('h1[data-drawn="true"]', TIMEOUT);
    await page.select('select[name=ruleset]', CANDIDATE);
    await clickWhenReady(page, byName('Start replay', 'button'));
    await page.waitForSelector('.replay-headline', { timeout: 60_000 });
    const s = await page.evaluate(shown);

    const view = (await api.get(`/v1/rule-lab/replays/${s.id}`, customs)).body;
    expect(view).toMatchObject({ status: 'DONE', destinationCountry: 'FR', ruleset: { rulesetVersion: CANDIDATE } });
    const r = view.result;
    // The API's figures, and the test's own count: gifts become holds, cannabis DO_NOT_LOAD, the rest stays.
    expect(r.parcels).toBe(sent.size);
    expect(r.changed).toBe(count('gift') + count('cannabis'));
    const order = ['RELEASED', 'INFORMATION_REQUESTED', 'HELD_FOR_INSPECTION', 'DO_NOT_LOAD'];
    const apiRows = order.map((cur) => [...order.map((cand) => r.confusion[cur][cand] as number), order.reduce((n, cand) => n + r.confusion[cur][cand], 0)]);
    expect(s.rows).toEqual([...apiRows, [...order.map((cand) => order.reduce((n, cur) => n + r.confusion[cur][cand], 0)), sent.size]]);
    expect(s.rows[1]![2]).toBe(count('gift'));
    expect(s.headline).toContain(`${r.parcels} parcels replayed: ${r.changed} would get another response.`);
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    expect(s.holdRate).toContain(
      `Hold rate ${pct(r.holdRate.current)} → ${pct(r.holdRate.candidate)} (+${(r.holdRate.change * 100).toFixed(1)} pp): ${r.holds.added} holds added, ${r.holds.removed} removed.`,
    );
    expect(r.holdRate.change).toBeCloseTo(count('gift') / sent.size);
    expect(s.found).toContain(`${r.outcomes.found.stillHeld} of ${r.outcomes.found.total} parcels found`);
    expect(r.outcomes.found).toMatchObject({ total: 1, stillHeld: 1 });
    expect(s.avoided).toContain(`${r.outcomes.nothingFound.avoided} of ${r.outcomes.nothingFound.total} inspections`);
    expect(s.added).toEqual(r.topRules.addedHolds.map((x: { ruleId: string; holds: number }) => `${x.ruleId} ${x.holds}`));
    expect(s.added).toEqual([`DESCRIPTION_GENERIC ${count('gift')}`]);
    const first = view.changes.items.map((c: { itemId: string }) => c.itemId);
    expect(s.changed).toEqual(first.map((id: string) => ({ text: id, href: `#/parcels/${id}` })));
    // The next page through "More", with the API's cursor: together every changed parcel, each once.
    expect(first).toHaveLength(50);
    expect(s.more).toBe(true);
    const next = (await api.get(`/v1/rule-lab/replays/${s.id}?cursor=${encodeURIComponent(view.changes.cursor)}`, customs)).body.changes;
    await clickWhenReady(page, byName('More changed parcels', 'button'));
    await page.waitForFunction((n) => document.querySelectorAll('table.changes tbody tr').length === n && !document.querySelector('.replay .more button'), TIMEOUT, r.changed);
    const all = [...first, ...next.items.map((c: { itemId: string }) => c.itemId)];
    expect((await page.evaluate(shown)).changed.map((c) => c.text)).toEqual(all);
    expect(next.cursor).toBeUndefined();
    expect([...all].sort()).toEqual(
      [...sent]
        .filter(([, x]) => x.kind === 'gift' || x.kind === 'cannabis')
        .map(([id]) => id)
        .sort(),
    );

    expect(await axeViolations(page)).toEqual([]);
    await page.$eval('.replay', (e) => e.scrollIntoView());
    await screenshots(page, 'customs-replay');
    expect(w.problems).toEqual([]);
  });

  it('lets admin replay the traffic of the destination it names', async () => {
    const w = await session!.open();
    const { page } = w;
    await signIn(page, rt!.url + '/console', ADMIN);
    await page.goto(rt!.url + '/console#/rules', { waitUntil: 'domcontentloaded' });
    await page.waitForSelector(`select[name=ruleset] option[value="${CANDIDATE}"]`, TIMEOUT);
    await page.waitForSelector('h1[data-drawn="true"]', TIMEOUT);
    await page.select('select[name=ruleset]', CANDIDATE);
    await (await page.waitForSelector('::-p-aria(Replay destination)', TIMEOUT))!.type('fr');
    await clickWhenReady(page, byName('Start replay', 'button'));
    await page.waitForSelector('.replay-headline', { timeout: 60_000 });
    const s = await page.evaluate(shown);
    const view = (await api.get(`/v1/rule-lab/replays/${s.id}`, ADMIN)).body;
    expect(view).toMatchObject({ status: 'DONE', destinationCountry: 'FR' });
    expect(view.result.changed).toBe(count('gift') + count('cannabis'));
    expect(s.headline).toContain(`${CANDIDATE} over FR`);
    expect(s.headline).toContain(`${view.result.parcels} parcels replayed: ${view.result.changed} would get another response.`);
    expect(await axeViolations(page)).toEqual([]);
    expect(w.problems).toEqual([]);
  });

  it("lists the destination's past replays, newest first, and reopens one", async () => {
    const started = await api.post('/v1/rule-lab/replays', customs, { ruleset: CANDIDATE, from: '2020-01-01T00:00:00Z', to: '2020-01-31T23:59:59Z' });
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    await waitFor(async () => (await api.get(`/v1/rule-lab/replays/${id}`, customs)).body?.status === 'DONE', `${id} to be done`, 30_000, 100);
    const listed = (await api.get('/v1/rule-lab/replays?destinationCountry=FR&limit=10', customs)).body.items as { id: string; ruleset: { rulesetVersion: string } }[];
    expect(listed[0]!.id).toBe(id);
    const w = await session!.open();
    const { page } = w;
    await signIn(page, rt!.url + '/console', customs);
    await page.goto(rt!.url + '/console#/rules', { waitUntil: 'domcontentloaded' });
    await page.waitForSelector(`table.past tbody tr[data-replay-id="${id}"]`, TIMEOUT);
    const rows = await page.$$eval('table.past tbody tr', (trs) =>
      trs.map((tr) => ({ id: tr.getAttribute('data-replay-id'), ruleset: tr.querySelector('th')?.textContent, period: (tr.children[2] as HTMLElement).innerText })),
    );
    expect(rows.map((r) => r.id)).toEqual(listed.map((x) => x.id));
    expect(rows[0]).toEqual({ id, ruleset: CANDIDATE, period: '2020-01-01 to 2020-01-31' });
    // The report and rulesets above the list load on their own: a click while they are drawn lands where the button was.
    await page.waitForSelector('h1[data-drawn="true"]', TIMEOUT);
    await clickWhenReady(page, `::-p-aria(Open replay ${id})`);
    await page.waitForSelector(`.replay-headline[data-replay-id="${id}"]`, TIMEOUT);
    // A period without traffic: nothing replayed, nothing changed.
    expect((await page.evaluate(shown)).headline).toContain('0 parcels replayed: 0 would get another response.');
    expect(await axeViolations(page)).toEqual([]);
    expect(w.problems).toEqual([]);
  });

  it('shows a refused replay as a problem with the field it points at', async () => {
    const w = await session!.open();
    const { page } = w;
    await signIn(page, rt!.url + '/console', customs);
    await page.goto(rt!.url + '/console#/rules', { waitUntil: 'domcontentloaded' });
    await page.waitForSelector(`select[name=ruleset] option[value="${CANDIDATE}"]`, TIMEOUT);
    await page.waitForSelector('h1[data-drawn="true"]', TIMEOUT);
    // From after to: the API's 400, its error pointing at /to.
    await page.$eval('input[name=replayFrom]', (e) => ((e as HTMLInputElement).value = '2026-11-20'));
    await page.$eval('input[name=replayTo]', (e) => ((e as HTMLInputElement).value = '2026-11-10'));
    await clickWhenReady(page, byName('Start replay', 'button'));
    const alert = await page.waitForSelector('.replay .problem[role=alert]', TIMEOUT);
    const text = await alert!.evaluate((e) => (e as HTMLElement).innerText);
    expect(text).toMatch(/The replay was not started\./);
    expect(text).toMatch(/\/to/);
    expect(await axeViolations(page)).toEqual([]);
  });
});
