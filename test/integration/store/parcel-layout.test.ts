// The parcels table's layout against the embedded DynamoDB: what an item costs to write (the declaration compressed),
// which listing entries a parcel gets (sparse where another index lists it), the earlier layout still read, and the
// reconciler's walk over the admin listing index from a mark.
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { RECEIVED_SHARD_KEYS, ReceivedWalker } from '#shared/store/parcel-marks';
import { shardOf } from '#shared/store/parcel-table';
import { assessmentArgs, at, declaration, newParcel } from '#test/helpers/parcels';
import { s10Sequence } from '#test/helpers/s10';
import { useParcelTable } from './dynamo';

jest.setTimeout(30_000);

const t = useParcelTable();
const nextId = s10Sequence(11_000_000);

describe('the parcel item', () => {
  it('stores the declaration compressed in one binary attribute, and the whole item in under 1 KB (1 WRU) at receipt', async () => {
    const p = newParcel(declaration({ itemId: nextId() }), 'platform:shop-1', at(1));
    await t.store.putReceived(p);
    const item = (await t.db.ddb.send(new GetItemCommand({ TableName: 'parcels', Key: { itemId: { S: p.itemId } }, ReturnConsumedCapacity: 'TOTAL' }))).Item!;
    expect(item.decl?.B).toBeInstanceOf(Uint8Array);
    expect(item.declaration).toBeUndefined();
    expect(item.decl!.B!.length).toBeLessThan(Buffer.byteLength(JSON.stringify(p.declaration)) * 0.7);
    const put = await t.db.ddb.send(new PutItemCommand({ TableName: 'parcels', Item: { ...item, itemId: { S: nextId() } }, ReturnConsumedCapacity: 'TOTAL' }));
    expect(put.ConsumedCapacity?.CapacityUnits).toBe(1);
    expect(await t.store.get(p.itemId)).toEqual(p);
  });

  it('reads an item of the earlier layout (the declaration as a map)', async () => {
    const p = newParcel(declaration({ itemId: nextId() }), 'platform:shop-1', at(1));
    await t.db.doc.send(new PutCommand({ TableName: 'parcels', Item: { ...p, listKey: `${at(1)}#${p.itemId}` } }));
    expect(await t.store.get(p.itemId)).toEqual(p);
  });

  it("lists a post's own parcel from or to its country through the country indexes only (no submitter entry); a post's parcel elsewhere, and a platform's, by submitter", async () => {
    const own = newParcel(declaration({ itemId: nextId() }), 'post:DE', at(1)); // DE to FR
    const elsewhere = newParcel(declaration({ itemId: nextId() }), 'post:IT', at(1));
    const platform = newParcel(declaration({ itemId: nextId() }), 'platform:shop-1', at(1));
    for (const x of [own, elsewhere, platform]) await t.store.putReceived(x);
    expect((await t.raw(own.itemId))?.listSubmitter).toBeUndefined();
    expect(await t.raw(elsewhere.itemId)).toMatchObject({ listSubmitter: 'post:IT' });
    expect(await t.raw(platform.itemId)).toMatchObject({ listSubmitter: 'platform:shop-1' });
    const [bySubmitter] = t.store.sources({ keyId: 'k', role: 'post', country: 'IT' }).filter((s) => s.index === 'bySubmitter');
    expect((await t.store.listKeys(bySubmitter!, undefined, 100)).map((k) => k.itemId)).toContain(elsewhere.itemId);
  });
});

describe("the reconciler's walk", () => {
  it('walks first versions by receipt from a mark, in order, finding those unassessed', async () => {
    const walker = new ReceivedWalker(t.db.doc, 'parcels');
    const ids = [nextId(), nextId(), nextId()];
    for (const [i, id] of ids.entries()) await t.store.putReceived(newParcel(declaration({ itemId: id }), 'shop-1', at(500 + i)));
    await t.store.recordAssessment(assessmentArgs(ids[1]!, 1, 'RELEASED', at(600)));
    const found = (await Promise.all(RECEIVED_SHARD_KEYS.map((s) => walker.receivedSinceMark(s, at(503), 1000)))).flatMap((w) => w.pending.map((p) => p.itemId));
    expect(found).toEqual(expect.arrayContaining([ids[0], ids[2]]));
    expect(found).not.toContain(ids[1]);
    // Past the mark nothing is found again; a position to retry from is walked again.
    const shard = shardOf(ids[0]!);
    const walk = await walker.receivedSinceMark(shard, at(503), 1000);
    await walker.advanceMark(shard, { scannedTo: walk.scannedTo! });
    expect((await walker.receivedSinceMark(shard, at(503), 1000)).pending).toEqual([]);
    const mine = walk.pending.find((p) => p.itemId === ids[0])!;
    await walker.advanceMark(shard, { retryFrom: mine.position });
    expect((await walker.receivedSinceMark(shard, at(503), 1000)).pending.map((p) => p.itemId)).toContain(ids[0]);
    expect(await t.store.get(`#reconcile#${shard}`)).toBeUndefined();
  });
});
