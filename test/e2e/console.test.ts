/// <reference lib="dom" />
// The console in a real browser (headless Chromium), on the runtime started as a user starts it (`npm start`), over
// HTTP: an officer works a held parcel (hits, evidence, outcome, decision), a platform answers an information request,
// a post sees a held parcel and its webhook deliveries, a platform checks a declaration (admin's keys, the keyboard
// alone and signing out are in console-admin.test.ts). On every page: no console error, no failed request, axe-core
// finds no serious or critical violation; each page is screenshotted at 1280×800 and 390 px wide (test-output/console/).
import { randomBytes } from 'node:crypto';
import type { Page } from 'puppeteer-core';
import { ENGINE_VERDICTS } from '../fixtures/risk-declarations';
import { ApiClient } from '../helpers/api-client';
import { signIn } from '../helpers/browser';
import { type ChildRuntime, startChildRuntime } from '../helpers/child-runtime';
import { byName, checkPage, choose, type ConsoleSession, consoleSession } from '../helpers/console-session';
import { s10Sequence } from '../helpers/s10';
import { waitFor } from '../helpers/wait';
import { type Receiver, startReceiver } from './webhooks-receiver';

jest.setTimeout(120_000);

const ADMIN = `ead_test_admin_${randomBytes(16).toString('hex')}`;
const nextId = s10Sequence(71_000_000);
let rt: ChildRuntime | undefined;
let session: ConsoleSession | undefined;
let receiver: Receiver | undefined;
let api: ApiClient;
let consoleUrl: string;
const keys: Record<string, string> = {};
const parcels = { held: nextId(), held2: nextId(), info: nextId(), released: nextId(), stale: nextId() };

const TIMEOUT = { timeout: 20_000 };

beforeAll(async () => {
  rt = await startChildRuntime({ adminKey: ADMIN });
  api = new ApiClient(rt.url);
  consoleUrl = `${rt.url}/console`;
  const requests = { customs: { role: 'customs', country: 'FR' }, post: { role: 'post', country: 'FR' }, platform: { role: 'platform', tenantId: 'console-shop' } };
  for (const [name, request] of Object.entries(requests)) keys[name] = (await api.createKey(ADMIN, request)).key;
  receiver = await startReceiver();
  const sub = await api.post('/v1/webhooks', keys.post, { url: receiver.url, events: ['customs.response.issued'], description: 'post FR receiver' });
  expect(sub.status).toBe(201);
  const sends: [string, () => object][] = [
    [parcels.held, ENGINE_VERDICTS.HELD_FOR_INSPECTION],
    [parcels.held2, ENGINE_VERDICTS.HELD_FOR_INSPECTION],
    [parcels.info, ENGINE_VERDICTS.INFORMATION_REQUESTED],
    [parcels.released, ENGINE_VERDICTS.RELEASED],
    [parcels.stale, ENGINE_VERDICTS.DO_NOT_LOAD],
  ];
  for (const [itemId, make] of sends) expect((await api.post('/v1/parcels', keys.platform, { ...make(), itemId })).status).toBe(202);
  await api.awaitAssessed(
    sends.map(([itemId]) => itemId),
    ADMIN,
  );
  session = await consoleSession();
}, 120_000);

afterAll(async () => {
  await session?.close();
  await receiver?.close().catch(() => undefined);
  await rt?.stop();
});

const open = () => session!.open();
const textOf = (page: Page, selector: string) => page.$eval(selector, (e) => (e as HTMLElement).innerText);
const itemLink = (itemId: string) => `a[data-item-id="${itemId}"]`;

describe('customs officer', () => {
  it('finds a held parcel in the referral queue, sees its hits and evidence, records a decision and sees the status change', async () => {
    const w = await open();
    const { page } = w;
    await signIn(page, consoleUrl, keys.customs!);

    // The queue: referrals first, each parcel a link whose text is its itemId.
    await page.waitForSelector(itemLink(parcels.held), TIMEOUT);
    const rows = await page.$$eval('table.queue tbody tr', (trs) => trs.map((tr) => ({ itemId: tr.getAttribute('data-item-id'), status: tr.querySelector('.badge')?.textContent })));
    expect(rows.map((r) => r.itemId)).toEqual(expect.arrayContaining(Object.values(parcels)));
    expect(rows.slice(0, 2).map((r) => r.status)).toEqual(['Held for inspection', 'Held for inspection']);
    expect(rows[2]!.status).toBe('Do not load');
    expect(rows[rows.length - 1]!.itemId).toBe(parcels.released);
    expect(await page.$eval(itemLink(parcels.held), (a) => a.textContent)).toBe(parcels.held);
    // Counts per status over what is loaded; a status filter narrows the list.
    expect(await textOf(page, 'ul.counts')).toMatch(/Held for inspection\s*2/);
    await choose(page, 'Status', 'INFORMATION_REQUESTED');
    await page.waitForFunction(() => document.querySelectorAll('table.queue tbody tr').length === 1, TIMEOUT);
    expect(await page.$(itemLink(parcels.info))).not.toBeNull();
    await choose(page, 'Status', '');
    await page.waitForSelector(itemLink(parcels.held), TIMEOUT);
    // The rule filter: only the parcels with a hit of that rule (the server narrows the listing too).
    await choose(page, 'Rule', 'RESTRICTED_KEYWORD_CANNABIS');
    await page.waitForFunction(() => document.querySelectorAll('table.queue tbody tr[data-item-id]').length === 2, TIMEOUT);
    // ... by a new first page from the server, not by hiding rows already loaded.
    await page.waitForFunction(() => document.querySelector('.status[role="status"]')?.textContent === '2 parcel(s) match.', TIMEOUT);
    expect(await page.$$eval('table.queue tbody tr[data-item-id]', (trs) => trs.map((tr) => tr.getAttribute('data-item-id')).sort())).toEqual([parcels.held, parcels.held2].sort());
    await choose(page, 'Rule', '');
    await page.waitForSelector(itemLink(parcels.released), TIMEOUT);
    await checkPage(w, 'customs-queue');

    // The parcel page: the hit, its points and evidence in words, the field it points at highlighted.
    await page.click(itemLink(parcels.held));
    await page.waitForSelector('#hits-h', TIMEOUT);
    const hits = await textOf(page, 'ol.hits');
    expect(hits).toContain('RESTRICTED_KEYWORD_CANNABIS');
    expect(hits).toMatch(/\d+ points/);
    expect(hits).toMatch(/Evidence: The description "CBD cannabis oil" contains "[^"]+"/);
    expect(await page.$eval('[data-pointer="/contents/0/description"]', (e) => e.classList.contains('hl'))).toBe(true);
    expect(await textOf(page, 'table.lines')).toContain('330499');
    expect(await textOf(page, '.timeline')).toMatch(/Held for inspection — by the risk engine/);
    await checkPage(w, 'customs-parcel');

    const offered = await page.$eval('select[name="code"]', (s) => [...(s as HTMLSelectElement).options].map((o) => o.value).filter(Boolean));
    expect(offered).toEqual(['RELEASED', 'INFORMATION_REQUESTED', 'HELD_FOR_INSPECTION', 'DO_NOT_LOAD', 'DETAINED', 'REFUSED']);
    await choose(page, 'Decision', 'DETAINED');
    await page.type(byName('Reason', 'textbox'), 'seized: restricted goods found on inspection');
    await page.click(byName('Record decision', 'button'));
    await page.waitForFunction(() => document.querySelector('.summary')?.getAttribute('data-status') === 'DETAINED', TIMEOUT);
    expect(await textOf(page, '.status')).toContain('Decision recorded: Detained (final)');
    // Final: no decision form any more.
    expect(await page.$('select[name="code"]')).toBeNull();
    expect((await api.get(`/v1/parcels/${parcels.held}`, keys.customs)).body).toMatchObject({ status: 'DETAINED', customsResponse: { reasons: ['seized: restricted goods found on inspection'] } });
    await checkPage(w, 'customs-decided');
  });

  it('records the outcome of an inspection after a hold, and sees it in the history', async () => {
    const w = await open();
    const { page } = w;
    await signIn(page, consoleUrl, keys.customs!);
    await page.waitForSelector(itemLink(parcels.held2), TIMEOUT);
    await page.click(itemLink(parcels.held2));
    await page.waitForSelector(byName('Outcome', 'combobox'), TIMEOUT);

    await choose(page, 'Outcome', 'FOUND');
    await page.click(byName('Prohibited or restricted goods', 'checkbox'));
    await page.type(byName('Notes', 'textbox'), 'CBD oil with THC above the limit');
    await page.click(byName('Record outcome', 'button'));
    await page.waitForFunction(() => /Outcome recorded/.test(document.querySelector('.status')?.textContent ?? ''), TIMEOUT);

    expect(await textOf(page, '.timeline')).toMatch(/Inspection: found[\s\S]*PROHIBITED_OR_RESTRICTED[\s\S]*THC above the limit/);
    const history = (await api.get(`/v1/parcels/${parcels.held2}`, keys.customs)).body.history as { type: string; result?: string; findings?: string[] }[];
    expect(history.find((h) => h.type === 'parcel.inspected')).toMatchObject({ result: 'FOUND', findings: ['PROHIBITED_OR_RESTRICTED'] });
    // An outcome changes no status: the parcel stays held.
    expect(await page.$eval('.summary', (e) => e.getAttribute('data-status'))).toBe('HELD_FOR_INSPECTION');
    await checkPage(w, 'customs-outcome');
  });

  it('shows a refused decision in words: the parcel became final while the page was open', async () => {
    const w = await open();
    const { page } = w;
    await signIn(page, consoleUrl, keys.customs!);
    await page.goto(`${consoleUrl}#/parcels/${parcels.stale}`);
    await choose(page, 'Decision', 'RELEASED');
    // Meanwhile another officer refuses it: final.
    expect((await api.post(`/v1/parcels/${parcels.stale}/decisions`, keys.customs, { code: 'REFUSED', reason: 'return to sender' })).status).toBe(201);

    await page.type(byName('Reason', 'textbox'), 'inspected, as declared');
    await page.click(byName('Record decision', 'button'));
    const problem = await page.waitForSelector('.problem', TIMEOUT);
    expect(await problem!.evaluate((e) => (e as HTMLElement).innerText)).toMatch(
      new RegExp(`The decision was refused\\. ${parcels.stale} is REFUSED: that decision is final \\(FINAL_DECISION_TAKEN, HTTP 409\\)`),
    );
    // The browser reports the 409 itself; nothing else went wrong.
    expect(w.problems).toEqual([expect.stringMatching(/409/)]);
  });

  it('the queue refreshes itself while the officer stays on it', async () => {
    const w = await open();
    const { page } = w;
    await signIn(page, consoleUrl, keys.customs!);
    await page.waitForSelector(itemLink(parcels.held2), TIMEOUT);

    // The officer's place: a filter chosen and a parcel's link focused.
    await choose(page, 'Order', 'newest');
    await page.focus(itemLink(parcels.held2));

    // A parcel arriving while the officer looks at the queue appears without a reload...
    const late = nextId();
    expect((await api.post('/v1/parcels', keys.platform, { ...ENGINE_VERDICTS.DO_NOT_LOAD(), itemId: late })).status).toBe(202);
    await page.waitForSelector(itemLink(late), { timeout: 30_000 });
    // ...and the place is kept: same order, focus still on the same parcel's link.
    expect(await page.$eval('select[name="order"]', (s) => (s as HTMLSelectElement).value)).toBe('newest');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.itemId)).toBe(parcels.held2);
    expect(w.problems).toEqual([]);
  });
});

describe('platform', () => {
  it('sees an information request with what to fix, sends a correction and sees it re-assessed', async () => {
    const w = await open();
    const { page } = w;
    await signIn(page, consoleUrl, keys.platform!);
    await page.waitForSelector(itemLink(parcels.info), TIMEOUT);
    await checkPage(w, 'platform-queue');

    await page.click(itemLink(parcels.info));
    await page.waitForSelector('#fix-h', TIMEOUT);
    const fixes = await textOf(page, 'ol.fixes');
    expect(fixes).toMatch(/Field: line 1, description \/contents\/0\/description/);
    expect(fixes).toMatch(/Problem: description "Gift" is too vague/);
    expect(fixes).toMatch(/Expected: Say what the goods are/);
    // Filers see what to fix, never the risk reasoning.
    expect(await page.$('#hits-h')).toBeNull();
    expect(await page.$eval('[data-pointer="/contents/0/description"]', (e) => e.classList.contains('hl'))).toBe(true);
    await checkPage(w, 'platform-information-requested');

    // The corrected declaration, edited in the page's editor, sent as an amendment.
    const editor = await page.waitForSelector(byName('Corrected declaration JSON', 'textbox'), TIMEOUT);
    await editor!.evaluate((el) => {
      const t = el as HTMLTextAreaElement;
      const d = JSON.parse(t.value);
      d.contents[0].description = "Men's cotton T-shirt, printed";
      t.value = JSON.stringify(d, null, 2);
    });
    await page.click(byName('Send corrected declaration', 'button'));
    await page.waitForFunction(() => /Version 2 assessed: Released/.test(document.querySelector('.status')?.textContent ?? ''), { timeout: 40_000 });
    expect(await page.$eval('.summary', (e) => e.getAttribute('data-status'))).toBe('RELEASED');
    expect(await textOf(page, '.timeline')).toMatch(/Amendment received \(version 2\)[\s\S]*changed: line 1, description \(\/contents\/0\/description\)/);
    await checkPage(w, 'platform-corrected');
  });

  it('checks a declaration and shows each error next to its field', async () => {
    const w = await open();
    const { page } = w;
    await signIn(page, consoleUrl, keys.platform!);
    await page.click('a[href="#/check"]');
    const input = await page.waitForSelector(byName('Declaration JSON', 'textbox'), TIMEOUT);
    const d = { ...ENGINE_VERDICTS.INFORMATION_REQUESTED(), itemId: nextId() } as Record<string, any>;
    d.contents[0].hsCode = '999999';
    await input!.evaluate((el, text) => ((el as HTMLTextAreaElement).value = text), JSON.stringify(d, null, 2));
    await page.click(byName('Check', 'button'));
    await page.waitForSelector('.check-result h2', TIMEOUT);
    expect(await textOf(page, '.check-result h2')).toMatch(/Not valid: 1 error/);
    const cell = await textOf(page, '[data-pointer="/contents/0/hsCode"]');
    expect(cell).toMatch(/UNKNOWN_HS_CODE/);
    expect(await page.$eval('[data-pointer="/contents/0/hsCode"]', (e) => e.classList.contains('hl-error'))).toBe(true);
    await checkPage(w, 'platform-check');
  });
});

describe('post', () => {
  it('sees a held parcel and its webhook deliveries', async () => {
    await waitFor(async () => (receiver!.received.length >= 3 ? true : undefined), 'webhook deliveries to the post', 20_000, 100);
    const w = await open();
    const { page } = w;
    await signIn(page, consoleUrl, keys.post!);
    await page.waitForSelector(itemLink(parcels.held2), TIMEOUT);
    await checkPage(w, 'post-queue');

    await page.click(itemLink(parcels.held2));
    await page.waitForSelector('table.deliveries', TIMEOUT);
    expect(await page.$eval('.summary', (e) => e.getAttribute('data-status'))).toBe('HELD_FOR_INSPECTION');
    expect(await textOf(page, 'table.deliveries')).toMatch(/customs\.response\.issued[\s\S]*HTTP 204[\s\S]*delivered/);
    expect(await page.$('#hits-h')).toBeNull();
    await checkPage(w, 'post-parcel');

    await page.click('a[href="#/webhooks"]');
    await page.waitForSelector('section[aria-labelledby^="wh-"] table.deliveries', TIMEOUT);
    expect(await textOf(page, 'main')).toContain('post FR receiver');
    expect(await page.$(itemLink(parcels.held2))).not.toBeNull();
    await checkPage(w, 'post-webhooks');
  });
});
