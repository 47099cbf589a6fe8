// What-if replay pages over the embedded DynamoDB and SQS: a page's recipient history answered from the parcels
// around it (or, for a busy destination, one index query per recipient) is the history live saw; and a replay whose
// page keeps failing ends FAILED, with its reason, once the page's last try fails (the message then in the DLQ).
import { DeleteMessageCommand, type Message, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { topology } from '#infra/topology';
import { type AssessPorts, assessQueuedParcel } from '#shared/parcels/assess';
import { type SubmitPorts, submitDeclarations } from '#shared/parcels/submit';
import { createRiskEngine, loadRulesConfig, recipientFingerprint } from '#shared/risk/index';
import { loadDefaultScreener } from '#shared/risk/sanctions/index';
import { REPLAY_MAX_RECEIVES, type ReplayPorts, runReplayMessage, startReplay } from '#shared/rule-lab/replay';
import { pageHistory } from '#shared/rule-lab/replay-history';
import { historyFactOf, judgedDeclaration, replayParcel } from '#shared/rule-lab/replay-parcel';
import { shippedRulesets } from '#shared/rule-lab/replay-request';
import { listReplays, readReplay } from '#shared/rule-lab/replay-view';
import { ATTR } from '#shared/store/parcel-table';
import { ReplayParcelReader, ReplayStore } from '#shared/store/replay-store';
import { sendBatch } from '#shared/store/queue';
import { QUEUES } from '#shared/resources';
import { dlqName } from '#infra/topology-types';
import { replayTraffic, splitPart } from '#test/fixtures/replay-traffic';
import { s10Sequence } from '#test/helpers/s10';
import { NO_EVENTS, useIngestAssess } from '#test/helpers/pipeline-services';
import { PRINCIPALS } from '#test/kit/auth';

jest.setTimeout(60_000);

const shipped = loadRulesConfig('eu-west-1');
const engine = createRiskEngine({ config: shipped, screener: loadDefaultScreener() });
const t = useIngestAssess({ servedDestinations: ['FR'], events: NO_EVENTS, engine });
let { sqs, provisioned } = t;
let ports: ReplayPorts;
let reader: ReplayParcelReader;
let submitPorts: SubmitPorts;
let assessPorts: AssessPorts;
const nextId = s10Sequence(72_000_000);
const { platform: shop, customs: customsFR, admin } = PRINCIPALS;
const now = () => new Date().toISOString();
const url = (name: string) => provisioned.queues[name]!.url;
const split: string[] = [];
let from: string;
let to: string;

async function receive(queueUrl: string): Promise<Message[]> {
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, AttributeNames: ['All'] }));
  return Messages;
}

beforeAll(async () => {
  ({ sqs, provisioned, submitPorts, assessPorts } = t);
  const { doc, store } = t;
  reader = new ReplayParcelReader(doc, 'parcels', store);
  ports = {
    replays: new ReplayStore(doc, 'replays'),
    parcels: reader,
    rulesets: shippedRulesets(shipped),
    enqueue: async (m) => void expect(await sendBatch(sqs, url(QUEUES.replay), m)).toEqual([]),
    engineFor: () => engine,
    now,
  };
  from = now();
  for (const { kind, declaration } of replayTraffic(nextId)) {
    await submitDeclarations([declaration], shop, submitPorts);
    await assessQueued();
    if (kind === 'split') split.push(declaration.itemId);
  }
  to = now();
});

/** Runs the live assess stage over what the assess queue holds. */
async function assessQueued(): Promise<void> {
  for (const m of await receive(url(QUEUES.assess))) {
    await assessQueuedParcel(m.Body!, assessPorts);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url(QUEUES.assess), ReceiptHandle: m.ReceiptHandle! }));
  }
}

/** The third part of the split shipment replayed alone in a page, its history found by `source`. */
async function replayThirdPartAlone(source: ReplayPorts['parcels']) {
  const [third] = await reader.parcels([split[2]!]);
  const judged = judgedDeclaration(third!)!;
  const need = { recipientFp: recipientFingerprint(judged.declaration!.recipient), since: engine.historySince(judged.stored.assessedAt), now: judged.stored.assessedAt };
  const history = await pageHistory('FR', [historyFactOf(third!)!], new Set([third!.itemId]), [need], source);
  const seen = await history.asOf(judged.stored.assessedAt).recentByRecipient(need.recipientFp, need.since, need.now);
  // The part itself may be answered too (as live answers it for a later version); the rule never counts it.
  return {
    seen: seen
      .map((h) => h.itemId)
      .filter((id) => id !== third!.itemId)
      .sort(),
    replayed: await replayParcel(engine, third!, judged, (at) => history.asOf(at)),
  };
}

describe('a page replayed alone', () => {
  it('finds the parts of a split shipment in other pages, around it in the period, as live did', async () => {
    const { seen, replayed } = await replayThirdPartAlone(reader);
    expect(seen).toEqual([split[0], split[1]].sort());
    expect(replayed).toMatchObject({ current: { response: 'HELD_FOR_INSPECTION' }, candidate: { response: 'HELD_FOR_INSPECTION' } });
    expect(replayed.candidate.hits.map((h) => h.ruleId)).toContain('SPLIT_SHIPMENT');
  });

  it('finds them by one index query per recipient where the period around it is too busy to read', async () => {
    const busy: ReplayPorts['parcels'] = Object.assign(Object.create(reader) as ReplayParcelReader, { historyAround: async () => 'too-many' as const });
    const { seen, replayed } = await replayThirdPartAlone(busy);
    expect(seen).toEqual([split[0], split[1]].sort());
    expect(replayed.candidate).toEqual(replayed.current);
  });
});

describe('the recipient-index facts read around a page', () => {
  it('are those of the whole items, also of a parcel amended before its first assessment', async () => {
    // Amended before live assessed it: its history is received v1, received v2, assessed v2 (the first assessment is
    // not the history's second entry).
    const amended = { ...splitPart(nextId()), recipient: { name: 'Paul Girard', address: { lines: ['1 quai Voltaire'], city: 'Paris', postcode: '75007', countryCode: 'FR' } } };
    await submitDeclarations([amended], shop, submitPorts);
    await submitDeclarations([{ ...amended, grossWeightKg: 0.4 }], shop, submitPorts);
    await assessQueued();
    const until = now();
    const [stored] = await reader.parcels([amended.itemId]);
    expect(stored!.history.map((h) => `${h.type} v${h.version}`).slice(0, 3)).toEqual(['parcel.received v1', 'parcel.received v2', 'parcel.assessed v2']);
    const ids = (await reader.periodPage('FR', from, until, undefined, 1000)).items.map((k) => k.itemId);
    const whole = (await reader.parcels(ids)).flatMap((p) => historyFactOf(p) ?? []);
    expect(whole.find((f) => f.itemId === amended.itemId)).toMatchObject({ firstAssessedAt: stored!.history[2]!.at, recipientFp: stored!.recipientFp });
    const byId = (facts: { itemId: string }[]) => [...facts].sort((a, b) => (a.itemId < b.itemId ? -1 : 1));
    expect(byId((await reader.historyAround('FR', from, until, new Set(), 1000)) as typeof whole)).toEqual(byId(whole));
    // Those of the page itself are left out.
    expect(await reader.historyAround('FR', from, until, new Set(ids), 1000)).toEqual([]);
  });
});

describe('the recipient-index facts of a parcel assessed before its index time was stored beside its document', () => {
  it('are read from its history, around a page and for a busy destination', async () => {
    const ids = (await reader.periodPage('FR', from, to, undefined, 1000)).items.map((k) => k.itemId);
    const whole = (await reader.parcels(ids)).flatMap((p) => historyFactOf(p) ?? []);
    const older = whole.filter((f) => split.includes(f.itemId)).map((f) => f.itemId);
    expect(older).toHaveLength(split.length);
    for (const itemId of older)
      await t.doc.send(new UpdateCommand({ TableName: 'parcels', Key: { itemId }, UpdateExpression: 'REMOVE #fa', ExpressionAttributeNames: { '#fa': ATTR.firstAssessedAt } }));
    const byId = (facts: { itemId: string }[]) => [...facts].sort((a, b) => (a.itemId < b.itemId ? -1 : 1));
    expect(byId((await reader.historyAround('FR', from, to, new Set(), 1000)) as typeof whole)).toEqual(byId(whole));
    expect(await reader.firstAssessedAt(older)).toEqual(new Map(whole.filter((f) => older.includes(f.itemId)).map((f) => [f.itemId, f.firstAssessedAt])));
    const { seen, replayed } = await replayThirdPartAlone(reader);
    expect(seen).toEqual([split[0], split[1]].sort());
    expect(replayed.candidate).toEqual(replayed.current);
  });
});

describe('a replay whose page keeps failing', () => {
  it('ends FAILED with the reason on its last try, and the page goes to the DLQ', async () => {
    const started = await startReplay(customsFR, { ruleset: shipped.rulesetVersion, from, to }, ports);
    if ('code' in started) throw new Error(started.detail);
    const broken: ReplayPorts = { ...ports, parcels: Object.assign(Object.create(reader) as ReplayParcelReader, { parcels: () => Promise.reject(new Error('parcels could not be read')) }) };
    const tries: number[] = [];
    const deadline = Date.now() + 40_000;
    while (Date.now() < deadline && tries.length < REPLAY_MAX_RECEIVES) {
      for (const m of await receive(url(QUEUES.replay))) {
        const receiveCount = Number(m.Attributes!.ApproximateReceiveCount);
        if ((JSON.parse(m.Body!) as { kind: string }).kind === 'plan') {
          await runReplayMessage(m.Body!, ports, { receiveCount });
          await sqs.send(new DeleteMessageCommand({ QueueUrl: url(QUEUES.replay), ReceiptHandle: m.ReceiptHandle! }));
          continue;
        }
        tries.push(receiveCount);
        // Left undeleted: SQS makes it visible again after the (1 s) visibility timeout, then moves it to the DLQ.
        await expect(runReplayMessage(m.Body!, broken, { receiveCount })).rejects.toThrow('parcels could not be read');
        const r = await readReplay(customsFR, started.id, undefined, ports);
        expect(r).toMatchObject({ outcome: 'found', view: { status: receiveCount < REPLAY_MAX_RECEIVES ? 'RUNNING' : 'FAILED' } });
      }
    }
    expect(tries).toEqual([1, 2, 3, 4, 5].slice(0, REPLAY_MAX_RECEIVES));
    const r = await readReplay(customsFR, started.id, undefined, ports);
    expect(r).toMatchObject({ outcome: 'found', view: { status: 'FAILED', failure: { reason: `page 0 failed ${REPLAY_MAX_RECEIVES} times; last error: parcels could not be read` } } });
    const dlq = provisioned.queues[QUEUES.replay]!.dlqUrl;
    const dead: Message[] = [];
    for (let wait = Date.now() + 15_000; dead.length === 0 && Date.now() < wait;) {
      // The next receive past maxReceiveCount is what moves the message.
      expect(await receive(url(QUEUES.replay))).toEqual([]);
      dead.push(...(await receive(dlq)));
    }
    expect(dead.map((m) => JSON.parse(m.Body!))).toEqual([expect.objectContaining({ kind: 'page', replayId: started.id, page: 0 })]);
    // A message of the failed replay that comes again is skipped, not run.
    expect(await runReplayMessage(dead[0]!.Body!, ports, { receiveCount: 1 })).toMatchObject({ outcome: 'skipped', reason: 'the replay failed' });
    expect(dlqName(QUEUES.replay)).toContain(QUEUES.replay);
  });

  it('has the queue maxReceiveCount the domain counts tries against', () => {
    expect(topology.queues.find((q) => q.name === QUEUES.replay)!.maxReceiveCount).toBe(REPLAY_MAX_RECEIVES);
  });
});

describe('the list of past replays', () => {
  it("lists a destination's replays newest first, a page at a time, to whom may read them", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const started = await startReplay(customsFR, { ruleset: shipped.rulesetVersion, from, to }, ports);
      if ('code' in started) throw new Error(started.detail);
      ids.push(started.id);
    }
    const seen: string[] = [];
    let page = await listReplays(customsFR, { limit: 2 }, ports);
    for (let n = 0; ; n++) {
      if ('code' in page) throw new Error(page.detail);
      expect(n).toBeLessThan(5);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      if (!page.next) break;
      page = await listReplays(customsFR, { limit: 2, after: page.next }, ports);
    }
    expect(seen.slice(0, 3)).toEqual([...ids].reverse());
    expect(await listReplays(admin, { destinationCountry: 'FR', limit: 1 }, ports)).toMatchObject({
      items: [{ id: ids[2], destinationCountry: 'FR', ruleset: { rulesetVersion: shipped.rulesetVersion } }],
    });
    expect(await listReplays(admin, { limit: 1 }, ports)).toMatchObject({ code: 'INVALID_REQUEST', errors: [{ pointer: '/destinationCountry' }] });
    expect(await listReplays(admin, { destinationCountry: 'DE', limit: 10 }, ports)).toEqual({ items: [] });
    expect(await listReplays({ keyId: 'k_de', role: 'customs', country: 'DE' }, { destinationCountry: 'FR', limit: 10 }, ports)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await listReplays(shop, { limit: 10 }, ports)).toMatchObject({ code: 'FORBIDDEN' });
    // A position of FR's listing is no cursor for DE's.
    const first = await listReplays(customsFR, { limit: 1 }, ports);
    if ('code' in first) throw new Error(first.detail);
    expect(await listReplays(admin, { destinationCountry: 'DE', limit: 1, after: first.next! }, ports)).toMatchObject({ code: 'INVALID_CURSOR' });
  });
});
