// A sanctions list update on the embedded services: the parcels table (dynalite) found through its byAll index, the
// clearances table, the assess queue (local-aws-sqs) and a directory as the list bucket. Accepting a release,
// refusing one that is not a list or shrinks, ending the clearances of changed entries, and queueing exactly the
// parcels of the window a change may move, resumed after a crash between acceptance and re-screening.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { provisionTable } from '#infra/local/provision';
import { startSqs } from '#infra/local/services';
import { type Declaration, validateDeclaration } from '#shared/ead/index';
import { type Parcel, declarationHash, receivedParcel } from '#shared/parcels/parcel';
import { partyFingerprint } from '#shared/risk/clearances';
import { type CustomsResponseCode, createRiskEngine, loadRulesConfig } from '#shared/risk/index';
import { referenceDataPath } from '#shared/reference/files';
import { BUNDLED_SDN_FILE, buildScreeningList, bundledScreeningList, listVersionOf } from '#shared/screening/list';
import { REFUSED_KEY, type RefreshPorts, refreshSanctionsList } from '#shared/screening/refresh';
import { ACTIVE_KEY, directoryListStore, incomingKey } from '#shared/screening/store';
import { ClearanceStore, clearancesTable } from '#shared/store/clearance-store';
import { ParcelStore } from '#shared/store/parcel-store';
import { sendBatch } from '#shared/store/queue';
import { sanctionedRecipient } from '#test/fixtures/risk-declarations';
import { NEWLY_LISTED, sdnLine } from '#test/fixtures/sdn-lists';
import { s10Sequence } from '#test/helpers/s10';
import { type TestDynamo, startTestDynamo } from '../store/dynamo';
import { ALL_SHARD_KEYS, allShardSource } from '#shared/store/parcel-table';

jest.setTimeout(60_000);

let db: TestDynamo;
let sqsService: { endpoint: string; close(): Promise<void> };
let sqs: SQSClient;
let queueUrl: string;
let dir: string;
const lists = () => directoryListStore(dir);
const parcels = () => new ParcelStore(db.doc, 'parcels');
const clearances = () => new ClearanceStore(db.doc, 'sanctions-clearances');
const nextId = s10Sequence(81_000_000);
let now = new Date('2026-12-02T10:00:00.000Z');

beforeAll(async () => {
  db = await startTestDynamo();
  await provisionTable(db.ddb, clearancesTable('sanctions-clearances'));
  sqsService = await startSqs({ region: 'eu-west-1', accountId: '000000000000' });
  sqs = new SQSClient({ region: 'eu-west-1', endpoint: sqsService.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'assess' }))).QueueUrl!;
  dir = mkdtempSync(join(tmpdir(), 'sanctions-lists-'));
});
afterAll(async () => {
  sqs?.destroy();
  await sqsService?.close();
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ports = (over: Partial<RefreshPorts> = {}): RefreshPorts => ({
  lists: lists(),
  parcels: { listKeys: (shard, before, limit) => parcels().listKeys(allShardSource(shard), before, limit), getMany: (ids) => parcels().getMany(ids), shards: ALL_SHARD_KEYS },
  clearances: clearances(),
  enqueue: (m) => sendBatch(sqs, queueUrl, m),
  config: { maxShrinkShare: 0.1, rescreenWindowDays: 7 },
  settleSeconds: 90,
  now: () => now,
  ...over,
});

async function received(): Promise<string[]> {
  const bodies: string[] = [];
  for (let i = 0; i < 10; i++) {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 600 }));
    if (!out.Messages?.length) break;
    bodies.push(...out.Messages.map((m) => m.Body!));
  }
  return bodies;
}

const engine = createRiskEngine({ config: loadRulesConfig('eu-west-1'), screener: bundledScreeningList().screener });
function declaration(recipientName: string): Declaration {
  const base = sanctionedRecipient();
  const v = validateDeclaration({ ...base, itemId: nextId(), recipient: { ...base.recipient, name: recipientName } });
  if (!v.ok) throw new Error('fixture invalid');
  return v.declaration;
}
/** A parcel stored and assessed with the bundled list, received `daysAgo` days before now. */
async function assessed(recipientName: string, daysAgo: number, status?: CustomsResponseCode): Promise<Parcel> {
  const d = declaration(recipientName);
  const at = new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
  const p = receivedParcel(d, 'platform:shop-1', declarationHash(d), at);
  await parcels().putReceived(p);
  const a = engine.assess(d, [], at);
  const code = status ?? engine.decide(a).code;
  const response = { code, edifact7365: null, issuedAt: at, issuedBy: 'risk-engine', reasons: [] };
  await parcels().recordAssessment({
    itemId: d.itemId,
    version: 1,
    historyLength: 1,
    assessment: { ...a, assessedAt: at, version: 1, engineResponse: engine.decide(a).code },
    customsResponse: response,
    history: [],
  });
  return (await parcels().get(d.itemId))!;
}

const bundled = bundledScreeningList();
const sdnText = () => readFileSync(referenceDataPath(BUNDLED_SDN_FILE), 'utf8');

it('refuses a release that is not a list, or that shrinks past the limit, and keeps the list in use', async () => {
  await lists().write(incomingKey('sdn'), 'nothing,here\r\n');
  expect(await refreshSanctionsList(ports())).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/not an SDN list/) });
  const cut = sdnText().split('\r\n').slice(0, 1000).join('\r\n');
  await lists().write(incomingKey('sdn'), cut);
  const r = await refreshSanctionsList(ports());
  expect(r).toMatchObject({ outcome: 'refused', listVersion: listVersionOf({ sdn: cut }), reason: expect.stringMatching(/fewer than the \d+ in use/) });
  expect(JSON.parse((await lists().read(REFUSED_KEY))!)).toMatchObject({ listVersion: listVersionOf({ sdn: cut }) });
  expect(await lists().read(ACTIVE_KEY)).toBeUndefined();
});

it('takes a release, ends the clearances of its changed entries, and after the settling time queues exactly the parcels it may move', async () => {
  const listedSoon = await assessed('Balthasar Quirinus Okonedo', 1);
  const hitOnChanged = await assessed('Eusebio Arzallus Tapia', 2);
  const untouched = await assessed('Claire Martin', 1);
  const tooOld = await assessed('Balthasar Quirinus Okonedo', 8);
  const final = await assessed('Balthasar Quirinus Okonedo', 1, 'DETAINED');
  const digest = bundled.entryDigest(7182)!;
  const clearance = {
    id: 'clr_refresh1',
    country: 'ES',
    party: 'recipient' as const,
    partyName: 'x',
    fingerprint: partyFingerprint(hitOnChanged.declaration.recipient),
    entNum: 7182,
    entryDigest: digest,
    listVersion: bundled.listVersion,
    itemId: hitOnChanged.itemId,
    by: 'key_o',
    at: now.toISOString(),
    until: '2027-06-01T00:00:00.000Z',
    reason: 'r',
  };
  await clearances().put(clearance);
  const sdn =
    sdnText()
      .replace('7182,"ARZALLUS TAPIA, Eusebio","individual","SDGT"', '7182,"ARZALLUS TAPIA, Eusebio","individual","SDGT] [EU"')
      .replace(/\u001a?\s*$/, '\r\n') +
    sdnLine(NEWLY_LISTED) +
    '\r\n';
  await lists().write(incomingKey('sdn'), sdn);

  const accepted = await refreshSanctionsList(ports());
  expect(accepted).toMatchObject({ outcome: 'accepted', listVersion: listVersionOf({ sdn }), changed: 1, added: 1, removed: 0, clearancesEnded: 1 });
  expect(await clearances().get(clearance.id)).toMatchObject({ endedAt: now.toISOString(), endReason: 'LIST_ENTRY_CHANGED' });
  expect(JSON.parse((await lists().read(ACTIVE_KEY))!)).toMatchObject({ listVersion: listVersionOf({ sdn }), previous: bundled.listVersion, rescreen: 'pending' });
  // Before every function uses the new list, nothing is screened again.
  now = new Date(now.getTime() + 60_000);
  expect(await refreshSanctionsList(ports())).toMatchObject({ outcome: 'unchanged' });
  expect(await received()).toEqual([]);

  // A crash here (the re-screen never ran) is resumed by the next run: active.json still says pending.
  now = new Date(now.getTime() + 31_000);
  const rescreened = await refreshSanctionsList(ports());

  expect(rescreened).toMatchObject({ outcome: 'rescreened', queued: 2, failed: 0 });
  const queued = (await received()).map((b) => JSON.parse(b));
  expect(queued.map((m) => m.itemId).sort()).toEqual([listedSoon.itemId, hitOnChanged.itemId].sort());
  expect(queued.every((m) => m.version === 1 && m.rescreen === listVersionOf({ sdn }) && m.queuedAt === now.toISOString())).toBe(true);
  for (const p of [untouched, tooOld, final]) expect(queued.map((m) => m.itemId)).not.toContain(p.itemId);
  expect(JSON.parse((await lists().read(ACTIVE_KEY))!)).toMatchObject({ rescreen: 'done' });
  expect(await refreshSanctionsList(ports())).toMatchObject({ outcome: 'unchanged' });
  expect(buildScreeningList({ sdn }, { listVersion: 'x' }).screener.screen('Balthasar Quirinus Okonedo')[0]?.entNum).toBe(NEWLY_LISTED.entNum);
});
