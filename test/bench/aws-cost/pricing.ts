// The AWS cost model: list prices, and dollars per million parcels from measured request and capacity counts.
// Pure (no AWS, no I/O): the bench measures, this prices. DynamoDB is priced per table and per index of the
// topology, generically: whatever tables the topology declares get a line, measured or not, and a measured
// table the topology does not declare is an error, so a new table can never be left out of the bill.
import { type Capacity, tableCapacity } from '#infra/regions';
import type { Topology } from '#infra/topology-types';

/**
 * List prices, us-east-1, as published on the AWS pricing pages, read 2025-06 (DynamoDB on demand after the
 * reduction of 2024-11-01). eu-west-1 is about 10 % higher for DynamoDB and API Gateway. Free tiers ignored.
 */
export const PRICES = {
  asOf: '2025-06, us-east-1 list prices (DynamoDB on demand after the 2024-11-01 reduction)',
  apiPerM: 1.0, // HTTP API, per million requests (each 512 KB counts as one)
  lambdaRequestPerM: 0.2,
  lambdaGbSecond: 0.0000133334, // arm64
  sqsPerM: 0.4, // standard queue, per million requests (each 64 KB counts as one)
  wruPerM: 0.625, // on demand, per million write request units
  rruPerM: 0.125, // on demand, per million read request units
  wcuHour: 0.00065, // provisioned, per write capacity unit-hour
  rcuHour: 0.00013, // provisioned, per read capacity unit-hour
  logsPerGb: 0.5, // CloudWatch Logs ingestion
  xrayTracePerM: 5.0,
} as const;
export const HOURS_PER_MONTH = 730;

/** Consumed capacity of one table or index: `<table>` or `<table>/<index>`. */
export interface Usage {
  wru: number;
  rru: number;
}

/** Every DynamoDB resource that is billed: each table and each of its global secondary indexes. */
export const dynamoResources = (t: Pick<Topology, 'tables'>): string[] => t.tables.flatMap((tb) => [tb.name, ...tb.indexes.map((ix) => `${tb.name}/${ix.name}`)]);
const tableOf = (resource: string): string => resource.split('/')[0]!;

export interface DynamoLine {
  resource: string;
  mode: 'on-demand' | 'provisioned';
  wruPerParcel: number;
  rruPerParcel: number;
  /** $ per million parcels: writes, reads and both. */
  writes: number;
  reads: number;
  dollars: number;
}

/**
 * DynamoDB dollars per million parcels, per resource. On demand: units × unit price. Provisioned with autoscaling:
 * the units consumed by a million parcels, spread evenly, need units / 3600 / target utilisation unit-hours; the
 * floor (min capacity, paid whatever the load) is fixed per month and reported apart by `provisionedFloor`.
 */
export function priceDynamo(t: Pick<Topology, 'tables'>, usage: ReadonlyMap<string, Usage>, parcels: number, capacity: Capacity): DynamoLine[] {
  const resources = dynamoResources(t);
  const unknown = [...usage.keys()].filter((r) => !resources.includes(r));
  if (unknown.length > 0) throw new Error(`DynamoDB usage measured for ${unknown.join(', ')}, which the topology does not declare: the model cannot price it`);
  return resources.map((resource) => {
    const u = usage.get(resource) ?? { wru: 0, rru: 0 };
    const wruPerParcel = u.wru / parcels;
    const rruPerParcel = u.rru / parcels;
    const units = tableCapacity(capacity, tableOf(resource));
    if (!units) {
      const [writes, reads] = [wruPerParcel * PRICES.wruPerM, rruPerParcel * PRICES.rruPerM];
      return { resource, mode: 'on-demand', wruPerParcel, rruPerParcel, writes, reads, dollars: writes + reads };
    }
    const utilisation = units.targetUtilizationPercent / 100;
    const unitHours = (perParcel: number) => (perParcel * 1e6) / 3600 / utilisation;
    const [writes, reads] = [unitHours(wruPerParcel) * PRICES.wcuHour, unitHours(rruPerParcel) * PRICES.rcuHour];
    return { resource, mode: 'provisioned', wruPerParcel, rruPerParcel, writes, reads, dollars: writes + reads };
  });
}

/** The monthly floor of provisioned capacity: every table and index at its minimum, all month. */
export function provisionedFloor(t: Pick<Topology, 'tables'>, capacity: Capacity): number {
  return dynamoResources(t).reduce((sum, resource) => {
    const units = tableCapacity(capacity, tableOf(resource));
    return units ? sum + HOURS_PER_MONTH * (units.write.min * PRICES.wcuHour + units.read.min * PRICES.rcuHour) : sum;
  }, 0);
}

/**
 * Idle polling, per month: Lambda's SQS event source polls each queue with long polls (20 s) from 5 pollers at
 * least, whatever the load, so an empty receive is a fixed cost of each event source, not a cost per parcel.
 */
export const IDLE_POLLERS = 5;
export const LONG_POLL_SECONDS = 20;
export function idlePollingPerMonth(t: Pick<Topology, 'eventSources'>): number {
  const receives = t.eventSources.length * IDLE_POLLERS * (3600 / LONG_POLL_SECONDS) * HOURS_PER_MONTH;
  return (receives / 1e6) * PRICES.sqsPerM;
}

/** The same region's capacity priced the other way: provisioned (its own settings, or a default) or on demand. */
export function alternativeCapacity(c: Capacity): Capacity {
  if (c.mode === 'provisioned') return { mode: 'on-demand' };
  return { mode: 'provisioned', targetUtilizationPercent: 70, default: { read: { min: 1, max: 1000 }, write: { min: 1, max: 1000 } }, tables: {} };
}

export interface FunctionUsage {
  invocations: number;
  /** Billed milliseconds at the function's memory (already scaled to Lambda's CPU share). */
  billedMs: number;
  memoryMb: number;
}

export interface Measured {
  parcels: number;
  apiRequests: number;
  apiBytes: number;
  functions: ReadonlyMap<string, FunctionUsage>;
  sqsRequests: number;
  dynamo: ReadonlyMap<string, Usage>;
  logBytes: number;
  /** Traces started (API requests and queue-triggered invocations), of which X-Ray samples `xraySampled`. */
  traces: number;
}

export const PLATFORM_LOG_BYTES = 400; // Lambda's START/END/REPORT lines per invocation
export const ACCESS_LOG_BYTES = 450; // one API Gateway access log line
export const XRAY_SAMPLED = 0.05; // the default sampling rule, roughly

/** Dollars per million parcels, by line; DynamoDB by resource too. */
export function cost(m: Measured, t: Pick<Topology, 'tables'>, capacity: Capacity): { lines: Record<string, number>; dynamo: DynamoLine[]; total: number } {
  const perM = (x: number) => (x / m.parcels) * 1e6;
  const fns = [...m.functions.values()];
  const invocations = fns.reduce((a, f) => a + f.invocations, 0);
  const gbSeconds = fns.reduce((a, f) => a + (f.billedMs / 1000) * (f.memoryMb / 1024), 0);
  const apiUnits = m.apiRequests === 0 ? 0 : m.apiRequests * Math.max(1, Math.ceil(m.apiBytes / m.apiRequests / (512 * 1024)));
  const logBytes = m.logBytes + invocations * PLATFORM_LOG_BYTES + m.apiRequests * ACCESS_LOG_BYTES;
  const dynamo = priceDynamo(t, m.dynamo, m.parcels, capacity);
  const lines: Record<string, number> = {
    'API Gateway': (perM(apiUnits) * PRICES.apiPerM) / 1e6,
    'Lambda requests': (perM(invocations) * PRICES.lambdaRequestPerM) / 1e6,
    'Lambda compute': perM(gbSeconds) * PRICES.lambdaGbSecond,
    SQS: (perM(m.sqsRequests) * PRICES.sqsPerM) / 1e6,
    'DynamoDB writes': dynamo.reduce((a, d) => a + d.writes, 0),
    'DynamoDB reads': dynamo.reduce((a, d) => a + d.reads, 0),
    'CloudWatch Logs': (perM(logBytes) / 2 ** 30) * PRICES.logsPerGb,
    'X-Ray': (perM(m.traces * XRAY_SAMPLED) * PRICES.xrayTracePerM) / 1e6,
  };
  return { lines, dynamo, total: Object.values(lines).reduce((a, b) => a + b, 0) };
}
