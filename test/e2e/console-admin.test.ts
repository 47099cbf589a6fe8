/// <reference lib="dom" />
// The console's admin and session paths in a real browser (headless Chromium), on `npm start` over HTTP: admin creates
// a key (shown once) and revokes it, an officer signs in and opens a parcel with the keyboard alone, and signing out
// forgets the key. The officer's, platform's and post's pages are in console.test.ts. On every page checked: axe-core
// finds no serious or critical violation, no console error or failed request; screenshots in test-output/console/.
import { randomBytes } from 'node:crypto';
import { ENGINE_VERDICTS } from '../fixtures/risk-declarations';
import { ApiClient } from '../helpers/api-client';
import { signIn } from '../helpers/browser';
import { type ChildRuntime, startChildRuntime } from '../helpers/child-runtime';
import { byName, checkPage, choose, type ConsoleSession, consoleSession } from '../helpers/console-session';
import { s10Sequence } from '../helpers/s10';

jest.setTimeout(120_000);

const ADMIN = `ead_test_admin_${randomBytes(16).toString('hex')}`;
const nextId = s10Sequence(71_600_000);
let rt: ChildRuntime | undefined;
let session: ConsoleSession | undefined;
let api: ApiClient;
let consoleUrl: string;
const keys: Record<string, string> = {};
const parcels = { held: nextId(), released: nextId() };

const TIMEOUT = { timeout: 20_000 };

beforeAll(async () => {
  rt = await startChildRuntime({ adminKey: ADMIN });
  api = new ApiClient(rt.url);
  consoleUrl = `${rt.url}/console`;
  const requests = { customs: { role: 'customs', country: 'FR' }, platform: { role: 'platform', tenantId: 'console-admin-shop' } };
  for (const [name, request] of Object.entries(requests)) keys[name] = (await api.createKey(ADMIN, request)).key;
  const sends: [string, () => object][] = [
    [parcels.held, ENGINE_VERDICTS.HELD_FOR_INSPECTION],
    [parcels.released, ENGINE_VERDICTS.RELEASED],
  ];
  for (const [itemId, make] of sends) expect((await api.post('/v1/parcels', keys.platform, { ...make(), itemId })).status).toBe(202);
  await api.awaitAssessed(
    sends.map(([itemId]) => itemId),
    ADMIN,
  );
  session = await consoleSession();
}, 120_000);

// Runs even when beforeAll failed part-way: the browser closed, the runtime's process group stopped and its port free.
afterAll(async () => {
  await session?.close();
  await rt?.stop();
});

const open = () => session!.open();
const itemLink = (itemId: string) => `a[data-item-id="${itemId}"]`;

describe('admin', () => {
  it('creates a key, shown once, and revokes it', async () => {
    const w = await open();
    const { page } = w;
    await signIn(page, consoleUrl, ADMIN);
    await page.waitForSelector('table.queue', TIMEOUT);
    await checkPage(w, 'admin-queue');
    await page.click('a[href="#/keys"]');
    await choose(page, 'Role', 'customs');
    // Only the fields of the chosen role are shown.
    expect(await page.$eval('input[name="tenantId"]', (e) => (e as HTMLElement).offsetParent === null)).toBe(true);
    await page.type(byName('Country', 'textbox'), 'BE');
    await page.click(byName('Create key', 'button'));
    const secret = await page.waitForSelector('code.secret', TIMEOUT);
    const key = await secret!.evaluate((e) => e.textContent ?? '');
    expect((await api.get('/v1/parcels?limit=1', key)).status).toBe(200);
    await checkPage(w, 'admin-keys');

    await page.click('ul.keys button');
    await page.waitForFunction(() => /revoked: it no longer authenticates/.test(document.querySelector('.result')?.textContent ?? ''), TIMEOUT);
    expect((await api.get('/v1/parcels?limit=1', key)).status).toBe(401);
    expect(w.problems).toEqual([]);
  });

  it('works with the keyboard alone: sign in, open a parcel from the queue', async () => {
    const w = await open();
    const { page } = w;
    await page.goto(consoleUrl, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector(byName('API key'), TIMEOUT);
    // The key field has focus on arrival; Enter submits the form.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('apiKey');
    await page.keyboard.type(keys.customs!);
    await page.keyboard.press('Enter');
    await page.waitForSelector(itemLink(parcels.released), TIMEOUT);
    // Tab through the page until a parcel link has focus, then Enter opens it.
    let focused: string | undefined;
    for (let i = 0; i < 40 && !focused; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.itemId);
    }
    expect(focused).toBeDefined();
    await page.keyboard.press('Enter');
    // The parcel page opens with focus on its heading.
    await page.waitForFunction((id) => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === `Parcel ${id}`, TIMEOUT, focused);
    await page.waitForSelector('.summary', TIMEOUT);
    expect(w.problems).toEqual([]);
  });

  it('signs out and forgets the key: the tab holds it in sessionStorage only, never in localStorage or the URL', async () => {
    const w = await open();
    const { page } = w;
    await signIn(page, consoleUrl, keys.customs!);
    const held = await page.evaluate(() => ({ session: Object.values(sessionStorage), local: Object.keys(localStorage).length, url: location.href }));
    expect(held.session).toEqual([keys.customs]);
    expect(held.local).toBe(0);
    expect(held.url).not.toContain(keys.customs!);
    await page.click(byName('Sign out', 'button'));
    await page.waitForSelector(byName('API key'), TIMEOUT);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await checkPage(w, 'sign-in');
  });
});
