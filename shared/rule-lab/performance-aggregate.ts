// The aggregator of rule performance per day (a schedule: functions/performance-days). Each run walks the closed
// days not yet walked (every destination's aggregate of the day in one read of the day's parcels), then recomputes
// each (day, destination) whose mark has settled, from the stored parcels, and clears that mark. Nothing is ever
// added to an aggregate: each is replaced by a computation over the parcels as they are stored. With each aggregate
// goes the destination's replay pack of the day (./replay-packs.ts), read after it.
import { type DayAggregate, LOOKBACK_DAYS, type PerformanceDaysPorts, dayEnd, dayStart, isClosed } from './performance-days';
import { addParcel, performanceAccumulator } from './performance';
import { type PackBlobs, type PackSource, packDay } from './replay-packs';

export interface AggregatorPorts extends PerformanceDaysPorts {
  lookbackDays?: number;
  /** Days walked plus (day, destination) recomputed per run at most; the next run goes on (default 40). */
  maxWorkPerRun?: number;
  /** Where the days' replay packs go (./replay-packs.ts), written with each aggregate; none, no packs. */
  packs?: { blobs: PackBlobs; parcels: PackSource; parcelsPerPart?: number; maxParts?: number };
}

export interface AggregateRun {
  walked: string[];
  /** `day destination` recomputed after a mark */
  recomputed: string[];
  /** Work left for the next run. */
  left: number;
  /** `day destination` whose replay pack was written (with packs only). */
  packed?: string[];
}

/** The closed days of the lookback window, newest first. */
export function closedDays(nowMs: number, lookbackDays = LOOKBACK_DAYS): string[] {
  const today = Date.parse(new Date(nowMs).toISOString().slice(0, 10));
  const days: string[] = [];
  for (let i = 1; i <= lookbackDays; i++) {
    const day = new Date(today - i * 86_400_000).toISOString().slice(0, 10);
    if (isClosed(day, nowMs)) days.push(day);
  }
  return days;
}

/** Every destination's aggregate of one day, from one read of the day's parcels; then the day counts as walked. */
async function walkDay(ports: AggregatorPorts, day: string, run: AggregateRun): Promise<string> {
  const coveredAt = ports.now().toISOString();
  const byDestination = new Map<string, DayAggregate>();
  await ports.parcels.forEachPage({}, dayStart(day), dayEnd(day), (page) => {
    for (const p of page) {
      const d = p.destinationCountry;
      if (!d) throw new Error(`parcel ${p.itemId} has no destination`);
      const a = byDestination.get(d) ?? { destinationCountry: d, coveredAt, acc: performanceAccumulator() };
      byDestination.set(d, a);
      addParcel(a.acc, p);
    }
  });
  for (const a of byDestination.values()) await ports.days.putAggregate(day, a);
  await ports.days.setWalked(day, coveredAt, ports.packs ? await packAll(ports, day, byDestination.keys(), run) : undefined);
  return coveredAt;
}

/** One destination's aggregate of one day, recomputed from its parcels. */
async function recompute(ports: AggregatorPorts, day: string, destinationCountry: string, run: AggregateRun): Promise<string> {
  const coveredAt = ports.now().toISOString();
  const acc = performanceAccumulator();
  await ports.parcels.forEachPage({ destinationCountry }, dayStart(day), dayEnd(day), (page) => page.forEach((p) => addParcel(acc, p)));
  await ports.days.putAggregate(day, { destinationCountry, coveredAt, acc });
  await pack(ports, day, destinationCountry, run);
  return coveredAt;
}

/** A destination's replay pack of the day, from a read begun after its aggregate's: it holds what the aggregate holds. Whether it was written. */
async function pack(ports: AggregatorPorts, day: string, destinationCountry: string, run: AggregateRun): Promise<boolean> {
  if (!ports.packs) return false;
  const manifest = await packDay(ports.packs.parcels, ports.packs.blobs, destinationCountry, day, ports.now().toISOString(), ports.packs.parcelsPerPart, ports.packs.maxParts);
  if (manifest) (run.packed ??= []).push(`${day} ${destinationCountry}`);
  return manifest !== undefined;
}

/** Each destination's pack of the day; whether every one got its pack (the day then counts as packed: a day too large gets none). */
async function packAll(ports: AggregatorPorts, day: string, destinations: Iterable<string>, run: AggregateRun): Promise<boolean> {
  let all = true;
  for (const d of destinations) all = (await pack(ports, day, d, run)) && all;
  return all;
}

/** The packs of a day walked without them: every destination with an aggregate that day. */
async function packWalkedDay(ports: AggregatorPorts, day: string, walkedAt: string, run: AggregateRun): Promise<void> {
  const stored = await ports.days.aggregates(day);
  await ports.days.setWalked(day, walkedAt, await packAll(ports, day, new Set([...stored.aggregates.map((a) => a.destinationCountry), ...stored.incomplete]), run));
}

export async function aggregateDays(ports: AggregatorPorts): Promise<AggregateRun> {
  const nowMs = ports.now().getTime();
  const days = closedDays(nowMs, ports.lookbackDays);
  const states = await ports.days.states(days);
  let budget = ports.maxWorkPerRun ?? 40;
  const run: AggregateRun = { walked: [], recomputed: [], left: 0 };
  for (const day of days) {
    const state = states.get(day) ?? { marks: {} };
    let walkedAt = state.walkedAt;
    if (!walkedAt) {
      if (budget-- <= 0) {
        run.left++;
        continue;
      }
      walkedAt = await walkDay(ports, day, run);
      run.walked.push(day);
    } else if (ports.packs && state.packed === undefined) {
      // A day walked before packs were written (or by an aggregator without them): packed once, within the budget.
      if (budget-- <= 0) run.left++;
      else await packWalkedDay(ports, day, walkedAt, run);
    }
    for (const [dest, until] of Object.entries(state.marks)) {
      if (Date.parse(until) >= nowMs) continue;
      // A walk begun after the mark's bound already holds its writes; otherwise the destination's day is read again.
      if (!state.walkedAt && walkedAt > until) {
        await ports.days.clearMark(day, dest, until);
        continue;
      }
      if (budget-- <= 0) {
        run.left++;
        continue;
      }
      await recompute(ports, day, dest, run);
      await ports.days.clearMark(day, dest, until);
      run.recomputed.push(`${day} ${dest}`);
    }
  }
  return run;
}
