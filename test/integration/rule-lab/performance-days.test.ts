// Rule performance's day aggregates over the embedded DynamoDB: parcels of several days stored, the closed days
// aggregated, then outcomes and a decision recorded on closed days through the real use cases and the real stores
// (each marks its day dirty), the dirty days answered live until the aggregator recomputes them; at every step the
// merged answer equals the direct computation over the same stored parcels.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { provisionTable } from '#infra/local/provision';
import { type RunningService, startDynamoDb } from '#infra/local/services';
import type { Principal } from '#shared/auth/principal';
import { DeclarationSchema } from '#shared/ead/schema';
import { recordDecision } from '#shared/parcels/decisions';
import { recordOutcome } from '#shared/parcels/outcomes';
import { ENGINE, type HistoryEntry, type Parcel, declarationHash } from '#shared/parcels/parcel';
import { createRiskEngine, loadRulesConfig } from '#shared/risk/index';
import { loadDefaultScreener } from '#shared/risk/sanctions/index';
import { performanceAccumulator, rulePerformance } from '#shared/rule-lab/performance';
import { aggregateDays } from '#shared/rule-lab/performance-aggregate';
import { MARK_WINDOW_MS, dayMarker, rulePerformanceByDays } from '#shared/rule-lab/performance-days';
import { ParcelPeriodReader } from '#shared/store/parcel-period-reader';
import { ParcelStore } from '#shared/store/parcel-store';
import { parcelsTable } from '#shared/store/parcel-table';
import { PerformanceDayStoreDynamo, performanceDaysTable } from '#shared/store/performance-day-store';
import { ENGINE_VERDICTS } from '#test/fixtures/risk-declarations';
import { s10 } from '#test/helpers/s10';

jest.setTimeout(60_000);

let dynamo: RunningService;
let ddb: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let store: ParcelStore;
let days: PerformanceDayStoreDynamo;
let reader: ParcelPeriodReader;
let clock = Date.parse('2026-11-13T10:00:00.000Z');
const now = () => new Date(clock);
const customsFR: Principal = { keyId: 'key_customs_fr', role: 'customs', country: 'FR' };
const DAYS = ['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13'];
const KINDS = ['RELEASED', 'INFORMATION_REQUESTED', 'HELD_FOR_INSPECTION', 'DO_NOT_LOAD'] as const;
const stored: Parcel[] = [];

/** Parcels as the pipeline stores them: the engine's assessment and response, to FR or DE, 8 a day. */
function makeParcels(): Parcel[] {
  const engine = createRiskEngine({ config: loadRulesConfig('eu-west-1'), screener: loadDefaultScreener() });
  return DAYS.flatMap((day, d) =>
    Array.from({ length: 8 }, (_, i) => {
      const kind = KINDS[i % 4]!;
      const itemId = s10(73_000_000 + d * 100 + i);
      const declaration = DeclarationSchema.parse({ ...ENGINE_VERDICTS[kind](), itemId, ...(i % 3 === 2 ? { destinationCountry: 'DE' } : {}) });
      const at = `${day}T${String(8 + i).padStart(2, '0')}:00:00.000Z`;
      const assessment = engine.assess(declaration, [], at);
      const code = engine.decide(assessment).code;
      const history: HistoryEntry[] = [
        { at, type: 'parcel.received', version: 1, status: 'RECEIVED', submittedBy: `platform:shop-${i % 2}` },
        { at, type: 'parcel.assessed', version: 1, status: 'RECEIVED' },
        { at, type: 'customs.response.issued', version: 1, status: code, code, issuedBy: ENGINE, reasons: [] },
      ];
      return {
        itemId,
        version: 1,
        status: code,
        submittedBy: `platform:shop-${i % 2}`,
        receivedAt: at,
        updatedAt: at,
        declaration,
        declarationHash: declarationHash(declaration),
        assessment: { ...assessment, assessedAt: at, version: 1, engineResponse: code },
        customsResponse: { code, edifact7365: '', issuedAt: at, issuedBy: ENGINE, reasons: [] },
        history,
      } as Parcel;
    }),
  );
}

beforeAll(async () => {
  dynamo = await startDynamoDb();
  ddb = new DynamoDBClient({ region: 'eu-west-1', endpoint: dynamo.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await provisionTable(ddb, parcelsTable('parcels'));
  await provisionTable(ddb, performanceDaysTable('performance-days'));
  doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
  store = new ParcelStore(doc, 'parcels');
  days = new PerformanceDayStoreDynamo(doc, 'performance-days');
  reader = new ParcelPeriodReader(doc, 'parcels', store, 8, true);
  stored.push(...makeParcels());
  await store.putMany(stored);
});
afterAll(async () => {
  ddb?.destroy();
  await dynamo?.close();
});

const ports = () => ({ parcels: reader, days, now, lookbackDays: 4 });
const period = (destinationCountry?: string) => ({ from: '2026-11-10T00:00:00.000Z', to: '2026-11-13T23:59:59.999Z', ...(destinationCountry ? { destinationCountry } : {}) });
const heldOf = (day: string, dest: string) => stored.find((p) => p.receivedAt.startsWith(day) && p.declaration.destinationCountry === dest && p.status === 'HELD_FOR_INSPECTION')!;

/** The merged answer, checked against the direct computation over the same stored parcels. */
async function mergedEqualsDirect(destinationCountry?: string) {
  const merged = await rulePerformanceByDays(ports(), period(destinationCountry));
  expect(merged.report).toEqual(await rulePerformance(reader, period(destinationCountry)));
  return merged;
}

test('closed days are walked once; the merge equals the direct computation, per destination and for every one', async () => {
  expect(await aggregateDays(ports())).toEqual({ walked: ['2026-11-12', '2026-11-11', '2026-11-10', '2026-11-09'], recomputed: [], left: 0 });
  expect(await aggregateDays(ports())).toEqual({ walked: [], recomputed: [], left: 0 });
  const fr = await mergedEqualsDirect('FR');
  expect(fr.aggregatedDays).toEqual(['2026-11-10', '2026-11-11', '2026-11-12']);
  expect(fr.liveRanges).toEqual([{ from: '2026-11-13T00:00:00.000Z', to: '2026-11-13T23:59:59.999Z' }]);
  expect(fr.report.parcels).toBe(stored.filter((p) => p.declaration.destinationCountry === 'FR').length);
  const all = await mergedEqualsDirect();
  expect(all.aggregatedDays).toEqual(fr.aggregatedDays);
  expect(all.report.parcels).toBe(stored.length);
  // A period that starts mid-day reads that day live.
  const partial = await rulePerformanceByDays(ports(), { ...period('FR'), from: '2026-11-10T12:00:00.000Z' });
  expect(partial.aggregatedDays).toEqual(['2026-11-11', '2026-11-12']);
  expect(partial.report).toEqual(await rulePerformance(reader, { ...period('FR'), from: '2026-11-10T12:00:00.000Z' }));
});

test('outcomes and a decision on closed days: the days go dirty, are answered live, then recomputed; equal at every step', async () => {
  const changes = dayMarker(days, () => clock);
  const deps = { store, events: { publish: async () => undefined }, now, changes };
  const before = await mergedEqualsDirect('FR');
  clock += 60_000;
  expect(await recordOutcome(customsFR, heldOf('2026-11-11', 'FR').itemId, { result: 'FOUND', findings: ['PROHIBITED_OR_RESTRICTED'] }, deps)).toMatchObject({ outcome: 'recorded' });
  expect(await recordDecision(customsFR, heldOf('2026-11-12', 'FR').itemId, { code: 'RELEASED', reason: 'inspected: nothing found' }, deps)).toMatchObject({ outcome: 'recorded' });
  expect((await days.states(['2026-11-11', '2026-11-12'])).get('2026-11-11')!.marks).toEqual({ FR: new Date(clock + MARK_WINDOW_MS).toISOString() });

  const dirty = await mergedEqualsDirect('FR');
  expect(dirty.aggregatedDays).toEqual(['2026-11-10']);
  expect(dirty.report).not.toEqual(before.report);
  expect(dirty.report.active.byResponse.find((r) => r.code === 'HELD_FOR_INSPECTION')!.found).toBe(before.report.active.byResponse.find((r) => r.code === 'HELD_FOR_INSPECTION')!.found + 1);
  // DE's days were not touched: still answered by their aggregates.
  expect((await mergedEqualsDirect('DE')).aggregatedDays).toEqual(['2026-11-10', '2026-11-11', '2026-11-12']);
  expect((await mergedEqualsDirect()).aggregatedDays).toEqual(['2026-11-10']);

  // The aggregator waits for the marks to settle, then recomputes exactly the two (day, destination) pairs.
  expect(await aggregateDays(ports())).toEqual({ walked: [], recomputed: [], left: 0 });
  clock += MARK_WINDOW_MS + 1000;
  expect(await aggregateDays(ports())).toEqual({ walked: [], recomputed: ['2026-11-12 FR', '2026-11-11 FR'], left: 0 });
  expect((await days.states(['2026-11-11'])).get('2026-11-11')!.marks).toEqual({});
  const after = await mergedEqualsDirect('FR');
  expect(after.aggregatedDays).toEqual(['2026-11-10', '2026-11-11', '2026-11-12']);
  expect(after.report).toEqual(dirty.report);
  expect((await mergedEqualsDirect()).aggregatedDays).toEqual(['2026-11-10', '2026-11-11', '2026-11-12']);

  // The next day, 13 November is walked and the whole period comes from aggregates, still equal.
  clock = Date.parse('2026-11-14T01:00:00.000Z');
  expect(await aggregateDays(ports())).toMatchObject({ walked: ['2026-11-13'], recomputed: [] });
  expect(await mergedEqualsDirect('FR')).toMatchObject({ aggregatedDays: DAYS, liveRanges: [] });
  expect(await mergedEqualsDirect()).toMatchObject({ aggregatedDays: DAYS, liveRanges: [] });
});

test('an aggregate larger than one item is stored in parts and read back whole', async () => {
  const big = { destinationCountry: 'FR', coveredAt: now().toISOString(), acc: performanceAccumulator() };
  // Distinct durations do not compress away: about 1 MB of JSON.
  const durations = Array.from({ length: 60_000 }, (_, i) => i * 7.123 + Math.sin(i));
  big.acc.active.byRule.set('R', { parcels: 1, held: 1, outcomes: 0, found: 0, findings: new Map(), decisionSeconds: durations });
  await days.putAggregate('2026-10-01', big);
  const parts = await doc.send(
    new QueryCommand({ TableName: 'performance-days', KeyConditionExpression: '#d = :d', ExpressionAttributeNames: { '#d': 'day' }, ExpressionAttributeValues: { ':d': '2026-10-01' } }),
  );
  expect(parts.Items!.length).toBeGreaterThan(1);
  const back = await days.aggregates('2026-10-01', 'FR');
  expect(back.incomplete).toEqual([]);
  expect(back.aggregates[0]!.acc.active.byRule.get('R')!.decisionSeconds).toEqual([...durations].sort((a, b) => a - b));
  // A half-written recomputation (its first part from a later run) is not taken for an aggregate.
  await days.putAggregate('2026-10-01', { ...big, coveredAt: new Date(clock + 1).toISOString(), acc: performanceAccumulator() });
  await doc.send(new PutCommand({ TableName: 'performance-days', Item: { ...parts.Items!.find((i) => String(i.sk).endsWith('#001'))!, coveredAt: 'x' } }));
  await doc.send(new PutCommand({ TableName: 'performance-days', Item: { ...parts.Items!.find((i) => String(i.sk).endsWith('#000'))! } }));
  expect(await days.aggregates('2026-10-01', 'FR')).toEqual({ aggregates: [], incomplete: ['FR'] });
});
