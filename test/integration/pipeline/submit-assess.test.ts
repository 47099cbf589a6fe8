// The ingest and assess stages' domain (submitDeclarations, assessQueuedParcel) with the real ParcelStore,
// the real risk engine and real SQS queues (embedded), but no pollers: the test moves each message itself,
// so it can redeliver, reorder and poison them.
import * as validation from '../../../shared/ead/validate';
// A pass-through spy (the real validation runs), to count how often the assess stage validates.
jest.mock('../../../shared/ead/validate', () => {
  const actual = jest.requireActual<typeof import('../../../shared/ead/validate')>('../../../shared/ead/validate');
  return { ...actual, validateDeclaration: jest.fn(actual.validateDeclaration) };
});
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { DeleteMessageCommand, type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { topology } from '../../../infra/topology';
import { provision, type Provisioned } from '../../../infra/local/provision';
import { startDynamoDb, startSqs, type RunningService } from '../../../infra/local/services';
import type { Principal } from '../../../shared/auth/principal';
import { type AssessPorts, PoisonMessage, assessQueuedParcel } from '../../../shared/parcels/assess';
import type { EventPublisher, ParcelEvent } from '../../../shared/parcels/events';
import { recordDecision } from '../../../shared/parcels/decisions';
import { type SubmitPorts, submitDeclarations } from '../../../shared/parcels/submit';
import { createRiskEngine, loadRulesConfig } from '../../../shared/risk';
import { loadDefaultScreener } from '../../../shared/risk/sanctions';
import { ParcelStore } from '../../../shared/store/parcel-store';
import { sendBatch } from '../../../shared/store/queue';
import { QUEUES } from '../../../shared/resources';
import { clone, validDeclaration } from '../../fixtures/declarations';
import { s10Sequence } from '../../helpers/s10';
import { AMENDMENT_MATRIX, ENGINE_CODES } from '../../fixtures/amendment-matrix';
import { ENGINE_VERDICTS } from '../../fixtures/risk-declarations';
import { reconcile } from '../../../shared/parcels/reconcile';
import { PENDING_SHARD_KEYS } from '../../../shared/store/parcel-table';
import { RECEIVED_SHARD_KEYS, ReceivedWalker } from '../../../shared/store/parcel-marks';

jest.setTimeout(60_000);

let dynamo: RunningService;
let sqsService: RunningService;
let ddb: DynamoDBClient;
let sqs: SQSClient;
let provisioned: Provisioned;
let store: ParcelStore;
let doc: DynamoDBDocumentClient;
let submitPorts: SubmitPorts;
let assessPorts: AssessPorts;
const nextId = s10Sequence(30_000_000);
const shop1: Principal = { keyId: 'key_shop1', role: 'platform', tenantId: 'shop-1' };
const shop2: Principal = { keyId: 'key_shop2', role: 'platform', tenantId: 'shop-2' };

beforeAll(async () => {
  dynamo = await startDynamoDb();
  sqsService = await startSqs({ region: 'eu-west-1', accountId: '000000000000' });
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  ddb = new DynamoDBClient({ region: 'eu-west-1', endpoint: dynamo.endpoint, credentials });
  sqs = new SQSClient({ region: 'eu-west-1', endpoint: sqsService.endpoint, credentials });
  provisioned = await provision({ ...topology, queues: topology.queues.map((q) => ({ ...q, visibilityTimeoutSeconds: 1 })) }, { ddb, sqs });
  doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
  store = new ParcelStore(doc, 'parcels');
  const now = () => new Date();
  submitPorts = {
    store,
    enqueue: async (messages) => (await sendBatch(sqs, queueUrl(QUEUES.assess), messages)).map((m) => m.itemId),
    now,
    servedDestinations: new Set(['FR', 'DE', 'ES']),
  };
  const events: EventPublisher = {
    async publish(evs) {
      const failed = await sendBatch(sqs, queueUrl(QUEUES.publish), evs);
      if (failed.length) throw new Error('could not publish');
    },
  };
  assessPorts = { store, engine: createRiskEngine({ config: loadRulesConfig('eu-west-1'), screener: loadDefaultScreener() }), events, now };
});
afterAll(async () => {
  ddb?.destroy();
  sqs?.destroy();
  await sqsService?.close();
  await dynamo?.close();
});
beforeEach(async () => {
  // Each test starts with empty queues (PurgeQueue is allowed once a minute, so drain them).
  for (const q of [QUEUES.assess, QUEUES.publish]) await drain(q);
});

const queueUrl = (name: string) => provisioned.queues[name]!.url;

/** Everything on a queue now (received, then deleted). */
async function drain(name: string): Promise<Message[]> {
  const out: Message[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl(name), MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (Messages.length === 0) return out;
    for (const m of Messages) await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl(name), ReceiptHandle: m.ReceiptHandle! }));
    out.push(...Messages);
  }
}
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
    const raw = async (itemId: string) => (await doc.send(new GetCommand({ TableName: 'parcels', Key: { itemId } }))).Item;

    // act
    await submitDeclarations([toFr, toNo], shop1, { ...submitPorts, servedDestinations: undefined });
    for (const m of await drain(QUEUES.assess)) await assessQueuedParcel(m.Body!, assessPorts);

    // assess
    expect(await raw(toFr.itemId)).toMatchObject({ recipientFp: expect.any(String), valueEur: 50 });
    const no = await raw(toNo.itemId);
    expect(no).toMatchObject({ status: 'RELEASED' });
    expect(no).not.toHaveProperty('recipientFp');
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

describe('customs stays in control: amendments through the real store and engine', () => {
  const customsFr: Principal = { keyId: 'key_customs_fr', role: 'customs', country: 'FR' };
  const decisionPorts = () => ({ store, events: assessPorts.events, now: () => new Date() });
  async function submitAndAssess(d: ReturnType<typeof validDeclaration>, who = shop1) {
    const [r] = await submitDeclarations([d], who, submitPorts);
    if (r?.outcome !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(r)}`);
    const [m] = await drain(QUEUES.assess);
    return { accepted: r, outcome: await assessQueuedParcel(m!.Body!, assessPorts) };
  }

  describe.each(AMENDMENT_MATRIX.map((r) => [`${r.by} ${r.code}`, r] as const))('standing %s', (_name, row) => {
    it.each(ENGINE_CODES.map((c) => [c, row.after[c]] as const))('an amendment the engine answers %s leaves %j', async (engineCode, [code, by]) => {
      // prepare: the standing response, from the engine or from an officer after the engine released
      const itemId = nextId();
      await submitAndAssess({ ...ENGINE_VERDICTS[row.by === 'engine' ? row.code : 'RELEASED'](), itemId });
      if (row.by === 'officer') expect((await recordDecision(customsFr, itemId, { code: row.code, reason: 'officer' }, decisionPorts())).outcome).toBe('recorded');

      // act: the filer amends, the engine assesses the amendment
      const { accepted, outcome } = await submitAndAssess({ ...ENGINE_VERDICTS[engineCode](), itemId, comments: 'amended' });

      // assess
      expect(accepted.parcel.status).toBe(row.pending);
      expect(outcome).toMatchObject({ outcome: 'assessed', parcel: { version: 2 } });
      const p = await store.get(itemId);
      expect([p?.customsResponse?.code, p?.customsResponse?.issuedBy === 'risk-engine' ? 'engine' : 'officer']).toEqual([code, by]);
      expect(p).toMatchObject({ version: 2, status: code, assessment: { version: 2, engineResponse: engineCode } });
    });
  });

  it('an officer may still lift the hold after the amendment', async () => {
    const itemId = nextId();
    await submitAndAssess({ ...ENGINE_VERDICTS.HELD_FOR_INSPECTION(), itemId });
    await submitAndAssess({ ...ENGINE_VERDICTS.RELEASED(), itemId });

    const lifted = await recordDecision(customsFr, itemId, { code: 'RELEASED', reason: 'inspected: nothing found' }, decisionPorts());

    expect(lifted).toMatchObject({ outcome: 'recorded', customsResponse: { code: 'RELEASED', issuedBy: 'key_customs_fr' } });
    expect((await store.get(itemId))?.status).toBe('RELEASED');
  });

  it('refuses an amendment that moves the route, and changes nothing', async () => {
    const itemId = nextId();
    await submitAndAssess({ ...ENGINE_VERDICTS.HELD_FOR_INSPECTION(), itemId });
    const before = await store.get(itemId);
    const recipient = { ...validDeclaration().recipient, address: { lines: ['1 Rue Neuve'], city: 'Bruxelles', postcode: '1000', countryCode: 'BE' } };

    const [moved] = await submitDeclarations(
      [{ ...ENGINE_VERDICTS.RELEASED(), itemId, destinationCountry: 'DE', recipient: { ...recipient, address: { ...recipient.address, countryCode: 'DE' } } }],
      shop1,
      submitPorts,
    );
    const [fromElsewhere] = await submitDeclarations(
      [{ ...ENGINE_VERDICTS.RELEASED(), itemId, originCountry: 'ES', sender: { ...validDeclaration().sender, address: { ...validDeclaration().sender.address, countryCode: 'ES' } } }],
      shop1,
      submitPorts,
    );

    expect([moved, fromElsewhere].map((r) => r && 'code' in r && r.code)).toEqual(['ROUTE_CHANGED', 'ROUTE_CHANGED']);
    expect(await store.get(itemId)).toEqual(before);
    expect(await bodies(QUEUES.assess)).toEqual([]);
  });

  it('more amendments than the region allows within its window are themselves a finding, and hold the parcel', async () => {
    const itemId = nextId();
    const codes: string[] = [];
    for (let n = 0; n < 5; n++) {
      const { outcome } = await submitAndAssess({ ...ENGINE_VERDICTS.INFORMATION_REQUESTED(), itemId, comments: `try ${n}` });
      codes.push(outcome.outcome === 'assessed' ? outcome.customsResponse.code : outcome.outcome);
    }

    // 3 amendments are within the default limit (24 h, 3); the 4th (the 5th version) is one too many.
    expect(codes).toEqual(['INFORMATION_REQUESTED', 'INFORMATION_REQUESTED', 'INFORMATION_REQUESTED', 'INFORMATION_REQUESTED', 'HELD_FOR_INSPECTION']);
    const hits = (await store.get(itemId))?.assessment?.hits ?? [];
    expect(hits.find((h) => h.ruleId === 'AMENDMENTS_FREQUENT')).toMatchObject({ pointer: '', evidence: { amendments: 4, windowHours: 24, maxInWindow: 3 } });
  });

  it('the post of the issuing country takes its itemId back from a filer that claimed it; the filer then sees nothing', async () => {
    const postDe: Principal = { keyId: 'key_post_de', role: 'post', country: 'DE' };
    const itemId = nextId(); // ...DE: issued by the post of DE
    await submitAndAssess({ ...ENGINE_VERDICTS.RELEASED(), itemId }, shop2);

    const [mine] = await submitDeclarations([{ ...ENGINE_VERDICTS.RELEASED(), itemId, comments: 'the real declaration' }], postDe, submitPorts);
    const [squatter] = await submitDeclarations([{ ...ENGINE_VERDICTS.RELEASED(), itemId, comments: 'again' }], shop2, submitPorts);

    expect(mine).toMatchObject({ outcome: 'accepted', parcel: { version: 2, submittedBy: 'post:DE' } });
    expect(squatter).toMatchObject({ outcome: 'refused', code: 'ITEM_ID_TAKEN' });
    expect(squatter && 'detail' in squatter && squatter.detail).not.toMatch(/shop|platform|post/);
    const p = await store.get(itemId);
    expect(p?.history.filter((h) => h.type === 'parcel.received').map((h) => h.submittedBy)).toEqual(['platform:shop-2', 'post:DE']);
  });
});

describe('a batch never stores a parcel without queueing it or saying it can be sent again', () => {
  it('one declaration whose write fails is answered SUBMISSION_FAILED; the others are stored, queued and answered', async () => {
    const good = [validDeclaration({ itemId: nextId() }), validDeclaration({ itemId: nextId() })];
    const bad = validDeclaration({ itemId: nextId() });
    const failing: SubmitPorts = {
      ...submitPorts,
      store: { get: (id) => store.get(id), putReceived: async (p, prev) => (p.itemId === bad.itemId ? Promise.reject(new Error('injected write failure')) : store.putReceived(p, prev)) },
    };

    const results = await submitDeclarations([good[0], bad, good[1]], shop1, failing);

    expect(results.map((r) => [r.outcome, 'code' in r ? r.code : undefined])).toEqual([
      ['accepted', undefined],
      ['refused', 'SUBMISSION_FAILED'],
      ['accepted', undefined],
    ]);
    expect((await bodies(QUEUES.assess)).map((b) => (b as { itemId: string }).itemId).sort()).toEqual(good.map((d) => d.itemId).sort());
  });

  it('a queue that throws is answered QUEUE_UNAVAILABLE for what was stored, and an identical resubmission queues it', async () => {
    const d = validDeclaration({ itemId: nextId() });

    const down = { ...submitPorts, enqueue: () => Promise.reject(new Error('queue down')) };
    const [r] = await submitDeclarations([d], shop1, down);
    const [stillDown] = await submitDeclarations([clone(d)], shop1, down); // sent again while the queue is still down
    const [again] = await submitDeclarations([clone(d)], shop1, submitPorts);

    expect(r).toMatchObject({ outcome: 'refused', code: 'QUEUE_UNAVAILABLE' });
    expect(stillDown).toMatchObject({ outcome: 'refused', code: 'QUEUE_UNAVAILABLE' });
    expect(again).toMatchObject({ outcome: 'unchanged' });
    expect(await bodies(QUEUES.assess)).toEqual([{ itemId: d.itemId, version: 1, digest: (await store.get(d.itemId))!.declarationHash }]);
  });
});

describe('the reconciler', () => {
  it('queues again the versions left unassessed longer than the limit, and nothing else', async () => {
    // prepare: two parcels stored but never queued (an enqueue that loses everything), one assessed
    const lost = [validDeclaration({ itemId: nextId() }), validDeclaration({ itemId: nextId() })];
    await submitDeclarations(lost, shop1, { ...submitPorts, enqueue: async (m) => m.map((x) => x.itemId) });
    const assessed = await submitAndTakeBody(validDeclaration({ itemId: nextId() }));
    await assessQueuedParcel(assessed, assessPorts);
    const ports = reconcilePorts;

    // act
    const tooEarly = await reconcile(ports(300, new Date()));
    const later = await reconcile(ports(300, new Date(Date.now() + 301_000)));

    // assess
    expect(tooEarly).toEqual({ requeued: 0, failed: 0 });
    const queued = (await bodies(QUEUES.assess)) as { itemId: string; version: number }[];
    expect(queued.filter((m) => lost.some((d) => d.itemId === m.itemId)).sort((a, b) => (a.itemId < b.itemId ? -1 : 1))).toEqual(
      lost.map((d) => ({ itemId: d.itemId, version: 1 })).sort((a, b) => (a.itemId < b.itemId ? -1 : 1)),
    );
    expect(queued.map((m) => m.itemId)).not.toContain((JSON.parse(assessed) as { itemId: string }).itemId);
    expect(later.requeued).toBe(queued.length);
  });

  const walker = () => new ReceivedWalker(doc, 'parcels');
  const reconcilePorts = (afterSeconds: number, now: Date, enqueue = (messages: { itemId: string; version: number }[]) => sendBatch(sqs, queueUrl(QUEUES.assess), messages)) => ({
    pendingBefore: (shard: string, before: string, limit: number) => store.pendingBefore(shard, before, limit),
    shards: PENDING_SHARD_KEYS,
    receivedSinceMark: (shard: string, before: string, limit: number) => walker().receivedSinceMark(shard, before, limit),
    advanceMark: (shard: string, to: { scannedTo: string } | { retryFrom: string }) => walker().advanceMark(shard, to),
    receivedShards: RECEIVED_SHARD_KEYS,
    enqueue,
    afterSeconds,
    now: () => now,
  });

  it('walks first versions from a mark: what was queued again is not queued again, what could not be queued is, and an amendment is found through the pending index', async () => {
    const at = (s: number) => new Date(Date.now() + 1000 * (600 + s)); // after the previous test's walk
    const lost = validDeclaration({ itemId: nextId() });
    await submitDeclarations([lost], shop1, { ...submitPorts, now: () => at(0), enqueue: async (m) => m.map((x) => x.itemId) });
    const send = (ms: { itemId: string; version: number }[]) => sendBatch(sqs, queueUrl(QUEUES.assess), ms);
    // Whatever else earlier tests left unassessed is queued as usual; only this parcel's queueing fails, once.
    const lostFails = reconcilePorts(300, at(301), async (ms) => [...ms.filter((x) => x.itemId === lost.itemId), ...(await send(ms.filter((x) => x.itemId !== lost.itemId)))]);
    const queuedNow = async (): Promise<{ itemId: string; version: number }[]> => ((await bodies(QUEUES.assess)) as { itemId: string; version: number }[]).filter((b) => b.itemId === lost.itemId);

    expect(await reconcile(lostFails)).toMatchObject({ failed: 1 });
    expect(await queuedNow()).toEqual([]);
    await reconcile(reconcilePorts(300, at(302)));
    expect(await queuedNow()).toEqual([{ itemId: lost.itemId, version: 1 }]); // the mark stayed on it
    await reconcile(reconcilePorts(300, at(303)));
    expect(await queuedNow()).toEqual([]); // now past it

    // An amendment keeps its first receipt's place (behind the mark): the pending index has it.
    const amended = { ...lost, postage: 12.5 };
    await submitDeclarations([amended], shop1, { ...submitPorts, now: () => at(400), enqueue: async (ms) => ms.map((x) => x.itemId) });
    await reconcile(reconcilePorts(300, at(701)));
    expect(await queuedNow()).toEqual([{ itemId: lost.itemId, version: 2 }]);
    // A mark's item is no parcel.
    expect(await store.get('#reconcile#all#0')).toBeUndefined();
  });

  async function submitAndTakeBody(d: ReturnType<typeof validDeclaration>): Promise<string> {
    await submitDeclarations([d], shop1, submitPorts);
    const [m] = await drain(QUEUES.assess);
    return m!.Body!;
  }
});
