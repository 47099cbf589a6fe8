// `npm run bench -- console`: the console's figures, each beside what it is compared against in the same run.
// - bundle: what the browser downloads to start (app.js, styles.css, index.html), gzipped; target < 150 KB.
// - sign-in to a filled queue of 100 parcels in headless Chromium, beside the raw API call for the same page (the page
//   also makes GET /v1/whoami first, then parses and draws the rows).
// - the decision round trip in the page (Record decision, then the parcel read again and the new status drawn),
//   beside the raw POST.
// Runs `npm start` as a child (the same runtime the e2e tests use), loopback only.
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { buildSite } from '#infra/site';
import { topology } from '#infra/topology';
import { ENGINE_VERDICTS } from '../fixtures/risk-declarations';
import { ApiClient } from '../helpers/api-client';
import { launchBrowser, signIn, watchedPage } from '../helpers/browser';
import { startChildRuntime } from '../helpers/child-runtime';
import { s10Sequence } from '../helpers/s10';
import { waitFor } from '../helpers/wait';
import { percentile, printFigure } from './report';

const ROUNDS = 5;
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

async function bundle(): Promise<void> {
  const site = topology.sites!.find((s) => s.name === 'console')!;
  const files = await buildSite(site);
  const size = (names: string[]) => files.filter((f) => names.includes(f.path)).reduce((n, f) => n + gzipSync(f.body, { level: 9 }).length, 0) / 1024;
  const start = size(['app.js', 'styles.css', 'index.html']);
  printFigure({ name: 'console bundle (app.js + styles.css + index.html, gzipped)', value: start, unit: 'KB', target: '< 150 KB' });
  printFigure({ name: 'HS 2022 lookup (hs-2022.json, gzipped, fetched by the parcel and check pages only)', value: size(['hs-2022.json']), unit: 'KB' });
}

export async function run(): Promise<void> {
  await bundle();

  const admin = `ead_bench_admin_${randomBytes(16).toString('hex')}`;
  const rt = await startChildRuntime({ adminKey: admin });
  const browser = await launchBrowser();
  try {
    const api = new ApiClient(rt.url);
    const customs = (await api.createKey(admin, { role: 'customs', country: 'FR' })).key;
    const platform = (await api.createKey(admin, { role: 'platform', tenantId: 'bench-shop' })).key;
    const nextId = s10Sequence(81_000_000);
    const verdicts = [ENGINE_VERDICTS.HELD_FOR_INSPECTION, ENGINE_VERDICTS.INFORMATION_REQUESTED, ENGINE_VERDICTS.RELEASED, ENGINE_VERDICTS.DO_NOT_LOAD];
    const ids = Array.from({ length: 100 + ROUNDS }, nextId);
    const batch = await api.post('/v1/parcel-batches', platform, { parcels: ids.map((itemId, i) => ({ ...verdicts[i % verdicts.length]!(), itemId })) });
    if (batch.status !== 202) throw new Error(`batch: ${batch.status} ${batch.text}`);
    await waitFor(
      async () => {
        const page = await api.get('/v1/parcels?limit=100&includeDeclaration=false&status=RECEIVED', customs);
        return page.status === 200 && page.body.items.length === 0;
      },
      'every parcel assessed',
      60_000,
      200,
    );

    // Sign-in to a queue of 100 rows, in the browser; the raw page read beside it.
    const browserMs: number[] = [];
    const apiMs: number[] = [];
    const url = `${rt.url}/console`;
    for (let i = 0; i < ROUNDS; i++) {
      const { page } = await watchedPage(browser);
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      const field = await page.waitForSelector('::-p-aria(API key)');
      await field!.type(customs);
      const t0 = performance.now();
      await page.click('::-p-aria([name="Sign in"][role="button"])');
      await page.waitForFunction(() => document.querySelectorAll('table.queue tbody tr[data-item-id]').length >= 100, { timeout: 30_000 });
      browserMs.push(performance.now() - t0);
      await page.close();
      const t1 = performance.now();
      const raw = await api.get('/v1/parcels?limit=100', customs);
      apiMs.push(performance.now() - t1);
      if (raw.body.items.length !== 100) throw new Error(`raw page had ${raw.body.items.length} parcels`);
    }
    printFigure({
      name: 'sign-in → queue of 100 parcels drawn (browser, median of 5)',
      value: median(browserMs),
      unit: 'ms',
      baseline: { name: 'GET /v1/parcels?limit=100 (median of 5)', value: median(apiMs) },
    });

    // Decision round trip: the form in the page, beside the raw POST.
    const { page } = await watchedPage(browser);
    await signIn(page, url, customs);
    const pageMs: number[] = [];
    const postMs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const itemId = ids[100 + i]!;
      await page.goto(`${url}#/parcels/${itemId}`);
      await page.reload({ waitUntil: 'domcontentloaded' });
      const select = await page.waitForSelector('::-p-aria([name="Decision"][role="combobox"])', { timeout: 20_000 });
      await select!.select('DETAINED');
      await page.type('::-p-aria([name="Reason"][role="textbox"])', 'bench: seized');
      const t0 = performance.now();
      await page.click('::-p-aria([name="Record decision"][role="button"])');
      await page.waitForFunction(() => document.querySelector('.summary')?.getAttribute('data-status') === 'DETAINED', { timeout: 20_000 });
      pageMs.push(performance.now() - t0);
      const other = ids[i]!;
      const t1 = performance.now();
      const r = await api.post(`/v1/parcels/${other}/decisions`, customs, { code: 'RELEASED', reason: 'bench: released' });
      postMs.push(performance.now() - t1);
      if (r.status !== 201) throw new Error(`decision: ${r.status} ${r.text}`);
    }
    printFigure({
      name: 'decision round trip in the page (click → new status drawn, median of 5)',
      value: median(pageMs),
      unit: 'ms',
      baseline: { name: 'POST /v1/parcels/{itemId}/decisions (median of 5)', value: median(postMs) },
    });
  } finally {
    await browser.close().catch(() => undefined);
    await rt.stop();
  }
}
