// npm start --data-dir, stopped and started again: the data and the generated admin key are the same.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildRuntime, startChildRuntime } from '../helpers/child-runtime';
import { waitFor } from '../helpers/wait';

jest.setTimeout(90_000);

const dir = mkdtempSync(join(tmpdir(), 'ead-data-'));
let child: ChildRuntime | undefined;
afterAll(async () => {
  await child?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const adminKeyIn = (output: string) => /Admin API key[^:]*: (ead_\S+)\n/.exec(output)?.[1];
/** The key as printed: output arrives in chunks, so wait (with a deadline) for the whole line. */
const printedAdminKey = (c: ChildRuntime) => waitFor(() => adminKeyIn(c.output()), 'the admin key in the output', 10_000);

it('keeps the generated admin key and the keys it created across a restart', async () => {
  // prepare: first start, no ADMIN_API_KEY: one is generated; create a platform key with it
  child = await startChildRuntime({ adminKey: '', args: ['--data-dir', dir] });
  const first = await printedAdminKey(child);
  expect(first).toMatch(/^ead_/);
  const created = await fetch(`${child.url}/v1/admin/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${first}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'platform', tenantId: 'shop-kept' }),
  });
  expect(created.status).toBe(201);
  const platformKey = ((await created.json()) as { key: string }).key;
  expect(await child.stop()).toBe(0);

  // act
  child = await startChildRuntime({ adminKey: '', args: ['--data-dir', dir] });

  // assess
  expect(await printedAdminKey(child)).toBe(first);
  expect((await fetch(`${child.url}/v1/parcels`, { headers: { authorization: `Bearer ${platformKey}` } })).status).toBe(200);
  expect((await fetch(`${child.url}/v1/admin/api-keys`, { method: 'POST', headers: { authorization: `Bearer ${first}`, 'content-type': 'application/json' }, body: '{"role":"admin"}' })).status).toBe(
    201,
  );
});
