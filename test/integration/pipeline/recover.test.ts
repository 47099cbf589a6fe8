// npm start --data-dir: parcels stored as RECEIVED survive a restart in DynamoDB, but their queued messages do not
// (the embedded SQS is in memory); on start they are queued again.
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { regionConfig, regionEnv } from '../../../infra/regions';
import { requeueUnassessed } from '../../../infra/local/recover';
import { type LocalRuntime, startLocalRuntime } from '../../../infra/local/runtime';
import { topology } from '../../../infra/topology';
import { memoryLog } from '../../../infra/local/log';
import { declarationHash, receivedParcel } from '../../../shared/parcels/parcel';
import { QUEUES } from '../../../shared/resources';
import { validateDeclaration } from '../../../shared/ead';
import { validDeclaration } from '../../fixtures/declarations';
import { s10Sequence } from '../../helpers/s10';

jest.setTimeout(30_000);

let rt: LocalRuntime | undefined;
afterAll(async () => {
  await rt?.close();
});

it('queues again every parcel still RECEIVED, and only those', async () => {
  // prepare: no consumer on the assessment queue, so what is queued stays there to be read
  const withoutConsumer = { ...topology, eventSources: topology.eventSources.filter((e) => e.queue !== QUEUES.assessment) };
  rt = await startLocalRuntime({ topology: withoutConsumer, log: memoryLog(), env: { ...regionEnv(regionConfig('eu-west-1')), POWERTOOLS_LOG_LEVEL: 'ERROR' } });
  const { parcelStore } = await import('../../../shared/wiring');
  const nextId = s10Sequence(50_000_000);
  const stored = [];
  for (let i = 0; i < 3; i++) {
    const v = validateDeclaration(validDeclaration({ itemId: nextId() }));
    if (!v.ok) throw new Error('fixture invalid');
    const p = receivedParcel(v.declaration, 'shop-1', declarationHash(v.declaration), new Date().toISOString());
    await parcelStore().putReceived(p);
    stored.push(p);
  }
  await parcelStore().recordAssessment({ itemId: stored[2]!.itemId, version: 1, historyLength: 1, history: [], assessment: { score: 0, level: 'LOW', hits: [], rulesetVersion: 'x', assessedAt: new Date().toISOString(), version: 1 }, customsResponse: { code: 'RELEASED', edifact7365: '4', issuedAt: new Date().toISOString(), issuedBy: 'risk-engine', reasons: [] } });

  // act
  const count = await requeueUnassessed(rt.env);

  // assess
  const sqs = new SQSClient({ region: 'eu-west-1', endpoint: rt.sqsEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: rt.queueUrls[QUEUES.assessment], MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
  sqs.destroy();
  expect(count).toBe(2);
  expect(Messages.map((m) => JSON.parse(m.Body!)).sort((a, b) => (a.itemId < b.itemId ? -1 : 1))).toEqual(stored.slice(0, 2).map((p) => ({ itemId: p.itemId, version: 1 })));
});
