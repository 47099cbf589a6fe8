// What two changes to a replay's reads save, measured side by side in one process so that the shared machine's load
// falls on both sides alike (the lab bench's end-to-end ratio spreads too widely to show them):
// - a page's items read and decoded (ReplayParcelReader.parcels, 1,000 at a time as a page does) from a table whose
//   documents are compressed as written now (preset dictionary) and from a copy whose documents are brotli (as before);
// - a replay's meta item read by a store that keeps the parsed candidate and by a new store per read (as before).
// The lab bench's 2,000 FR parcels (test/bench/lab-replay.ts), dynalite in a child process; the rounds alternate
// which side goes first. Run: node --require ./infra/local/esm-only.cjs --import tsx test/bench/lab-replay-ab.ts
// (AB_PARCELS 2000, AB_ROUNDS 16).
import { brotliCompressSync, constants } from 'node:zlib';
import { type AttributeValue, DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { provisionTable } from '#infra/local/provision';
import { topology } from '#infra/topology';
import type { Principal } from '#shared/auth/principal';
import { assessQueuedParcel } from '#shared/parcels/assess';
import { submitDeclarations } from '#shared/parcels/submit';
import { createRiskEngine, loadRulesConfig } from '#shared/risk/index';
import { loadDefaultScreener } from '#shared/risk/sanctions/index';
import { startReplay } from '#shared/rule-lab/replay';
import { shippedRulesets } from '#shared/rule-lab/replay-request';
import { decodeDocument } from '#shared/store/parcel-doc-codec';
import { ParcelStore } from '#shared/store/parcel-store';
import { ATTR, parcelsTable } from '#shared/store/parcel-table';
import { ReplayParcelReader, ReplayStore } from '#shared/store/replay-store';
import { startDynaliteChild } from './lab-replay';
import { labTraffic } from './lab-traffic';

const N = Number(process.env.AB_PARCELS ?? 2000);
const ROUNDS = Number(process.env.AB_ROUNDS ?? 16);
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };
const CUSTOMS_FR: Principal = { keyId: 'key_bench_customs', role: 'customs', country: 'FR' };

/** Microseconds of this process's CPU per unit of fn's work. */
async function cpuPer(units: number, fn: () => Promise<unknown>): Promise<number> {
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / units;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const line = (what: string, xs: number[]) => console.log(`  ${what}: median ${median(xs).toFixed(1)} µs, min ${Math.min(...xs).toFixed(1)} µs (${xs.length} rounds)`);

/** A copy of the parcels table with each document compressed by brotli, as the store wrote them before. */
async function brotliCopy(ddb: DynamoDBClient, table: string): Promise<void> {
  await provisionTable(ddb, parcelsTable(table));
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await ddb.send(new ScanCommand({ TableName: 'parcels', ExclusiveStartKey: start }));
    for (const item of out.Items ?? []) {
      const brotli = brotliCompressSync(JSON.stringify(decodeDocument(item[ATTR.body]!.B!)), BROTLI);
      await ddb.send(new PutItemCommand({ TableName: table, Item: { ...item, [ATTR.body]: { B: brotli } } }));
    }
    start = out.LastEvaluatedKey;
  } while (start);
}

async function main(): Promise<void> {
  const dynamo = await startDynaliteChild();
  const ddb = new DynamoDBClient({ region: 'eu-west-1', endpoint: dynamo.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    for (const t of topology.tables) await provisionTable(ddb, t);
    const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
    const store = new ParcelStore(doc, 'parcels');
    const shipped = loadRulesConfig('eu-west-1');
    const engine = createRiskEngine({ config: shipped, screener: loadDefaultScreener() });
    const clock = () => new Date();
    const from = clock().toISOString();
    const all = labTraffic(N);
    const shop: Principal = { keyId: 'key_bench', role: 'platform', tenantId: 'bench-shop' };
    for (let i = 0; i < all.length; i += 100) await submitDeclarations(all.slice(i, i + 100), shop, { store, enqueue: async () => [], now: clock, servedDestinations: new Set(['FR']) });
    for (const d of all) await assessQueuedParcel(JSON.stringify({ itemId: d.itemId, version: 1 }), { store, engine, events: { publish: async () => undefined }, now: clock });
    const to = clock().toISOString();
    await brotliCopy(ddb, 'parcels-brotli');

    const readers = { 'preset dictionary': new ReplayParcelReader(doc, 'parcels', store), 'brotli (before)': new ReplayParcelReader(doc, 'parcels-brotli', store) };
    const ids = (await readers['preset dictionary'].periodPage('FR', from, to, undefined, N)).items.map((k) => k.itemId);
    const pages: Record<string, number[]> = { 'preset dictionary': [], 'brotli (before)': [] };
    const replays = new ReplayStore(doc, 'replays');
    const started = await startReplay(
      CUSTOMS_FR,
      { ruleset: shipped.rulesetVersion, from, to },
      { replays, rulesets: shippedRulesets(shipped), enqueue: async () => undefined, now: () => clock().toISOString() },
    );
    if ('code' in started) throw new Error(started.detail);
    const metas: Record<string, number[]> = { 'candidate kept': [], 'a new store per read (before)': [] };
    for (let r = 0; r < ROUNDS; r++) {
      const order = (r % 2 ? ['preset dictionary', 'brotli (before)'] : ['brotli (before)', 'preset dictionary']) as (keyof typeof readers)[];
      for (const k of order) {
        pages[k]!.push(
          await cpuPer(ids.length, async () => {
            for (let i = 0; i < ids.length; i += 1000) await readers[k].parcels(ids.slice(i, i + 1000));
          }),
        );
      }
      for (const k of r % 2 ? ['candidate kept', 'a new store per read (before)'] : ['a new store per read (before)', 'candidate kept']) {
        metas[k]!.push(
          await cpuPer(20, async () => {
            for (let i = 0; i < 20; i++) await (k === 'candidate kept' ? replays : new ReplayStore(doc, 'replays')).get(started.id);
          }),
        );
      }
    }
    console.log(`  ${ids.length} FR parcels; CPU of this process`);
    for (const [k, xs] of Object.entries(pages)) line(`a page's items read and decoded, per parcel, documents ${k}`, xs);
    for (const [k, xs] of Object.entries(metas)) line(`the replay's meta item read, per message, ${k}`, xs);
  } finally {
    ddb.destroy();
    await dynamo.close();
  }
}

void main();
