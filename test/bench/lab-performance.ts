// `npm run bench -- lab`, rule performance with day aggregates (issue 11): over the parcels lab.bench.ts stored (its
// LAB_PARCELS, 100,000 by default, over 28 days), the aggregator walks every closed day once, then the same request
// is answered from the stored day aggregates (and with one day dirty, read live), each beside the direct computation
// measured in the same run. Every merged answer is checked equal to the direct one before its time is printed.
import { deepStrictEqual } from 'node:assert';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { provisionTable } from '#infra/local/provision';
import type { PerformanceReport } from '#shared/rule-lab/performance';
import { aggregateDays } from '#shared/rule-lab/performance-aggregate';
import { MARK_WINDOW_MS, rulePerformanceByDays } from '#shared/rule-lab/performance-days';
import { ParcelPeriodReader } from '#shared/store/parcel-period-reader';
import type { ParcelStore } from '#shared/store/parcel-store';
import { PerformanceDayStoreDynamo, performanceDaysTable } from '#shared/store/performance-day-store';
import { percentile, printFigure } from './report';

const ROUNDS = 5;
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

export interface DirectBaseline {
  doc: DynamoDBDocumentClient;
  ddb: DynamoDBClient;
  store: ParcelStore;
  period: { from: string; to: string; destinationCountry: string };
  /** The direct computation's median time in this run, and its answer. */
  directMs: number;
  report: PerformanceReport;
}

/** Runs `fn` ROUNDS times, checking each answer equals the direct one; the median time in ms. */
async function timed(fn: () => Promise<{ report: PerformanceReport; aggregatedDays: string[] }>, expected: PerformanceReport): Promise<{ ms: number; days: number }> {
  const ms: number[] = [];
  let days = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    const out = await fn();
    ms.push(performance.now() - t);
    deepStrictEqual(out.report, expected);
    days = out.aggregatedDays.length;
  }
  return { ms: median(ms), days };
}

export async function dayAggregateLatency(b: DirectBaseline): Promise<void> {
  await provisionTable(b.ddb, performanceDaysTable('performance-days'));
  const days = new PerformanceDayStoreDynamo(b.doc, 'performance-days');
  const ports = { parcels: new ParcelPeriodReader(b.doc, 'parcels', b.store, 8, true), days, now: () => new Date(), maxWorkPerRun: 1000 };
  const count = b.report.parcels.toLocaleString('en-US');

  const t = performance.now();
  const run = await aggregateDays(ports);
  printFigure({
    name: `aggregator: ${run.walked.length} closed days walked once (${count} parcels read, strongly consistent, each day's aggregate written)`,
    value: performance.now() - t,
    unit: 'ms',
    baseline: { name: 'the direct computation of the period', value: b.directMs },
  });

  const merged = await timed(() => rulePerformanceByDays({ ...ports, parcels: new ParcelPeriodReader(b.doc, 'parcels', b.store) }, b.period), b.report);
  printFigure({
    name: `rule performance over ${count} stored parcels from ${merged.days} day aggregates (median of ${ROUNDS}, equal to the direct answer)`,
    value: merged.ms,
    unit: 'ms',
    baseline: { name: 'the direct computation (every parcel read)', value: b.directMs },
  });

  // One day dirty (an outcome recorded on it, its mark not yet settled): that day is read live, the rest merged.
  const dirtyDay = b.period.from.slice(0, 8) + '15';
  const until = new Date(Date.now() + MARK_WINDOW_MS).toISOString();
  await days.markChanged(dirtyDay, b.period.destinationCountry, until);
  const dirty = await timed(() => rulePerformanceByDays({ ...ports, parcels: new ParcelPeriodReader(b.doc, 'parcels', b.store) }, b.period), b.report);
  printFigure({
    name: `the same with one day dirty (read live beside ${dirty.days} aggregates, median of ${ROUNDS}, equal)`,
    value: dirty.ms,
    unit: 'ms',
    baseline: { name: 'the direct computation', value: b.directMs },
  });
  await days.clearMark(dirtyDay, b.period.destinationCountry, until);
}
