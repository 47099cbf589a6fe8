/// <reference lib="dom" />
// The console's Rules page in headless Chromium, on `npm start`: a customs officer reads rule performance (the table
// and the found-rate chart with its intervals) over outcomes recorded through the API; admin runs a stored ruleset in
// shadow from the page. axe-core and no console error on each page; screenshots in test-output/console/.
import { randomBytes } from 'node:crypto';
import { ENGINE_VERDICTS } from '../fixtures/risk-declarations';
import { ApiClient } from '../helpers/api-client';
import { signIn } from '../helpers/browser';
import { type ChildRuntime, startChildRuntime } from '../helpers/child-runtime';
import { byName, checkPage, type ConsoleSession, consoleSession, clickWhenReady } from '../helpers/console-session';
import { s10Sequence } from '../helpers/s10';

jest.setTimeout(120_000);

const ADMIN = `ead_test_admin_${randomBytes(16).toString('hex')}`;
const nextId = s10Sequence(72_000_000);
const CANDIDATE = '2026-12-11.1';
let rt: ChildRuntime | undefined;
let session: ConsoleSession | undefined;
let api: ApiClient;
let customs: string;
const TIMEOUT = { timeout: 20_000 };

beforeAll(async () => {
  rt = await startChildRuntime({ adminKey: ADMIN });
  api = new ApiClient(rt.url);
  customs = (await api.createKey(ADMIN, { role: 'customs', country: 'FR' })).key;
  const platform = (await api.createKey(ADMIN, { role: 'platform', tenantId: 'rules-shop' })).key;
  const held = [nextId(), nextId(), nextId()];
  for (const itemId of [...held, nextId()])
    expect((await api.post('/v1/parcels', platform, { ...(held.includes(itemId) ? ENGINE_VERDICTS.HELD_FOR_INSPECTION() : ENGINE_VERDICTS.RELEASED()), itemId })).status).toBe(202);
  await api.awaitAssessed(held, ADMIN);
  const results = ['FOUND', 'FOUND', 'NOTHING_FOUND'];
  for (const [i, itemId] of held.entries()) {
    const body = results[i] === 'FOUND' ? { result: 'FOUND', findings: ['PROHIBITED_OR_RESTRICTED'] } : { result: 'NOTHING_FOUND' };
    expect((await api.post(`/v1/parcels/${itemId}/outcomes`, customs, body)).status).toBe(201);
  }
  const shipped = (await api.get('/v1/rulesets', ADMIN)).body.items[0].version;
  const document = (await api.get(`/v1/rulesets/${shipped}`, ADMIN)).body.document;
  expect((await api.post('/v1/rulesets', ADMIN, { ...document, rulesetVersion: CANDIDATE })).status).toBe(201);
  session = await consoleSession();
}, 120_000);

afterAll(async () => {
  await session?.close();
  await rt?.stop();
});

const open = () => session!.open();

describe('the Rules page', () => {
  it('shows a customs officer each rule against the outcomes: the table and the found-rate chart with its interval', async () => {
    const w = await open();
    const { page } = w;
    await signIn(page, rt!.url + '/console', customs);
    await clickWhenReady(page, byName('Rules', 'link'));
    await page.waitForSelector('svg.chart', TIMEOUT);

    // The held parcels' outcomes: 2 FOUND of 3, Wilson 95 % interval 20.8 %–93.9 %.
    const table = await page.$eval('table.perf', (e) => (e as HTMLElement).innerText);
    expect(table).toMatch(/66\.7 % \(20\.8 %–93\.9 %\)/);
    expect(table).toMatch(/PROHIBITED_OR_RESTRICTED 2/);
    const chart = await page.$eval('svg.chart', (svg) => ({
      role: svg.getAttribute('role'),
      title: svg.querySelector('title')?.textContent,
      desc: svg.querySelector('desc')?.textContent,
      bars: svg.querySelectorAll('rect.bar').length,
    }));
    expect(chart).toMatchObject({ role: 'img', title: 'Found rate per rule', desc: expect.stringMatching(/67 % \(95 % interval 21 %–94 %, 3 outcomes\)/) });
    expect(chart.bars).toBeGreaterThan(0);
    expect(await page.$(byName(`Activate ${CANDIDATE}`, 'button'))).toBeNull(); // the region's rulesets are admin's to activate
    await checkPage(w, 'customs-rules');
  });

  it('lets admin run a stored ruleset in shadow from the page', async () => {
    const w = await open();
    const { page } = w;
    await signIn(page, rt!.url + '/console', ADMIN);
    await page.goto(rt!.url + '/console#/rules', { waitUntil: 'domcontentloaded' });
    await clickWhenReady(page, byName(`Run ${CANDIDATE} in shadow`, 'button'));
    await page.waitForFunction((v) => new RegExp(`${v} is now in shadow`).test(document.body.innerText), TIMEOUT, CANDIDATE);

    const state = (await api.get('/v1/rulesets', ADMIN)).body.scopes.find((s: { scope: string }) => s.scope === '*');
    expect(state.shadow).toMatchObject({ version: CANDIDATE, mode: 'shadow' });
    expect(await page.$eval('body', (b) => (b as HTMLElement).innerText)).toMatch(/shadow in the region/);
    await checkPage(w, 'admin-rules');

    // And stops it: the region then runs no shadow.
    await clickWhenReady(page, byName(`Stop shadow run of ${CANDIDATE}`, 'button'));
    await page.waitForFunction((v) => new RegExp(`${v} no longer runs in shadow`).test(document.body.innerText), TIMEOUT, CANDIDATE);
    const after = (await api.get('/v1/rulesets', ADMIN)).body.scopes.find((s: { scope: string }) => s.scope === '*');
    expect(after.shadow).toBeUndefined();
  });
});
