// listParcels over the real DynamoDB indexes: for each role, following the cursor from the first page to
// the last returns exactly the parcels the caller may see, newest first, each once; filters narrow it.
import type { Principal } from '#shared/auth/principal';
import { maySee } from '#shared/auth/principal';
import type { Parcel, ParcelStatus } from '#shared/parcels/parcel';
import { decodeCursor, encodeCursor, listParcels, type ListFilters } from '#shared/parcels/list';
import { ParcelStore } from '#shared/store/parcel-store';
import { listKey } from '#shared/store/parcel-table';
import { assessmentArgs, at, declaration, newParcel } from '#test/helpers/parcels';
import { s10Sequence } from '#test/helpers/s10';
import { startTestDynamo, type TestDynamo } from './dynamo';

jest.setTimeout(60_000);

let db: TestDynamo;
let store: ParcelStore;
const all: Parcel[] = [];
const nextId = s10Sequence(20_000_000);

const ORIGINS = ['DE', 'FR', 'IT', 'CN'] as const;
const DESTINATIONS = ['FR', 'DE', 'ES', 'IT', 'FR'] as const;
const SUBMITTERS = ['platform:shop-1', 'platform:shop-2', 'post:FR', 'post:DE', 'platform:shop-1', 'admin:key_admin', 'platform:shop-1'] as const;
const STATUSES: ParcelStatus[] = ['RECEIVED', 'RELEASED', 'HELD_FOR_INSPECTION', 'RELEASED', 'INFORMATION_REQUESTED', 'RELEASED'];

beforeAll(async () => {
  db = await startTestDynamo();
  store = new ParcelStore(db.doc, 'parcels');
  // 41 parcels (co-prime with every cycle above, so combinations vary), one second apart; two share a receipt time.
  for (let i = 0; i < 41; i++) {
    const origin = ORIGINS[i % ORIGINS.length]!;
    const destination = DESTINATIONS[i % DESTINATIONS.length]!;
    const d = declaration({
      itemId: nextId(),
      originCountry: origin,
      destinationCountry: destination,
      sender: { name: 'Sender', address: { lines: ['1 Road'], city: 'City', postcode: '1000', countryCode: origin } },
      recipient: { name: 'Recipient', address: { lines: ['2 Street'], city: 'Town', postcode: '2000', countryCode: destination }, phone: '+33612345678' },
    });
    const p = newParcel(d, SUBMITTERS[i % SUBMITTERS.length]!, at(i === 7 ? 6 : i));
    await store.putReceived(p);
    const status = STATUSES[i % STATUSES.length]!;
    if (status !== 'RECEIVED') await store.recordAssessment(assessmentArgs(p.itemId, 1, status, at(100 + i)));
    all.push({ ...p, status });
  }
});
afterAll(async () => {
  await db?.close();
});

const newestFirst = (ps: Parcel[]) => [...ps].sort((a, b) => (listKey(a.receivedAt, a.itemId) < listKey(b.receivedAt, b.itemId) ? 1 : -1)).map((p) => p.itemId);

function expected(p: Principal, f: ListFilters = {}): string[] {
  return newestFirst(
    all.filter(
      (x) =>
        maySee(p, { submittedBy: x.submittedBy, originCountry: x.declaration.originCountry, destinationCountry: x.declaration.destinationCountry }) &&
        (!f.status || x.status === f.status) &&
        (!f.destinationCountry || x.declaration.destinationCountry === f.destinationCountry) &&
        (!f.originCountry || x.declaration.originCountry === f.originCountry) &&
        (!f.receivedFrom || x.receivedAt >= f.receivedFrom) &&
        (!f.receivedTo || x.receivedAt <= f.receivedTo),
    ),
  );
}

/** Follows the cursor to the end; also checks that only the last page has no cursor. */
async function walk(p: Principal, f: ListFilters, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages < 200; pages++) {
    const page = await listParcels(store, p, f, limit, cursor === undefined ? undefined : decodeCursor(cursor));
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((x) => x.itemId));
    if (page.cursor === undefined) return { ids, pages };
    expect(decodeCursor(page.cursor)).toBeDefined();
    cursor = page.cursor;
  }
  throw new Error('the cursor never ended');
}

const shop1: Principal = { keyId: 'k1', role: 'platform', tenantId: 'shop-1' };
const postFR: Principal = { keyId: 'k2', role: 'post', country: 'FR' };
const postDE: Principal = { keyId: 'k3', role: 'post', country: 'DE' };
const customsFR: Principal = { keyId: 'k4', role: 'customs', country: 'FR' };
const customsIT: Principal = { keyId: 'k5', role: 'customs', country: 'IT' };
const admin: Principal = { keyId: 'k6', role: 'admin' };

describe('listParcels: every page in turn covers what the caller may see, newest first, once', () => {
  it.each([
    ['platform shop-1', shop1, 4],
    ['platform shop-1, limit 1', shop1, 1],
    ['post FR (origin OR destination OR its own)', postFR, 4],
    ['post DE', postDE, 3],
    ['customs FR', customsFR, 5],
    ['customs IT', customsIT, 2],
    ['admin (all shards)', admin, 4],
    ['admin, limit 7', admin, 7],
    ['admin, one page', admin, 100],
  ] as const)('%s', async (_name, principal, limit) => {
    // prepare
    const want = expected(principal);
    expect(want.length).toBeGreaterThan(limit === 100 ? 0 : limit); // several pages, or the test proves little

    // act
    const { ids, pages } = await walk(principal, {}, limit);

    // assess
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(want);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(want.length / limit));
  });

  it('admin sees every parcel across its shards', async () => {
    const { ids } = await walk(admin, {}, 6);
    expect(ids).toHaveLength(all.length);
  });
});

describe('listParcels: filters', () => {
  it.each([
    ['status RELEASED for post FR', postFR, { status: 'RELEASED' as const }, 3],
    ['status RECEIVED for admin', admin, { status: 'RECEIVED' as const }, 2],
    ['destination FR for post FR', postFR, { destinationCountry: 'FR' }, 3],
    ['destination DE for post FR (its own and origin FR parcels to DE)', postFR, { destinationCountry: 'DE' }, 2],
    ['destination ES for admin', admin, { destinationCountry: 'ES' }, 2],
    ['status HELD_FOR_INSPECTION and destination FR for customs FR', customsFR, { status: 'HELD_FOR_INSPECTION' as const, destinationCountry: 'FR' }, 1],
    ['origin CN for admin', admin, { originCountry: 'CN' }, 2],
    // Periods over several index partitions: one partition's page may reach past the period's start while another
    // still holds parcels inside it.
    ['a receipt period for admin (4 shards)', admin, { receivedFrom: at(10), receivedTo: at(30) }, 3],
    ['a receipt period for post FR (3 partitions)', postFR, { receivedFrom: at(5), receivedTo: at(35) }, 2],
    ['a period start only, for admin', admin, { receivedFrom: at(25) }, 4],
  ] as const)('%s', async (_name, principal, filters, limit) => {
    const want = expected(principal, filters);
    expect(want.length).toBeGreaterThan(0);

    const { ids } = await walk(principal, filters, limit);

    expect(ids).toEqual(want);
  });

  it('customs asking for another destination gets nothing and no cursor', async () => {
    expect(await listParcels(store, customsFR, { destinationCountry: 'DE' }, 10)).toEqual({ items: [] });
  });

  it('a platform with no parcels gets an empty last page', async () => {
    expect(await listParcels(store, { keyId: 'k9', role: 'platform', tenantId: 'shop-none' }, {}, 10)).toEqual({ items: [] });
  });
});

describe('cursors', () => {
  it('decode what they encode, and refuse anything else', () => {
    expect(decodeCursor(encodeCursor('2026-11-20T08:00:00.000Z#CP000000000DE'))).toBe('2026-11-20T08:00:00.000Z#CP000000000DE');
    for (const bad of [
      '',
      'not-a-cursor',
      Buffer.from('{"v":2,"before":"x"}').toString('base64url'),
      Buffer.from('{"v":1,"before":7}').toString('base64url'),
      Buffer.from(JSON.stringify({ v: 1, before: 'x'.repeat(200) })).toString('base64url'),
    ]) {
      expect(decodeCursor(bad)).toBeUndefined();
    }
  });

  it("a cursor from one caller does not reveal another caller's parcels", async () => {
    const first = await listParcels(store, admin, {}, 3);
    const next = await listParcels(store, shop1, {}, 100, decodeCursor(first.cursor!));
    expect(next.items.every((p) => p.submittedBy === 'platform:shop-1')).toBe(true);
    expect(next.items.length).toBeGreaterThan(0);
  });
});
