// ParcelStore against the embedded DynamoDB through the real SDK: the conditional writes that keep
// every stage idempotent, batched reads, and the split-shipment history index.
import { WriteConflict } from '#shared/parcels/parcel';
import { ATTR, pendingShardOf } from '#shared/store/parcel-table';
import { amendedParcel, assessmentArgs, at, decisionOf, declaration, newParcel } from '#test/helpers/parcels';
import { s10Sequence } from '#test/helpers/s10';
import { useParcelTable } from './dynamo';

jest.setTimeout(30_000);

const t = useParcelTable();
const nextId = s10Sequence(10_000_000);

describe('putReceived', () => {
  it('stores a new parcel with its index attributes, and shows only the parcel on read', async () => {
    // prepare
    const p = newParcel(declaration({ itemId: nextId() }), 'shop-1', at(1));
    // act
    await t.store.putReceived(p);
    // assess
    expect(await t.store.get(p.itemId)).toEqual(p);
    expect(await t.raw(p.itemId)).toMatchObject({
      [ATTR.listKey]: `${at(1)}#${p.itemId}`,
      [ATTR.allShard]: expect.stringMatching(/^all#[0-3]$/),
      [ATTR.originCountry]: 'DE',
      [ATTR.destinationCountry]: 'FR',
    });
  });

  it('refuses a second first version of the same itemId with WriteConflict and keeps the first', async () => {
    const id = nextId();
    const first = newParcel(declaration({ itemId: id }), 'shop-1', at(1));
    await t.store.putReceived(first);
    const other = newParcel(declaration({ itemId: id, totalValue: 50, postage: 1 }), 'shop-2', at(2));

    await expect(t.store.putReceived(other)).rejects.toBeInstanceOf(WriteConflict);

    expect((await t.store.get(id))?.submittedBy).toBe('shop-1');
  });

  it('stores an amendment of the stored version, keeping the first receipt time and the history', async () => {
    const id = nextId();
    const v1 = newParcel(declaration({ itemId: id }), 'shop-1', at(1));
    await t.store.putReceived(v1);
    const v2 = amendedParcel(v1, declaration({ itemId: id, postage: 12 }), at(5));

    await t.store.putReceived(v2, v1);

    const stored = await t.store.get(id);
    expect(stored).toMatchObject({ version: 2, receivedAt: at(1), updatedAt: at(5), status: 'RECEIVED' });
    expect(stored?.history.map((h) => [h.type, h.version])).toEqual([
      ['parcel.received', 1],
      ['parcel.received', 2],
    ]);
  });

  it('refuses an amendment of a version that is no longer the stored one', async () => {
    const id = nextId();
    const v1 = newParcel(declaration({ itemId: id }), 'shop-1', at(1));
    await t.store.putReceived(v1);
    const v2 = amendedParcel(v1, declaration({ itemId: id, postage: 12 }), at(2));
    await t.store.putReceived(v2, v1);
    const lateV2 = amendedParcel(v1, declaration({ itemId: id, postage: 13 }), at(3)); // also built on v1

    await expect(t.store.putReceived(lateV2, v1)).rejects.toBeInstanceOf(WriteConflict);

    expect((await t.store.get(id))?.declaration.postage).toBe(12);
  });

  it('refuses an amendment built on a submitter that is no longer the stored one', async () => {
    const id = nextId();
    const v1 = newParcel(declaration({ itemId: id }), 'shop-1', at(1));
    await t.store.putReceived(v1);
    const believed = { ...v1, submittedBy: 'shop-2' };

    await expect(t.store.putReceived(amendedParcel(believed, declaration({ itemId: id, postage: 12 }), at(2)), believed)).rejects.toBeInstanceOf(WriteConflict);

    expect((await t.store.get(id))?.version).toBe(1);
  });

  it("refuses an amendment read before an officer's decision: the decision is never overwritten", async () => {
    const id = nextId();
    const v1 = newParcel(declaration({ itemId: id }), 'shop-1', at(1));
    await t.store.putReceived(v1);
    const { response, entry } = decisionOf('HELD_FOR_INSPECTION', 'key_customs', 1, at(2));
    await t.store.recordDecision(id, v1.history.length, response, entry);

    await expect(t.store.putReceived(amendedParcel(v1, declaration({ itemId: id, postage: 12 }), at(3)), v1)).rejects.toBeInstanceOf(WriteConflict);

    expect(await t.store.get(id)).toMatchObject({ version: 1, status: 'HELD_FOR_INSPECTION' });
  });

  it('keeps an amended version in the pending index from its receipt until its assessment is recorded; a first version is not in it (the walk finds it)', async () => {
    const id = nextId();
    const v1 = newParcel(declaration({ itemId: id }), 'shop-1', at(1));
    await t.store.putReceived(v1);
    const shard = pendingShardOf(id);
    expect(await t.store.pendingBefore(shard, at(60), 100)).not.toContainEqual(expect.objectContaining({ itemId: id }));
    await t.store.recordAssessment(assessmentArgs(id, 1, 'RELEASED', at(2)));
    const assessed = (await t.store.get(id))!;
    const v2 = amendedParcel(assessed, declaration({ itemId: id, postage: 12 }), at(3));
    await t.store.putReceived(v2, assessed);

    const before = await t.store.pendingBefore(shard, at(60), 100);
    expect(await t.store.recordAssessment(assessmentArgs(id, 2, 'RELEASED', at(4), 'fp-none', 50, v2.history.length))).toBe(true);
    const after = await t.store.pendingBefore(shard, at(60), 100);

    expect(before).toContainEqual({ itemId: id, version: 2, pendingSince: at(3) });
    expect(after.map((p) => p.itemId)).not.toContain(id);
    expect(await t.store.pendingBefore(shard, at(3), 100)).not.toContainEqual(expect.objectContaining({ itemId: id })); // not older than the limit
  });

  it('refuses an amendment after a final decision', async () => {
    const id = nextId();
    const v1 = newParcel(declaration({ itemId: id }), 'shop-1', at(1));
    await t.store.putReceived(v1);
    const { response, entry } = decisionOf('DETAINED', 'key_customs', 1, at(2));
    await t.store.recordDecision(id, v1.history.length, response, entry);
    const v2 = amendedParcel(v1, declaration({ itemId: id, postage: 12 }), at(3));

    await expect(t.store.putReceived(v2, v1)).rejects.toBeInstanceOf(WriteConflict);

    expect((await t.store.get(id))?.status).toBe('DETAINED');
  });
});

describe('recordAssessment', () => {
  it('records the first assessment of a version, and the same version again returns false and changes nothing', async () => {
    const id = nextId();
    await t.store.putReceived(newParcel(declaration({ itemId: id }), 'shop-1', at(1)));

    const first = await t.store.recordAssessment(assessmentArgs(id, 1, 'RELEASED', at(2)));
    const again = await t.store.recordAssessment(assessmentArgs(id, 1, 'HELD_FOR_INSPECTION', at(3)));

    expect([first, again]).toEqual([true, false]);
    const stored = await t.store.get(id);
    expect(stored).toMatchObject({ status: 'RELEASED', updatedAt: at(2), customsResponse: { code: 'RELEASED', issuedAt: at(2) } });
    expect(stored?.history).toHaveLength(3); // received + assessed + response, not appended twice
  });

  it('returns false for a stale version once the parcel was amended', async () => {
    const id = nextId();
    const v1 = newParcel(declaration({ itemId: id }), 'shop-1', at(1));
    await t.store.putReceived(v1);
    await t.store.putReceived(amendedParcel(v1, declaration({ itemId: id, postage: 12 }), at(2)), v1);

    const stale = await t.store.recordAssessment(assessmentArgs(id, 1, 'RELEASED', at(3)));
    const current = await t.store.recordAssessment(assessmentArgs(id, 2, 'INFORMATION_REQUESTED', at(4), 'fp-none', 50, 2));

    expect([stale, current]).toEqual([false, true]);
    expect(await t.store.get(id)).toMatchObject({ version: 2, status: 'INFORMATION_REQUESTED', assessment: { version: 2 } });
  });

  it('returns false after a final decision, which stays', async () => {
    const id = nextId();
    const v1 = newParcel(declaration({ itemId: id }), 'shop-1', at(1));
    await t.store.putReceived(v1);
    const { response, entry } = decisionOf('REFUSED', 'key_customs', 1, at(2));
    await t.store.recordDecision(id, 1, response, entry);

    const recorded = await t.store.recordAssessment(assessmentArgs(id, 1, 'RELEASED', at(3)));

    expect(recorded).toBe(false);
    expect(await t.store.get(id)).toMatchObject({ status: 'REFUSED', customsResponse: { issuedBy: 'key_customs' } });
  });

  it('returns false for a version that is not stored yet', async () => {
    const id = nextId();
    await t.store.putReceived(newParcel(declaration({ itemId: id }), 'shop-1', at(1)));

    expect(await t.store.recordAssessment(assessmentArgs(id, 2, 'RELEASED', at(2)))).toBe(false);

    expect((await t.store.get(id))?.status).toBe('RECEIVED');
  });
});

describe('recordDecision', () => {
  it('appends the decision when the history length is the one read', async () => {
    const id = nextId();
    await t.store.putReceived(newParcel(declaration({ itemId: id }), 'shop-1', at(1)));
    await t.store.recordAssessment(assessmentArgs(id, 1, 'RELEASED', at(2)));
    const { response, entry } = decisionOf('HELD_FOR_INSPECTION', 'key_fr', 1, at(3));

    await t.store.recordDecision(id, 3, response, entry);

    const stored = await t.store.get(id);
    expect(stored).toMatchObject({ status: 'HELD_FOR_INSPECTION', updatedAt: at(3), customsResponse: response });
    expect(stored?.history.at(-1)).toEqual(entry);
  });

  it('throws WriteConflict when the history changed since it was read', async () => {
    const id = nextId();
    await t.store.putReceived(newParcel(declaration({ itemId: id }), 'shop-1', at(1)));
    const readLength = 1;
    await t.store.recordAssessment(assessmentArgs(id, 1, 'RELEASED', at(2))); // history is now 3 long
    const { response, entry } = decisionOf('DETAINED', 'key_fr', 1, at(3));

    await expect(t.store.recordDecision(id, readLength, response, entry)).rejects.toBeInstanceOf(WriteConflict);

    expect((await t.store.get(id))?.status).toBe('RELEASED');
  });

  it('throws WriteConflict after a final decision, even with the right history length', async () => {
    const id = nextId();
    await t.store.putReceived(newParcel(declaration({ itemId: id }), 'shop-1', at(1)));
    const first = decisionOf('DETAINED', 'key_fr', 1, at(2));
    await t.store.recordDecision(id, 1, first.response, first.entry);
    const second = decisionOf('RELEASED', 'key_fr', 1, at(3));

    await expect(t.store.recordDecision(id, 2, second.response, second.entry)).rejects.toBeInstanceOf(WriteConflict);

    expect((await t.store.get(id))?.status).toBe('DETAINED');
  });
});

describe('getMany', () => {
  it('reads more than 100 keys (several BatchGetItem calls) and leaves out unknown ones', async () => {
    const ids = Array.from({ length: 230 }, () => nextId());
    for (let i = 0; i < ids.length; i += 25) {
      await Promise.all(ids.slice(i, i + 25).map((id) => t.store.putReceived(newParcel(declaration({ itemId: id }), 'bulk', at(100)))));
    }
    const unknown = [nextId(), nextId()];

    const found = await t.store.getMany([...ids, ...unknown]);

    expect(found.map((p) => p.itemId).sort()).toEqual([...ids].sort());
    expect(found.every((p) => p.submittedBy === 'bulk' && !('listKey' in p))).toBe(true);
  });

  it('returns nothing for no keys', async () => {
    expect(await t.store.getMany([])).toEqual([]);
  });
});

describe('recentByRecipient', () => {
  it('returns the assessed parcels to one recipient received within the window, with their values', async () => {
    // prepare: 4 parcels to fp-window at minutes 0, 10, 20, 30; one to another recipient; one never assessed
    const minute = (m: number) => new Date(Date.UTC(2026, 10, 21, 9, m)).toISOString();
    const ids = [nextId(), nextId(), nextId(), nextId()];
    for (const [i, id] of ids.entries()) {
      await t.store.putReceived(newParcel(declaration({ itemId: id }), 'shop-1', minute(i * 10)));
      await t.store.recordAssessment(assessmentArgs(id, 1, 'RELEASED', minute(i * 10 + 1), 'fp-window', 100 + i));
    }
    const other = nextId();
    await t.store.putReceived(newParcel(declaration({ itemId: other }), 'shop-1', minute(15)));
    await t.store.recordAssessment(assessmentArgs(other, 1, 'RELEASED', minute(16), 'fp-other', 999));
    await t.store.putReceived(newParcel(declaration({ itemId: nextId() }), 'shop-1', minute(12)));

    // act: the window from minute 5 to minute 25
    const found = await t.store.recentByRecipient('fp-window', minute(5), minute(25));

    // assess
    expect(found.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))).toEqual([
      { itemId: ids[1], valueEur: 101, receivedAt: minute(10) },
      { itemId: ids[2], valueEur: 102, receivedAt: minute(20) },
    ]);
    expect(await t.store.recentByRecipient('fp-nobody', minute(0), minute(59))).toEqual([]);
  });
});
