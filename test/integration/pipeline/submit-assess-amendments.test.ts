// The ingest and assess stages' domain with the real ParcelStore, the real risk engine and real SQS queues (embedded),
// no pollers (the test moves each message itself): customs' decisions against amendments, batches that half fail,
// and the reconciler. The submissions and the assess stage alone are in submit-assess.test.ts.
import type { Principal } from '#shared/auth/principal';
import { assessQueuedParcel } from '#shared/parcels/assess';
import { recordDecision } from '#shared/parcels/decisions';
import { type SubmitPorts, submitDeclarations } from '#shared/parcels/submit';
import { sendBatch } from '#shared/store/queue';
import { QUEUES } from '#shared/resources';
import { clone, validDeclaration } from '#test/fixtures/declarations';
import { s10Sequence } from '#test/helpers/s10';
import { shop1, shop2, useIngestAssess } from '#test/helpers/pipeline-services';
import { AMENDMENT_MATRIX, ENGINE_CODES } from '#test/fixtures/amendment-matrix';
import { ENGINE_VERDICTS } from '#test/fixtures/risk-declarations';
import { reconcile } from '#shared/parcels/reconcile';
import { PENDING_SHARD_KEYS } from '#shared/store/parcel-table';
import { RECEIVED_SHARD_KEYS, ReceivedWalker } from '#shared/store/parcel-marks';

jest.setTimeout(60_000);

const t = useIngestAssess({ drainEach: true });
let { store, submitPorts, assessPorts } = t;
beforeAll(() => void ({ store, submitPorts, assessPorts } = t));
const nextId = s10Sequence(30_000_000);
const queueUrl = (name: string) => t.queueUrl(name);
const drain = (name: string) => t.drain(name);
const bodies = async (name: string) => (await drain(name)).map((m) => JSON.parse(m.Body!) as unknown);

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

  const walker = () => new ReceivedWalker(t.doc, 'parcels');
  const reconcilePorts = (afterSeconds: number, now: Date, enqueue = (messages: { itemId: string; version: number }[]) => sendBatch(t.sqs, queueUrl(QUEUES.assess), messages)) => ({
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
    const send = (ms: { itemId: string; version: number }[]) => sendBatch(t.sqs, queueUrl(QUEUES.assess), ms);
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
