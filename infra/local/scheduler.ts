// Schedules as timers, standing in for EventBridge rules `rate(n minutes)`: each tick invokes the
// function with the same "Scheduled Event" EventBridge sends. Runs may overlap, as in AWS.
import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import type { ScheduleDef } from '../topology-types';
import { invoke, type InvokeEnv, type LoadedFunction } from './invoke';
import type { Log } from './log';

export interface SchedulerOptions {
  schedules: ScheduleDef[];
  functions: Map<string, LoadedFunction>;
  env: InvokeEnv;
  log: Log;
  /** Overrides every schedule's interval (tests, demos); default `rateMinutes` × 60 000. */
  intervalMs?: number;
}

export interface RunningScheduler {
  close(): Promise<void>;
}

export function scheduledEvent(schedule: ScheduleDef, env: InvokeEnv, at = new Date()): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: env.accountId,
    time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: env.region,
    resources: [`arn:aws:events:${env.region}:${env.accountId}:rule/${schedule.name}`],
    detail: {},
  };
}

export function startScheduler(opts: SchedulerOptions): RunningScheduler {
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Set<Promise<void>>();
  for (const s of opts.schedules) {
    const fn = opts.functions.get(s.function);
    if (!fn) throw new Error(`schedule ${s.name}: no function '${s.function}'`);
    const every = opts.intervalMs ?? s.rateMinutes * 60_000;
    const timer = setInterval(() => {
      const p: Promise<void> = invoke(fn, scheduledEvent(s, opts.env), opts.env)
        .then(() => undefined)
        .catch((e) => opts.log.error(`schedule ${s.name} → ${s.function} failed`, e))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }, every);
    // The gateway's server keeps `npm start` alive; a timer alone must not keep a process (or jest) running.
    timer.unref();
    timers.push(timer);
    opts.log.info(`schedule ${s.name} → ${s.function}: every ${every / 1000} s`);
  }
  return {
    async close() {
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...inFlight]);
    },
  };
}
