// What one conditional PutItem costs locally, in CPU of every thread, three ways against dynalite on its own thread
// (as the local runtime runs it): through the DocumentClient (what the stores use), the low-level DynamoDBClient, and
// as a bare HTTP request with the same JSON body (no SDK). Each way twice, the second round warm; 3,000 puts, 32 in
// flight. Not a bench section (it compares no figure of the pipeline): the measure behind docs/local-runtime.md
// "The least work the guarantees need".
// Run: node --max-semi-space-size=32 --require ./infra/local/esm-only.cjs --import tsx test/bench/sdk-request-cost.ts
import { Agent, request } from 'node:http';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { provisionTable } from '#infra/local/provision';
import { threadCpu, type ThreadCpu } from '#infra/local/service-host';
import { startServiceThread } from '#infra/local/service-thread';
import { parcelsTable } from '#shared/store/parcel-table';
import { inParallel } from './floor';

const N = 3000;
const TABLE = 'sdk-cost';
const DOC = 'a'.repeat(300);
const CONDITION = 'attribute_not_exists(itemId)';

function bare(endpoint: string, agent: Agent): (body: string) => Promise<void> {
  const url = new URL(endpoint);
  const headers = {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'DynamoDB_20120810.PutItem',
    'x-amz-date': '20261204T000000Z',
    authorization: 'AWS4-HMAC-SHA256 Credential=local/20261204/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
  };
  return (body) =>
    new Promise((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, method: 'POST', path: '/', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`PutItem answered ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
}

async function main(): Promise<void> {
  const service = await startServiceThread({ kind: 'dynamodb' }, { log: { info: () => undefined, error: (line) => console.error(line) }, onCrash: (e) => console.error(e) });
  const ddb = new DynamoDBClient({ region: 'eu-west-1', endpoint: service.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const doc = DynamoDBDocumentClient.from(ddb);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const post = bare(service.endpoint, agent);
  try {
    await provisionTable(ddb, parcelsTable(TABLE));
    const item = (id: string) => ({ itemId: { S: id }, st: { S: 'RECEIVED' }, v: { N: '1' }, doc: { S: DOC } });
    const ways: [string, (id: string) => Promise<unknown>][] = [
      ['DocumentClient', (id) => doc.send(new PutCommand({ TableName: TABLE, Item: { itemId: id, st: 'RECEIVED', v: 1, doc: DOC }, ConditionExpression: CONDITION }))],
      ['DynamoDBClient', (id) => ddb.send(new PutItemCommand({ TableName: TABLE, Item: item(id), ConditionExpression: CONDITION }))],
      ['bare HTTP', (id) => post(JSON.stringify({ TableName: TABLE, Item: item(id), ConditionExpression: CONDITION }))],
    ];
    const perPut = (a: Partial<ThreadCpu>, b: Partial<ThreadCpu>) => ((b.userMs! + b.systemMs! - a.userMs! - a.systemMs!) / N).toFixed(3);
    for (const round of ['cold', 'warm'])
      for (const [name, put] of ways) {
        const ids = Array.from({ length: N }, (_, i) => `${round}-${name}-${i}`);
        const [m0, d0, p0, t0] = [threadCpu(), await service.cpu(), process.cpuUsage(), performance.now()];
        await inParallel(ids, 32, async (id) => void (await put(id)));
        const [m1, d1, p1, t1] = [threadCpu(), await service.cpu(), process.cpuUsage(), performance.now()];
        const all = ((p1.user + p1.system - p0.user - p0.system) / 1000 / N).toFixed(3);
        console.log(`${round} ${name}: per PutItem ${all} ms CPU in all threads (main ${perPut(m0, m1)}, dynalite ${perPut(d0, d1)}), wall ${((t1 - t0) / N).toFixed(3)} ms`);
      }
  } finally {
    ddb.destroy();
    agent.destroy();
    await service.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
