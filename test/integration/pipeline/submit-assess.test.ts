// The ingest and assess stages' domain (submitDeclarations, assessQueuedParcel) with the real ParcelStore,
// the real risk engine and real SQS queues (embedded), but no pollers: the test moves each message itself,
// so it can redeliver, reorder and poison them. Amendments, half-failed batches and the reconciler are in
// submit-assess-amendments.test.ts.
import * as validation from '#shared/ead/validate';
// A pass-through spy (the real validation runs), to count how often the assess stage validates.
jest.mock('#shared/ead/validate', () => {
  const actual = jest.requireActual<typeof import('#shared/ead/validate')>('#shared/ead/validate');
  return { ...actual, validateDeclaration: jest.fn(actual.validateDeclaration) };
});
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '#shared/auth/principal';
import { PoisonMessage, assessQueuedParcel } from '#shared/parcels/assess';
import type { ParcelEvent } from '#shared/parcels/events';
import { recordDecision } from '#shared/parcels/decisions';
import { submitDeclarations } from '#shared/parcels/submit';
import { ATTR } from '#shared/store/parcel-table';
import { QUEUES } from '#shared/resources';
import { clone, validDeclaration } from '#test/fixtures/declarations';
import { s10Sequence } from '#test/helpers/s10';
import { shop1, shop2, useIngestAssess } from '#test/helpers/pipeline-services';

jest.setTimeout(60_000);

const t = useIngestAssess({ drainEach: true });
let { store, submitPorts, assessPorts } = t;
beforeAll(() => void ({ store, submitPorts, assessPorts } = t));
const nextId = s10Sequence(30_000_000);
const drain = (name: string) => t.drain(name);
const bodies = async (name: string) => (await drain(name)).map((m) => JSON.parse(m.Body!) as unknown);
const events = async () => (await bodies(QUEUES.publish)).map((b) => (b as { event: ParcelEvent }).event);

describe('submitDeclarations with the real store and queue', () => {
  it('stores a new declaration as version 1, RECEIVED, and queues { itemId, version }', async () => {
    const d = validDeclaration({ itemId: nextId() });

    const [r] = await submitDeclarations([d], shop1, submitPorts);

    expect(r).toMatchObject({ index: 0, outcome: 'accepted', parcel: { itemId: d.itemId, version: 1, status: 'RECEIVED', submittedBy: 'platform:shop-1' } });
    expect(await store.get(d.itemId)).toMatchObject({ version: 1, status: 'RECEIVED', history: [{ type: 'parcel.received', version: 1 }] });
    expect(await bodies(QUEUES.assess)).toEqual([{ itemId: d.itemId, version: 1, digest: (await store.get(d.itemId))!.declarationHash }]);
  });

  it('answers a mixed batch per parcel: valid, invalid with every error, destination not served, duplicate of another submitter', async () => {
    // prepare
    const taken = validDeclaration({ itemId: nextId() });
    await submitDeclarations([taken], shop2, submitPorts);
    await drain(QUEUES.assess);
    const valid = validDeclaration({ itemId: nextId() });
    const invalid = clone(validDeclaration({ itemId: 'CP719248651DE', currency: 'XXY' })) as Record<string, any>;
    invalid.contents[0].hsCode = '999999';
    const elsewhere = validDeclaration({
      itemId: nextId(),
      destinationCountry: 'US',
      recipient: { name: 'Joe', address: { lines: ['1 Main St'], city: 'Boston', postcode: '02108', countryCode: 'US' }, phone: '+16175550100' },
    });

    // act
    const results = await submitDeclarations([valid, invalid, elsewhere, taken], shop1, submitPorts);

    // assess
    expect(results.map((r) => [r.index, r.outcome, 'code' in r ? r.code : undefined])).toEqual([
      [0, 'accepted', undefined],
      [1, 'refused', 'INVALID_DECLARATION'],
      [2, 'refused', 'DESTINATION_NOT_SERVED'],
      [3, 'refused', 'ITEM_ID_TAKEN'],
    ]);
    const errors = (results[1] as { errors: { pointer: string; code: string }[] }).errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/itemId', code: 'INVALID_S10_CHECK_DIGIT' }),
        expect.objectContaining({ pointer: '/currency' }),
        expect.objectContaining({ pointer: '/contents/0/hsCode' }),
      ]),
    );
    expect(await store.get('CP719248651DE')).toBeUndefined();
    expect(await store.get(elsewhere.itemId)).toBeUndefined();
    expect((await store.get(taken.itemId))?.submittedBy).toBe('platform:shop-2');
    expect(await bodies(QUEUES.assess)).toEqual([{ itemId: valid.itemId, version: 1, digest: (await store.get(valid.itemId))!.declarationHash }]);
  });

  it('an identical resubmission changes nothing, and queues the version again while it is not assessed', async () => {
    const d = validDeclaration({ itemId: nextId() });
    await submitDeclarations([d], shop1, submitPorts);
    await drain(QUEUES.assess);

    const [again] = await submitDeclarations([clone(d)], shop1, submitPorts);

    expect(again).toMatchObject({ outcome: 'unchanged', parcel: { version: 1 } });
    expect(await bodies(QUEUES.assess)).toEqual([{ itemId: d.itemId, version: 1, digest: (await store.get(d.itemId))!.declarationHash }]);
    expect((await store.get(d.itemId))?.history).toHaveLength(1);
  });

  it('takes several declarations of one itemId in one batch in order: the second is an amendment', async () => {
    const id = nextId();
    const results = await submitDeclarations([validDeclaration({ itemId: id }), validDeclaration({ itemId: id, postage: 3 })], shop1, submitPorts);

    expect(results.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
    expect(await store.get(id)).toMatchObject({ version: 2, declaration: { postage: 3 } });
  });
});

describe('assessQueuedParcel with the real store and engine', () => {
  async function submitAndTakeMessage(d = validDeclaration({ itemId: nextId() }), who = shop1): Promise<string> {
    const [r] = await submitDeclarations([d], who, submitPorts);
    expect(r?.outcome).toBe('accepted');
    const [m] = await drain(QUEUES.assess);
    return m!.Body!;
  }

  it('assesses a queued version: stores assessment, customs response and history, and publishes one event per history entry', async () => {
    const body = await submitAndTakeMessage();
    const { itemId } = JSON.parse(body) as { itemId: string };

    const out = await assessQueuedParcel(body, assessPorts);

    expect(out).toMatchObject({ outcome: 'assessed', customsResponse: { code: 'RELEASED', edifact7365: '4', issuedBy: 'risk-engine' } });
    const p = await store.get(itemId);
    expect(p).toMatchObject({ status: 'RELEASED', assessment: { score: 0, level: 'LOW', version: 1, rulesetVersion: expect.any(String) }, customsResponse: { code: 'RELEASED' } });
    expect(p?.history.map((h) => h.type)).toEqual(['parcel.received', 'parcel.assessed', 'customs.response.issued']);
    const evs = await events();
    // Each event is a snapshot of its moment: the receipt knew no assessment and no response yet.
    expect(evs.map((e) => [e.type, e.data.sequence, e.data.status, e.data.customsResponse?.code, e.data.assessment?.rulesetVersion !== undefined])).toEqual([
      ['parcel.received', 1, 'RECEIVED', undefined, false],
      ['parcel.assessed', 2, 'RECEIVED', undefined, true],
      ['customs.response.issued', 3, 'RELEASED', 'RELEASED', true],
    ]);
  });

  it("validates once: the message of ingest carries the digest it validated, so the assess stage does not validate again; a message without it (the reconciler's) is validated", async () => {
    const spy = jest.mocked(validation.validateDeclaration);
    {
      // Recipients of their own: no split-shipment history for the other tests' parcels.
      const own = (name: string) => {
        const d = validDeclaration({ itemId: nextId() });
        return { ...d, recipient: { ...d.recipient, name } };
      };
      const body = await submitAndTakeMessage(own('Validated Once'));
      const { itemId, digest } = JSON.parse(body) as { itemId: string; digest: string };
      expect(digest).toBe((await store.get(itemId))!.declarationHash);
      spy.mockClear();
      expect(await assessQueuedParcel(body, assessPorts)).toMatchObject({ outcome: 'assessed' });
      expect(spy).not.toHaveBeenCalled();

      const other = await submitAndTakeMessage(own('Validated Again'));
      const { digest: _d, ...reconciled } = JSON.parse(other) as { itemId: string; version: number; digest: string };
      spy.mockClear();
      expect(await assessQueuedParcel(JSON.stringify(reconciled), assessPorts)).toMatchObject({ outcome: 'assessed' });
      expect(spy).toHaveBeenCalledTimes(1);
      // A digest that is not the stored declaration's proves nothing: validated again.
      const third = await submitAndTakeMessage(own('Validated Anew'));
      spy.mockClear();
      expect(await assessQueuedParcel(JSON.stringify({ ...JSON.parse(third), digest: 'not-the-hash' }), assessPorts)).toMatchObject({ outcome: 'assessed' });
      expect(spy).toHaveBeenCalledTimes(1);
    }
  });

  it('a redelivered message changes nothing and publishes the same events (same ids) again', async () => {
    const body = await submitAndTakeMessage();
    await assessQueuedParcel(body, assessPorts);
    const first = await events();
    const before = await store.get((JSON.parse(body) as { itemId: string }).itemId);

    const again = await assessQueuedParcel(body, assessPorts);

    expect(again).toMatchObject({ outcome: 'skipped' });
    expect(await store.get(before!.itemId)).toEqual(before);
    expect((await events()).map((e) => e.id)).toEqual(first.map((e) => e.id));
  });

  it("records the assessment but keeps an officer's decision taken before the engine assessed", async () => {
    // prepare: customs FR holds the parcel while its message is still queued
    const body = await submitAndTakeMessage();
    const { itemId } = JSON.parse(body) as { itemId: string };
    const customsFr: Principal = { keyId: 'key_customs_fr', role: 'customs', country: 'FR' };
    const decided = await recordDecision(customsFr, itemId, { code: 'HELD_FOR_INSPECTION', reason: 'x-ray first' }, { store, events: assessPorts.events, now: () => new Date() });
    expect(decided.outcome).toBe('recorded');

    // act
    const out = await assessQueuedParcel(body, assessPorts);

    // assess: assessed, the officer's response stands, no engine response in the history
    expect(out).toMatchObject({ outcome: 'assessed', customsResponse: { code: 'HELD_FOR_INSPECTION', issuedBy: 'key_customs_fr' } });
    const p = await store.get(itemId);
    expect(p).toMatchObject({ status: 'HELD_FOR_INSPECTION', assessment: { version: 1, level: 'LOW' }, customsResponse: { issuedBy: 'key_customs_fr' } });
    expect(p?.history.map((h) => [h.type, h.issuedBy])).toEqual([
      ['parcel.received', undefined],
      ['customs.response.issued', 'key_customs_fr'],
      ['parcel.assessed', undefined],
    ]);
    expect(await assessQueuedParcel(body, assessPorts)).toMatchObject({ outcome: 'skipped' });
  });

  it('skips the message of an amended version and assesses the amendment', async () => {
    const d = validDeclaration({ itemId: nextId() });
    const v1 = await submitAndTakeMessage(d);
    const v2 = await submitAndTakeMessage({ ...d, postage: 4 });

    const stale = await assessQueuedParcel(v1, assessPorts);
    const current = await assessQueuedParcel(v2, assessPorts);

    expect(stale).toEqual({ outcome: 'skipped', reason: expect.stringMatching(/amended/) });
    expect(current).toMatchObject({ outcome: 'assessed', parcel: { version: 2 } });
    expect(await store.get(d.itemId)).toMatchObject({ version: 2, status: 'RELEASED', assessment: { version: 2 } });
  });

  it('finds split shipments through the recipient index: the third parcel to one recipient over the de minimis is flagged', async () => {
    const recipient = { name: 'Jeanne Split', address: { lines: ['3 rue du Lac'], city: 'Lyon', postcode: '69001', countryCode: 'FR' }, phone: '+33612345679' };
    const hits: string[][] = [];
    for (let i = 0; i < 3; i++) {
      const body = await submitAndTakeMessage(
        validDeclaration({
          itemId: nextId(),
          recipient,
          contents: [{ description: 'Leather wallet', quantity: 1, netWeightKg: 0.1, value: 70, hsCode: '420232', originCountry: 'IT' }],
          totalValue: 70,
        }),
      );
      const out = await assessQueuedParcel(body, assessPorts);
      if (out.outcome !== 'assessed') throw new Error('not assessed');
      hits.push(((await store.get((JSON.parse(body) as { itemId: string }).itemId))?.assessment?.hits ?? []).map((h) => h.ruleId));
    }

    expect(hits[0]).not.toContain('SPLIT_SHIPMENT');
    expect(hits[1]).not.toContain('SPLIT_SHIPMENT');
    expect(hits[2]).toContain('SPLIT_SHIPMENT');
  });

  it('indexes a parcel by recipient only where the destination has a de minimis (a sparse index)', async () => {
    // prepare: FR has a de minimis in the eu-west-1 rules, NO has none
    const toFr = validDeclaration({ itemId: nextId() });
    const toNo = validDeclaration({
      itemId: nextId(),
      destinationCountry: 'NO',
      recipient: { ...validDeclaration().recipient, address: { lines: ['Karl Johans gate 1'], city: 'Oslo', postcode: '0154', countryCode: 'NO' } },
      ioss: undefined,
    });
    const raw = async (itemId: string) => (await t.doc.send(new GetCommand({ TableName: 'parcels', Key: { itemId } }))).Item;

    // act
    await submitDeclarations([toFr, toNo], shop1, { ...submitPorts, servedDestinations: undefined });
    for (const m of await drain(QUEUES.assess)) await assessQueuedParcel(m.Body!, assessPorts);

    // assess
    expect(await raw(toFr.itemId)).toMatchObject({ [ATTR.recipientFp]: expect.any(String), [ATTR.valueEur]: 50 });
    const no = await raw(toNo.itemId);
    expect(no).toMatchObject({ status: 'RELEASED' });
    expect(no).not.toHaveProperty(ATTR.recipientFp);
  });

  it('treats a body that is not { itemId, version } and an unknown itemId as poison', async () => {
    await expect(assessQueuedParcel('not json', assessPorts)).rejects.toBeInstanceOf(PoisonMessage);
    await expect(assessQueuedParcel(JSON.stringify({ itemId: 'CP1', version: 'x' }), assessPorts)).rejects.toBeInstanceOf(PoisonMessage);
    await expect(assessQueuedParcel(JSON.stringify({ itemId: nextId(), version: 1 }), assessPorts)).rejects.toBeInstanceOf(PoisonMessage);
    expect(await events()).toEqual([]);
  });

  it('fails (to be retried) a version that is not stored yet, without poisoning it', async () => {
    const body = await submitAndTakeMessage();
    const { itemId } = JSON.parse(body) as { itemId: string };

    const err = await assessQueuedParcel(JSON.stringify({ itemId, version: 2 }), assessPorts).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PoisonMessage);
    expect((await store.get(itemId))?.status).toBe('RECEIVED');
  });
});
