// The clearances table on the embedded DynamoDB: as the topology declares it, written and read through the store.
import { provisionTable } from '#infra/local/provision';
import type { ClearanceRecord } from '#shared/parcels/clearances';
import { ClearanceStore, clearancesTable } from '#shared/store/clearance-store';
import { type TestDynamo, startTestDynamo } from '../store/dynamo';

let db: TestDynamo;
let store: ClearanceStore;
beforeAll(async () => {
  db = await startTestDynamo();
  await provisionTable(db.ddb, clearancesTable('sanctions-clearances'));
  store = new ClearanceStore(db.doc, 'sanctions-clearances');
});
afterAll(() => db?.close());

let n = 0;
const record = (over: Partial<ClearanceRecord> = {}): ClearanceRecord => ({
  id: `clr_test${++n}`,
  country: 'ES',
  party: 'recipient',
  partyName: 'Eusebio Arzallus Tapia',
  fingerprint: 'fp-a',
  entNum: 7182,
  entryDigest: 'd1',
  listVersion: 'sdn-1',
  itemId: 'LX345678909DE',
  by: 'key_officer',
  at: `2026-12-01T10:00:${String(n).padStart(2, '0')}.000Z`,
  until: '2027-05-30T10:00:00.000Z',
  reason: 'passport seen',
  ...over,
});

describe('the clearance store', () => {
  it("finds a party's clearances in its country only, and never another party's", async () => {
    const mine = record();
    await store.put(mine);
    await store.put(record({ fingerprint: 'fp-b' }));
    await store.put(record({ country: 'FR' }));

    const found = await store.forParties('ES', ['fp-a', 'fp-a']);

    expect(found).toEqual([mine]);
    expect(await store.forParties('ES', ['fp-none'])).toEqual([]);
  });

  it("lists a country's clearances newest first, in pages, and all of them for admin", async () => {
    for (let i = 0; i < 3; i++) await store.put(record({ country: 'PT' }));
    const first = await store.list('PT', 2, undefined);
    const second = await store.list('PT', 2, first!.cursor);

    expect(first!.items.map((c) => c.at)).toEqual([...first!.items.map((c) => c.at)].sort().reverse());
    expect([...first!.items, ...second!.items].map((c) => c.country)).toEqual(['PT', 'PT', 'PT']);
    expect(second!.cursor).toBeUndefined();
    expect(await store.list('PT', 2, 'not-a-cursor')).toBeUndefined();
    expect(await store.list('PT', 2, Buffer.from(JSON.stringify({ made: 'up' })).toString('base64url'))).toBeUndefined();
    const all = await store.list(undefined, 100, undefined);
    expect(new Set(all!.items.map((c) => c.country))).toEqual(new Set(['ES', 'FR', 'PT']));
  });

  it('revokes or ends a clearance once, with who or why, and finds the clearances of an entry', async () => {
    const a = record({ entNum: 555 });
    const b = record({ entNum: 555, fingerprint: 'fp-c' });
    await store.put(a);
    await store.put(b);

    expect(await store.close(a.id, 'revokedAt', '2026-12-02T00:00:00.000Z', { revokedBy: 'key_chief' })).toBe(true);
    expect(await store.close(a.id, 'endedAt', '2026-12-03T00:00:00.000Z', { endReason: 'LIST_ENTRY_CHANGED' })).toBe(false);
    expect(await store.close('clr_missing', 'revokedAt', '2026-12-02T00:00:00.000Z', { revokedBy: 'x' })).toBe(false);

    expect(await store.get(a.id)).toMatchObject({ revokedAt: '2026-12-02T00:00:00.000Z', revokedBy: 'key_chief' });
    expect((await store.get(a.id))!.endedAt).toBeUndefined();
    expect((await store.idsForEntry(555)).sort()).toEqual([a.id, b.id].sort());
    await expect(store.put(a)).rejects.toThrow();
  });
});
