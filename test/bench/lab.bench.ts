// `npm run bench -- lab`: the rule lab's figures (issue 11), each beside its baseline in the same run.
// - rule-performance latency over 100,000 stored parcels of one destination (LAB_PARCELS to change the count), beside
//   a plain read of the same parcels (the same index walk and BatchGets, whole items, nothing computed); and the
//   computation alone over the parcels in memory. Seeded straight into the embedded DynamoDB with BatchWrite.
// - the what-if replay's throughput beside the risk engine alone on the same parcels (./lab-replay.ts).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { provisionTable } from '#infra/local/provision';
import { startDynamoDb } from '#infra/local/services';
import { ENGINE, type HistoryEntry, type Parcel, declarationHash, isHold } from '#shared/parcels/parcel';
import { type PerformanceParcel, addParcel, performanceAccumulator, performanceReport, rulePerformance } from '#shared/rule-lab/performance';
import { DeclarationSchema } from '#shared/ead/schema';
import { createRiskEngine, loadRulesConfig } from '#shared/risk/index';
import { loadDefaultScreener } from '#shared/risk/sanctions/index';
import { ParcelPeriodReader } from '#shared/store/parcel-period-reader';
import { ParcelStore } from '#shared/store/parcel-store';
import { parcelsTable, periodSources } from '#shared/store/parcel-table';
import { mapLimit } from '#shared/util';
import { ENGINE_VERDICTS } from '../fixtures/risk-declarations';
import { s10 } from '../helpers/s10';
import { percentile, printFigure } from './report';
import { runReplayBench } from './lab-replay';
import { dayAggregateLatency } from './lab-performance';

/** Rounds of each read (LAB_ROUNDS): over 100,000 parcels in dynalite one round takes minutes. */
const ROUNDS = Number(process.env.LAB_ROUNDS ?? 2);
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const DAY = 86_400_000;
const START = Date.parse('2026-11-01T00:00:00.000Z');

/** Parcels as the pipeline stores them: the engine's assessment of four kinds of declaration, a third of the holds inspected. */
function makeParcels(count: number): Parcel[] {
  const engine = createRiskEngine({ config: loadRulesConfig('eu-west-1'), screener: loadDefaultScreener() });
  const kinds = [ENGINE_VERDICTS.RELEASED, ENGINE_VERDICTS.RELEASED, ENGINE_VERDICTS.INFORMATION_REQUESTED, ENGINE_VERDICTS.HELD_FOR_INSPECTION, ENGINE_VERDICTS.DO_NOT_LOAD].map((make) => {
    const declaration = DeclarationSchema.parse(make());
    const assessment = engine.assess(declaration, [], new Date(START).toISOString());
    return { declaration, assessment, code: engine.decide(assessment).code };
  });
  return Array.from({ length: count }, (_, i) => {
    const k = kinds[i % kinds.length]!;
    const itemId = s10(90_000_000 + i);
    const at = new Date(START + Math.floor((i / count) * 28 * DAY)).toISOString();
    const later = (minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();
    const history: HistoryEntry[] = [
      { at, type: 'parcel.received', version: 1, status: 'RECEIVED', submittedBy: `platform:shop-${i % 20}` },
      { at: later(1), type: 'parcel.assessed', version: 1, status: 'RECEIVED' },
      { at: later(1), type: 'customs.response.issued', version: 1, status: k.code, code: k.code, issuedBy: ENGINE, reasons: [] },
    ];
    if (isHold(k.code) && i % 3 === 0) {
      history.push({
        at: later(90),
        type: 'parcel.inspected',
        version: 1,
        status: k.code,
        issuedBy: 'key_officer',
        result: i % 2 ? 'FOUND' : 'NOTHING_FOUND',
        findings: i % 2 ? ['PROHIBITED_OR_RESTRICTED'] : [],
      });
      history.push({ at: later(120), type: 'customs.response.issued', version: 1, status: 'RELEASED', code: 'RELEASED', issuedBy: 'key_officer', reasons: ['inspected'] });
    }
    const declaration = { ...k.declaration, itemId };
    return {
      itemId,
      version: 1,
      status: history[history.length - 1]!.status,
      submittedBy: `platform:shop-${i % 20}`,
      receivedAt: at,
      updatedAt: later(1),
      declaration,
      declarationHash: declarationHash(declaration),
      assessment: { ...k.assessment, assessedAt: later(1), version: 1, engineResponse: k.code },
      history,
    };
  });
}

/** Rule-performance latency over `LAB_PARCELS` (100,000) stored parcels, beside a plain read of the same parcels. */
export async function rulePerformanceLatency(): Promise<void> {
  const count = Number(process.env.LAB_PARCELS ?? 100_000);
  const dynamo = await startDynamoDb();
  const ddb = new DynamoDBClient({ region: 'eu-west-1', endpoint: dynamo.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await provisionTable(ddb, parcelsTable('parcels'));
    const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
    const store = new ParcelStore(doc, 'parcels');
    const parcels = makeParcels(count);
    const seedStart = performance.now();
    const chunks = Array.from({ length: Math.ceil(count / 500) }, (_, i) => parcels.slice(i * 500, i * 500 + 500));
    await mapLimit(chunks, 4, (c) => store.putMany(c));
    const seedSeconds = (performance.now() - seedStart) / 1000;
    printFigure({ name: `seeding ${count.toLocaleString('en-US')} parcels (BatchWrite, 25 per call, 4 in flight)`, value: seedSeconds, unit: 's', baseline: undefined });

    const period = { from: new Date(START).toISOString(), to: new Date(START + 28 * DAY).toISOString(), destinationCountry: 'FR' };
    const reader = new ParcelPeriodReader(doc, 'parcels', store);
    const perfMs: number[] = [];
    const plainMs: number[] = [];
    let counted = 0;
    let direct: Awaited<ReturnType<typeof rulePerformance>> | undefined;
    for (let r = 0; r < ROUNDS; r++) {
      let t = performance.now();
      const report = await rulePerformance(reader, period);
      perfMs.push(performance.now() - t);
      counted = report.parcels;
      direct = report;
      t = performance.now();
      await plainRead(store, period);
      plainMs.push(performance.now() - t);
    }
    if (counted !== count) throw new Error(`rule performance counted ${counted} parcels of ${count}`);
    printFigure({
      name: `rule performance over ${count.toLocaleString('en-US')} stored parcels (median of ${ROUNDS})`,
      value: median(perfMs),
      unit: 'ms',
      baseline: { name: 'plain read of the same parcels (same walk, whole items, nothing computed)', value: median(plainMs) },
    });
    // The same request from per-day aggregates (./lab-performance.ts), beside this direct computation.
    await dayAggregateLatency({ doc, ddb, store, period, directMs: median(perfMs), report: direct! });

    const inMemory = parcels as PerformanceParcel[];
    const computeMs: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t = performance.now();
      const acc = performanceAccumulator();
      for (const p of inMemory) addParcel(acc, p);
      performanceReport(acc, period);
      computeMs.push(performance.now() - t);
    }
    printFigure({ name: `the computation alone over the ${count.toLocaleString('en-US')} parcels in memory (median of 3)`, value: median(computeMs), unit: 'ms' });
  } finally {
    ddb.destroy();
    await dynamo.close();
  }
}

/** The same parcels read the way a listing reads them: the destination index newest first, BatchGets of whole items. */
async function plainRead(store: ParcelStore, period: { from: string; to: string; destinationCountry: string }): Promise<number> {
  let read = 0;
  let before: string | undefined = `${period.to}#\uffff`;
  while (before) {
    const page = await store.listKeys(periodSources(period.destinationCountry)[0]!, before, 1000);
    const inPeriod = page.filter((k) => k.listKey >= period.from);
    const ids = Array.from({ length: Math.ceil(inPeriod.length / 100) }, (_, i) => inPeriod.slice(i * 100, i * 100 + 100).map((k) => k.itemId));
    await mapLimit(ids, 8, async (c) => void (read += (await store.getMany(c)).length));
    before = page.length === 1000 && inPeriod.length === page.length ? page[page.length - 1]!.listKey : undefined;
  }
  return read;
}

/** LAB_ONLY=replay (or performance) runs one of the two: seeding the 100,000 parcels takes minutes. */
export async function run(): Promise<void> {
  const only = process.env.LAB_ONLY;
  if (only !== 'replay') await rulePerformanceLatency();
  if (only !== 'performance') await runReplayBench();
}
