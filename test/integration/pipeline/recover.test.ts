// npm start --data-dir: on start, every stored version still awaiting its assessment is queued again (the journal
// brings back what was queued; this covers what never was), including an amendment waiting under a binding hold.
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { regionConfig, regionEnv } from '#infra/regions';
import { requeueUnassessed } from '#infra/local/recover';
import { type LocalRuntime, startLocalRuntime } from '#infra/local/runtime';
import { topology } from '#infra/topology';
import { memoryLog } from '#infra/local/log';
import { declarationHash, receivedParcel } from '#shared/parcels/parcel';
import { QUEUES } from '#shared/resources';
import { validateDeclaration } from '#shared/ead/index';
import { validDeclaration } from '#test/fixtures/declarations';
import { s10Sequence } from '#test/helpers/s10';

jest.setTimeout(30_000);

let rt: LocalRuntime | undefined;
afterAll(async () => {
  await rt?.close();
});

it('queues again every version still awaiting its assessment, and only those', async () => {
  // prepare: no consumer on the assess queue, so what is queued stays there to be read
  const withoutConsumer = { ...topology, eventSources: topology.eventSources.filter((e) => e.queue !== QUEUES.assess) };
  rt = await startLocalRuntime({ topology: withoutConsumer, log: memoryLog(), env: { ...regionEnv(regionConfig('eu-west-1')), POWERTOOLS_LOG_LEVEL: 'ERROR' } });
  const { parcelStore } = await import('#shared/wiring/parcels');
  const nextId = s10Sequence(50_000_000);
  const stored = [];
  for (let i = 0; i < 4; i++) {
    const v = validateDeclaration(validDeclaration({ itemId: nextId() }));
    if (!v.ok) throw new Error('fixture invalid');
    const p = receivedParcel(v.declaration, 'shop-1', declarationHash(v.declaration), new Date().toISOString());
    await parcelStore().putReceived(p);
    stored.push(p);
  }
  const assessedAt = new Date().toISOString();
  const assess = (itemId: string, code: 'RELEASED' | 'HELD_FOR_INSPECTION') =>
    parcelStore().recordAssessment({
      itemId,
      version: 1,
      historyLength: 1,
      history: [],
      assessment: { score: 0, level: 'LOW', hits: [], rulesetVersion: 'x', assessedAt, version: 1 },
      customsResponse: { code, edifact7365: null, issuedAt: assessedAt, issuedBy: 'risk-engine', reasons: [] },
    });
  await assess(stored[2]!.itemId, 'RELEASED');
  // a held parcel amended: its version 2 waits under the hold (status HELD_FOR_INSPECTION, not RECEIVED)
  await assess(stored[3]!.itemId, 'HELD_FOR_INSPECTION');
  const held = (await parcelStore().get(stored[3]!.itemId))!;
  const v2 = validateDeclaration({ ...validDeclaration({ itemId: held.itemId }), comments: 'amended' });
  if (!v2.ok) throw new Error('fixture invalid');
  await parcelStore().putReceived(receivedParcel(v2.declaration, held.submittedBy, declarationHash(v2.declaration), new Date().toISOString(), held), held);

  // act
  const count = await requeueUnassessed();

  // assess
  const sqs = new SQSClient({ region: 'eu-west-1', endpoint: rt.sqsEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: rt.queueUrls[QUEUES.assess], MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
  sqs.destroy();
  const want = [...stored.slice(0, 2).map((p) => ({ itemId: p.itemId, version: 1 })), { itemId: stored[3]!.itemId, version: 2 }];
  const byId = (a: { itemId: string }, b: { itemId: string }) => (a.itemId < b.itemId ? -1 : 1);
  expect(count).toBe(3);
  expect(Messages.map((m) => JSON.parse(m.Body!)).sort(byId)).toEqual(want.sort(byId));
});
