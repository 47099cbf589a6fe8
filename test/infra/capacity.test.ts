// The DynamoDB the CDK template creates is exactly what the cost model prices: every table and index of the
// template is one the model has a line for (derived from the topology, so a new table is priced or fails here),
// each with the keys, projection and capacity (on demand, or provisioned with autoscaling from the region's
// configuration) the model assumes. And the measured index writes follow DynamoDB's billing rules.
import { constructId } from '#infra/cdk/names';
import { regionConfig, tableCapacity } from '#infra/regions';
import { topology } from '#infra/topology';
import type { Topology } from '#infra/topology-types';
import { TABLES } from '#shared/resources';
import { indexWriteUnits } from '../bench/aws-cost/meter';
import { alternativeCapacity, cost, dynamoResources, idlePollingPerMonth, priceDynamo, provisionedFloor } from '../bench/aws-cost/pricing';
import { extendedTopology } from './fixtures';
import { REGIONS, resourcesOf, type Synthesized, useSynthesized } from './synth';

type TableResource = {
  Properties: {
    KeySchema: unknown;
    BillingMode?: string;
    ProvisionedThroughput?: unknown;
    GlobalSecondaryIndexes?: { IndexName: string; KeySchema: unknown; Projection: unknown; ProvisionedThroughput?: unknown }[];
  };
};

/** The template's billed DynamoDB resources, named as the model names them (`table`, `table/index`). */
function templateResources(s: Synthesized, t: Topology): string[] {
  return resourcesOf(s.dataTemplate, 'AWS::DynamoDB::Table').flatMap(([logicalId, r]) => {
    const def = t.tables.find((d) => logicalId.startsWith(constructId(d.name, 'Table')));
    if (!def) throw new Error(`the template has table ${logicalId}, which the topology (and so the cost model) does not know`);
    const gsis = ((r as unknown as TableResource).Properties.GlobalSecondaryIndexes ?? []).map((g) => `${def.name}/${g.IndexName}`);
    return [def.name, ...gsis];
  });
}

const keySchema = (pk: { name: string }, sk?: { name: string }) => [{ AttributeName: pk.name, KeyType: 'HASH' }, ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' }] : [])];
const projectionOf = (p: 'ALL' | string[] | undefined) =>
  p === undefined ? { ProjectionType: 'KEYS_ONLY' } : p === 'ALL' ? { ProjectionType: 'ALL' } : { ProjectionType: 'INCLUDE', NonKeyAttributes: p };

describe.each(REGIONS)('%s', (region) => {
  const config = regionConfig(region);
  const synthesized = useSynthesized(region);
  let { s, ext } = synthesized;
  beforeAll(() => void ({ s, ext } = synthesized));

  test('the template has exactly the tables and indexes the model prices, for the declared topology and one with a table more', () => {
    expect(templateResources(s, topology).sort()).toEqual(dynamoResources(topology).sort());
    expect(templateResources(ext, extendedTopology()).sort()).toEqual(dynamoResources(extendedTopology()).sort());
    expect(dynamoResources(extendedTopology())).toContain('test-outbox/byOwner');
  });

  test("the parcels table: exactly the layout's indexes (docs/storage-and-cost.md), keyed on the item's short table-only attributes", () => {
    const [, r] = resourcesOf(s.dataTemplate, 'AWS::DynamoDB::Table').find(([id]) => id.startsWith(constructId(TABLES.parcels, 'Table')))!;
    const gsis = (r as unknown as TableResource).Properties.GlobalSecondaryIndexes ?? [];
    const keys = (g: (typeof gsis)[number]) => (g.KeySchema as { AttributeName: string }[]).map((k) => k.AttributeName).join(', ');
    expect(gsis.map((g) => `${g.IndexName} (${keys(g)}) ${(g.Projection as { ProjectionType: string }).ProjectionType}`)).toEqual([
      'bySubmitter (ls, lk) KEYS_ONLY',
      'byOrigin (oc, lk) KEYS_ONLY',
      'byDestination (dc, lk) KEYS_ONLY',
      'byAll (sh, lk) KEYS_ONLY',
      'byRecipient (rf, receivedAt) INCLUDE',
      'byPending (ps, pt) INCLUDE',
    ]);
  });

  test('each table and index: the keys and projection declared, and the capacity mode and units of the region', () => {
    for (const def of topology.tables) {
      const [, r] = resourcesOf(s.dataTemplate, 'AWS::DynamoDB::Table').find(([id]) => id.startsWith(constructId(def.name, 'Table')))!;
      const p = (r as unknown as TableResource).Properties;
      expect(p.KeySchema).toEqual(keySchema(def.partitionKey, def.sortKey));
      const units = tableCapacity(config.capacity, def.name);
      const throughput = units ? { ReadCapacityUnits: units.read.min, WriteCapacityUnits: units.write.min } : undefined;
      expect([p.BillingMode, p.ProvisionedThroughput]).toEqual(units ? [undefined, throughput] : ['PAY_PER_REQUEST', undefined]);
      expect((p.GlobalSecondaryIndexes ?? []).map((g) => [g.IndexName, g.KeySchema, g.Projection, g.ProvisionedThroughput])).toEqual(
        def.indexes.map((ix) => [ix.name, keySchema(ix.partitionKey, ix.sortKey), projectionOf(ix.projection), throughput]),
      );
    }
  });

  test('provisioned capacity scales each table and each index, reads and writes, between min and max at the target utilisation', () => {
    const targets = resourcesOf(s.dataTemplate, 'AWS::ApplicationAutoScaling::ScalableTarget').map(
      ([, r]) => r.Properties as { MinCapacity: number; MaxCapacity: number; ScalableDimension: string; ResourceId: unknown },
    );
    const policies = resourcesOf(s.dataTemplate, 'AWS::ApplicationAutoScaling::ScalingPolicy').map(([, r]) => r.Properties as { TargetTrackingScalingPolicyConfiguration: { TargetValue: number } });
    if (config.capacity.mode === 'on-demand') {
      expect([targets.length, policies.length]).toEqual([0, 0]);
      return;
    }
    const expected = topology.tables.flatMap((def) => {
      const u = tableCapacity(config.capacity, def.name)!;
      const dims = (kind: 'table' | 'index') => [
        [`dynamodb:${kind}:ReadCapacityUnits`, u.read.min, u.read.max],
        [`dynamodb:${kind}:WriteCapacityUnits`, u.write.min, u.write.max],
      ];
      return [...dims('table'), ...def.indexes.flatMap(() => dims('index'))];
    });
    const sort = (xs: unknown[][]) => xs.map((x) => JSON.stringify(x)).sort();
    expect(sort(targets.map((t) => [t.ScalableDimension, t.MinCapacity, t.MaxCapacity]))).toEqual(sort(expected));
    expect(policies.map((p) => p.TargetTrackingScalingPolicyConfiguration.TargetValue)).toEqual(targets.map(() => config.capacity.mode === 'provisioned' && config.capacity.targetUtilizationPercent));
  });
});

describe('the cost model', () => {
  const usage = new Map([
    ['parcels', { wru: 2000, rru: 1000 }],
    ['parcels/byOrigin', { wru: 1000, rru: 0 }],
  ]);
  const onDemand = { mode: 'on-demand' } as const;

  test('prices every table and index of the topology, measured or not, and refuses a measured table it does not declare', () => {
    const lines = priceDynamo(topology, usage, 1000, onDemand);
    expect(lines.map((l) => l.resource)).toEqual(dynamoResources(topology));
    expect(lines.find((l) => l.resource === 'parcels')).toMatchObject({ wruPerParcel: 2, rruPerParcel: 1, dollars: 2 * 0.625 + 0.125 });
    expect(lines.find((l) => l.resource === 'api-keys')?.dollars).toBe(0);
    expect(() => priceDynamo(topology, new Map([['test-outbox', { wru: 1, rru: 0 }]]), 1, onDemand)).toThrow(/test-outbox, which the topology does not declare/);
    expect(priceDynamo(extendedTopology(), new Map([['test-outbox', { wru: 1000, rru: 0 }]]), 1000, onDemand).find((l) => l.resource === 'test-outbox')?.dollars).toBe(0.625);
  });

  test('provisioned: consumed units over an hour at the target utilisation; a floor per month at the minimum', () => {
    const c = alternativeCapacity(onDemand);
    expect(c.mode).toBe('provisioned');
    const [parcels] = priceDynamo(topology, usage, 1000, c);
    // 2 WRU per parcel: 2 M WRU per million parcels = 555.6 WCU-hours, / 0.7 = 793.7, × $0.00065.
    expect(parcels!.writes).toBeCloseTo((2e6 / 3600 / 0.7) * 0.00065, 6);
    expect(provisionedFloor(topology, c)).toBeCloseTo(dynamoResources(topology).length * 730 * (0.00065 + 0.00013), 6);
    expect(provisionedFloor(topology, onDemand)).toBe(0);
  });

  test('idle polling is a fixed cost per event source: 5 long polls of 20 s at a time, all month', () => {
    // 5 pollers × 180 receives an hour × 730 hours = 657,000 receives per event source, at $0.40 per million.
    expect(idlePollingPerMonth(topology)).toBeCloseTo(topology.eventSources.length * 657_000 * 0.4e-6, 9);
    expect(idlePollingPerMonth({ eventSources: [] })).toBe(0);
  });

  test('the bill adds up its lines', () => {
    const m = {
      parcels: 1000,
      apiRequests: 10,
      apiBytes: 10 * 100_000,
      functions: new Map([['ingest', { invocations: 10, billedMs: 1000, memoryMb: 1024 }]]),
      sqsRequests: 100,
      dynamo: usage,
      logBytes: 0,
      traces: 10,
    };
    const c = cost(m, topology, onDemand);
    expect(c.total).toBeCloseTo(
      Object.values(c.lines).reduce((a, b) => a + b, 0),
      9,
    );
    expect(c.lines['DynamoDB writes']).toBeCloseTo(3 * 0.625, 9);
    expect(c.lines['API Gateway']).toBeCloseTo(0.01, 9); // 10 requests per 1,000 parcels: 10,000 per million at $1 per million
  });
});

describe('index writes, as DynamoDB bills them', () => {
  const table = { name: 't', partitionKey: { name: 'id', type: 'S' as const }, indexes: [] };
  const ix = { name: 'byOwner', partitionKey: { name: 'owner', type: 'S' as const }, sortKey: { name: 'at', type: 'S' as const }, projection: ['n'] };
  const item = (o: Record<string, unknown>) => ({ id: 'a', ...o });

  test.each([
    ['not in the index before or after', item({}), item({ x: 1 }), 0],
    ['enters the index', item({}), item({ owner: 'o', at: '1' }), 1],
    ['leaves the index', item({ owner: 'o', at: '1' }), item({}), 1],
    ['its key changes: delete and put', item({ owner: 'o', at: '1' }), item({ owner: 'o', at: '2' }), 2],
    ['a projected attribute changes', item({ owner: 'o', at: '1', n: 1 }), item({ owner: 'o', at: '1', n: 2 }), 1],
    ['an attribute it does not project changes', item({ owner: 'o', at: '1', x: 1 }), item({ owner: 'o', at: '1', x: 2 }), 0],
    ['enters with an attribute it does not project (not in the entry)', undefined, item({ owner: 'o', at: '1', n: 1, pad: 'x'.repeat(1500) }), 1],
  ])('%s: %d', (_why, before, after, expected) => {
    expect(indexWriteUnits(table, ix, before, after)).toBe(expected);
  });

  test('an entry of 1.5 KB costs 2', () => {
    expect(indexWriteUnits(table, { ...ix, projection: ['pad'] }, undefined, item({ owner: 'o', at: '1', pad: 'x'.repeat(1500) }))).toBe(2);
  });
});
