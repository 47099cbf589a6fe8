// The parcels table's layout against the embedded DynamoDB: what an item costs to write (the body compressed),
// which listing entries a parcel gets (sparse where another index lists it), the earlier layout still read, and the
// reconciler's walk over the admin listing index from a mark.
import { brotliCompressSync, constants } from 'node:zlib';
import { type AttributeValue, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { RECEIVED_SHARD_KEYS, ReceivedWalker } from '#shared/store/parcel-marks';
import { parcelReassessments } from '#shared/store/parcel-reassessment';
import { ATTR, shardOf } from '#shared/store/parcel-table';
import { DICTIONARY_1_MARKER } from '#shared/store/parcel-doc-codec';
import { assessmentArgs, at, declaration, newParcel } from '#test/helpers/parcels';
import { s10Sequence } from '#test/helpers/s10';
import { useParcelTable } from './dynamo';

jest.setTimeout(30_000);

const t = useParcelTable();
const nextId = s10Sequence(11_000_000);

describe('the parcel item', () => {
  const consumed = async (item: Record<string, AttributeValue>) =>
    (await t.db.ddb.send(new PutItemCommand({ TableName: 'parcels', Item: { ...item, itemId: { S: nextId() } }, ReturnConsumedCapacity: 'TOTAL' }))).ConsumedCapacity?.CapacityUnits;
  const rawItem = async (itemId: string) => (await t.db.ddb.send(new GetItemCommand({ TableName: 'parcels', Key: { itemId: { S: itemId } } }))).Item!;

  it('stores declaration and history compressed in one binary attribute, and the whole item in under 1 KB (1 WRU) at receipt', async () => {
    const p = newParcel(declaration({ itemId: nextId() }), 'platform:shop-1', at(1));
    await t.store.putReceived(p);
    const item = await rawItem(p.itemId);
    expect(item[ATTR.body]?.B).toBeInstanceOf(Uint8Array);
    for (const a of ['declaration', 'decl', 'history', 'assessment', 'customsResponse']) expect(item[a]).toBeUndefined();
    expect(item[ATTR.body]!.B!.length).toBeLessThan(Buffer.byteLength(JSON.stringify(p.declaration)) * 0.7);
    expect(item[ATTR.historyLength]).toEqual({ N: '1' });
    expect(await consumed(item)).toBe(1);
    expect(await t.store.get(p.itemId)).toEqual(p);
  });

  it('keeps the assessed item (history, assessment, customs response, recipient entry) under 1 KB: the assessment is a 1 WRU update', async () => {
    const p = newParcel(declaration({ itemId: nextId() }), 'platform:shop-1', at(1));
    await t.store.putReceived(p);
    const args = assessmentArgs(p.itemId, 1, 'RELEASED', at(2), 'fCbWIAvoDCb5vqtMbc6Plr', 50);
    expect(await t.store.recordAssessment({ ...args, parcel: p })).toBe(true);
    const item = await rawItem(p.itemId);
    expect(item.history).toBeUndefined();
    // The recipient-index entry beside the document, with when the parcel entered the index (epoch ms).
    expect(item).toMatchObject({ [ATTR.recipientFp]: { S: 'fCbWIAvoDCb5vqtMbc6Plr' }, [ATTR.valueEur]: { N: '50' }, [ATTR.firstAssessedAt]: { N: String(Date.parse(at(2))) } });
    expect(await consumed(item)).toBe(1);
    expect(await t.store.get(p.itemId)).toEqual({
      ...p,
      status: 'RELEASED',
      updatedAt: at(2),
      assessment: args.assessment,
      customsResponse: args.customsResponse,
      history: [...p.history, ...args.history],
    });
  });

  it('keeps the time a parcel entered the recipient index at its first assessment when a later version is assessed', async () => {
    const p = newParcel(declaration({ itemId: nextId() }), 'platform:shop-1', at(1));
    await t.store.putReceived(p);
    const first = assessmentArgs(p.itemId, 1, 'RELEASED', at(2), 'fCbWIAvoDCb5vqtMbc6Plr', 50);
    await t.store.recordAssessment({ ...first, parcel: p });
    const assessed = (await t.store.get(p.itemId))!;
    const v2 = {
      ...assessed,
      version: 2,
      status: 'RECEIVED' as const,
      updatedAt: at(3),
      history: [...assessed.history, { at: at(3), type: 'parcel.received' as const, version: 2, status: 'RECEIVED' as const }],
    };
    await t.store.putReceived(v2, assessed);
    // The amendment leaves the index until its version is assessed.
    expect(await t.raw(p.itemId)).not.toHaveProperty(ATTR.firstAssessedAt);
    await t.store.recordAssessment({ ...assessmentArgs(p.itemId, 2, 'RELEASED', at(4), 'fCbWIAvoDCb5vqtMbc6Plr', 60), historyLength: v2.history.length });
    expect(await t.raw(p.itemId)).toMatchObject({ [ATTR.valueEur]: 60, [ATTR.firstAssessedAt]: Date.parse(at(2)) });
  });

  it('reads items of the earlier layouts (the declaration as a map; compressed alone, history and assessment as attributes) and rewrites them in this one', async () => {
    const p = newParcel(declaration({ itemId: nextId() }), 'platform:shop-1', at(1));
    await t.db.doc.send(new PutCommand({ TableName: 'parcels', Item: { ...p, listKey: `${at(1)}#${p.itemId}` } }));
    expect(await t.store.get(p.itemId)).toEqual(p);
    const { declaration: d, ...rest } = newParcel(declaration({ itemId: nextId() }), 'platform:shop-1', at(1));
    const decl = brotliCompressSync(JSON.stringify(d));
    await t.db.doc.send(new PutCommand({ TableName: 'parcels', Item: { ...rest, decl } }));
    expect(await t.store.get(rest.itemId)).toEqual({ ...rest, declaration: d });
    // The next write extends it on the history it had, and leaves it in the current layout.
    const args = assessmentArgs(rest.itemId, 1, 'RELEASED', at(2));
    expect(await t.store.recordAssessment(args)).toBe(true);
    const item = await rawItem(rest.itemId);
    for (const a of ['decl', 'history', 'assessment', 'customsResponse']) expect(item[a]).toBeUndefined();
    expect(await t.store.get(rest.itemId)).toMatchObject({ declaration: d, status: 'RELEASED', history: [...rest.history, ...args.history] });
  });

  it('reads a document compressed with brotli (before the preset dictionary) and writes it with the dictionary at the next write', async () => {
    const p = newParcel(declaration({ itemId: nextId() }), 'platform:shop-1', at(1));
    await t.store.putReceived(p);
    const { declaration: d, history } = p;
    const brotli = brotliCompressSync(JSON.stringify({ declaration: d, history }), { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } });
    await t.db.ddb.send(new PutItemCommand({ TableName: 'parcels', Item: { ...(await rawItem(p.itemId)), [ATTR.body]: { B: brotli } } }));
    expect(await t.store.get(p.itemId)).toEqual(p);
    const args = assessmentArgs(p.itemId, 1, 'RELEASED', at(2));
    expect(await t.store.recordAssessment({ ...args, parcel: p })).toBe(true);
    const doc = (await rawItem(p.itemId))[ATTR.body]!.B!;
    expect(doc[0]).toBe(DICTIONARY_1_MARKER);
    expect(doc.length).toBeLessThan(brotli.length);
    expect(await t.store.get(p.itemId)).toMatchObject({ declaration: d, status: 'RELEASED', history: [...history, ...args.history] });
  });

  it('records a re-screening on the parcel as stored when its caller gives none, and not on a stale history', async () => {
    const reassessments = parcelReassessments(t.db.doc, 'parcels');
    const p = newParcel(declaration({ itemId: nextId() }), 'platform:shop-1', at(1));
    await t.store.putReceived(p);
    const first = assessmentArgs(p.itemId, 1, 'RELEASED', at(2));
    await t.store.recordAssessment({ ...first, parcel: p });
    const again = assessmentArgs(p.itemId, 1, 'DO_NOT_LOAD', at(3));
    expect(await reassessments.recordReassessment({ ...again, historyLength: 1 })).toBe(false);
    expect(await reassessments.recordReassessment({ ...again, historyLength: 3 })).toBe(true);
    expect(await t.store.get(p.itemId)).toMatchObject({ status: 'DO_NOT_LOAD', assessment: again.assessment, history: [...p.history, ...first.history, ...again.history] });
    expect((await t.raw(p.itemId))?.[ATTR.historyLength]).toBe(5);
  });

  it("lists a post's own parcel from or to its country through the country indexes only (no submitter entry); a post's parcel elsewhere, and a platform's, by submitter", async () => {
    const own = newParcel(declaration({ itemId: nextId() }), 'post:DE', at(1)); // DE to FR
    const elsewhere = newParcel(declaration({ itemId: nextId() }), 'post:IT', at(1));
    const platform = newParcel(declaration({ itemId: nextId() }), 'platform:shop-1', at(1));
    for (const x of [own, elsewhere, platform]) await t.store.putReceived(x);
    expect((await t.raw(own.itemId))?.[ATTR.listSubmitter]).toBeUndefined();
    expect(await t.raw(elsewhere.itemId)).toMatchObject({ [ATTR.listSubmitter]: 'post:IT' });
    expect(await t.raw(platform.itemId)).toMatchObject({ [ATTR.listSubmitter]: 'platform:shop-1' });
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
