// The local gateway serves the topology's sites beside its routes: the built console under its path, from memory,
// with the site headers (the CSP) and each file's content type; anything else under the path is a 404; the routes
// answer as before.
import { memoryLog } from '#infra/local/log';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';
import { SITE_CSP } from '#infra/site';
import { GOOD_KEY } from './fixtures/authorizer';
import { testTopology } from './fixtures/topology';

jest.setTimeout(30_000);

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startLocalRuntime({ topology: { ...testTopology, sites: [{ name: 'console', path: '/console', dir: 'console', entry: 'console/src/main.ts' }] }, log: memoryLog() });
});
afterAll(async () => {
  await rt?.close();
});

const get = (path: string, init: RequestInit = {}) => fetch(`${rt.url}${path}`, init);

it.each(['/console', '/console/'])('%s is the app: index.html naming its script and stylesheet under the site path, with the CSP', async (path) => {
  const res = await get(path);
  const html = await res.text();
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(res.headers.get('content-security-policy')).toBe(SITE_CSP);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(html).toContain('<script src="/console/app.js" defer></script>');
  expect(html).toContain('<link rel="stylesheet" href="/console/styles.css" />');
  // No inline script or style, which the CSP would refuse anyway.
  expect(html).not.toMatch(/<script>|<style|style="/);
});

it.each([
  ['/console/app.js', 'text/javascript; charset=utf-8'],
  ['/console/styles.css', 'text/css; charset=utf-8'],
  ['/console/favicon.svg', 'image/svg+xml'],
  ['/console/hs-2022.json', 'application/json; charset=utf-8'],
])('%s is served as %s', async (path, type) => {
  const res = await get(path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(type);
  expect(res.headers.get('content-security-policy')).toBe(SITE_CSP);
  expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
});

it('the HS lookup has the HS 2022 subheadings', async () => {
  const hs = (await (await get('/console/hs-2022.json')).json()) as Record<string, string>;
  expect(hs['610910']).toMatch(/T-shirts/i);
  expect(Object.keys(hs).length).toBeGreaterThan(5000);
});

it('anything else under the path is a 404, other methods a 405, HEAD has no body', async () => {
  expect((await get('/console/nothing.js')).status).toBe(404);
  expect((await get('/console/src/main.ts')).status).toBe(404);
  const post = await get('/console', { method: 'POST', body: 'x' });
  expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  const head = await get('/console/app.js', { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
  expect(await head.text()).toBe('');
});

it('the routes answer as before; a path that merely starts like the site is not the site', async () => {
  expect((await get('/v1/items/RR123456785CH', { headers: { 'x-api-key': GOOD_KEY } })).status).toBe(200);
  const near = await get('/consoles');
  expect(near.status).toBe(404);
  expect(near.headers.get('content-security-policy')).toBeNull();
});
