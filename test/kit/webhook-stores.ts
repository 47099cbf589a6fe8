// In-memory adapters of the webhook ports (shared/webhooks/ports.ts), for unit tests of the use cases: the same
// conditions as the DynamoDB adapters (claims, expected cycle and attempts, circuit threshold, lane times that only
// move forward), none of their key formats. The integration tests check the real adapters.
import type { StoredSecret, Subscription } from '#shared/webhooks/model';
import type { AttemptLog, AttemptMessage, AttemptQueue, DeliveryRecords, SubscriptionDirectory, SubscriptionRecords } from '#shared/webhooks/ports';
import type { AttemptRecord, DeliveryRecord, DueDelivery, Expect, Page, Position } from '#shared/webhooks/records';

const copy = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

export class InMemorySubscriptions implements SubscriptionRecords, SubscriptionDirectory {
  readonly items = new Map<string, Subscription>();
  /** Ids in the order recordFailure was called. */
  readonly failures: string[] = [];

  constructor(subs: Subscription[] = []) {
    for (const s of subs) this.items.set(s.id, copy(s));
  }

  /** The stored subscription itself (not a copy), for a test to read or change. */
  at(id: string): Subscription {
    const s = this.items.get(id);
    if (!s) throw new Error(`no subscription ${id}`);
    return s;
  }

  async put(s: Subscription): Promise<void> {
    if (this.items.has(s.id)) throw new Error(`subscription ${s.id} exists`);
    this.items.set(s.id, copy(s));
  }
  async get(id: string): Promise<Subscription | undefined> {
    return copy(this.items.get(id));
  }
  async allOfOwner(owner: string): Promise<Subscription[]> {
    return [...this.items.values()].filter((s) => s.owner === owner).map(copy);
  }
  async listByOwner(owner: string, limit: number, start?: Position): Promise<Page<Subscription>> {
    const all = [...this.items.values()].filter((s) => s.owner === owner).sort((a, b) => (a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt)));
    const from = start ? all.findIndex((s) => s.id === start.id) + 1 : 0;
    const items = all.slice(from, from + limit);
    const last = items.at(-1);
    return { items: items.map(copy), ...(last && from + limit < all.length ? { next: { owner, id: last.id, createdAt: last.createdAt } } : {}) };
  }
  isOwnerPosition(owner: string, position: Position): boolean {
    return position.owner === owner && typeof position.id === 'string' && typeof position.createdAt === 'string';
  }
  async delete(id: string): Promise<Subscription | undefined> {
    const s = this.items.get(id);
    this.items.delete(id);
    return s;
  }
  async rotate(id: string, secrets: StoredSecret[], at: string, previousRotation: string | undefined): Promise<boolean> {
    const s = this.items.get(id);
    if (!s || s.secretRotatedAt !== previousRotation) return false;
    Object.assign(s, { secrets: copy(secrets), secretRotatedAt: at });
    return true;
  }
  async disable(id: string, reason: string, at: string): Promise<boolean> {
    const s = this.items.get(id);
    if (!s || s.status !== 'active') return false;
    Object.assign(s, { status: 'disabled', disabledReason: reason, disabledAt: at });
    return true;
  }
  async recordFailure(id: string, threshold: number, openUntil: string): Promise<{ consecutiveFailures: number; opened: boolean }> {
    this.failures.push(id);
    const s = this.items.get(id);
    if (!s) return { consecutiveFailures: 0, opened: false };
    s.consecutiveFailures += 1;
    if (s.consecutiveFailures < threshold || (s.circuitOpenUntil && s.circuitOpenUntil >= openUntil)) return { consecutiveFailures: s.consecutiveFailures, opened: false };
    s.circuitOpenUntil = openUntil;
    return { consecutiveFailures: s.consecutiveFailures, opened: true };
  }
  async recordSuccess(id: string): Promise<void> {
    const s = this.items.get(id);
    if (!s) return;
    s.consecutiveFailures = 0;
    delete s.circuitOpenUntil;
  }
  async markSlow(id: string, until: string): Promise<void> {
    const s = this.items.get(id);
    if (s && !(s.slowUntil && s.slowUntil >= until)) s.slowUntil = until;
  }
  async clearSlow(id: string): Promise<void> {
    const s = this.items.get(id);
    if (s) delete s.slowUntil;
  }
}

type ScheduleFields = Parameters<DeliveryRecords['schedule']>[3];
type FinishFields = Parameters<DeliveryRecords['finish']>[3];

export class InMemoryDeliveries implements DeliveryRecords, AttemptLog {
  readonly dueShards = 2;
  readonly records = new Map<string, DeliveryRecord>();
  /** Every attempt logged, in order, with its subscription. */
  readonly log: (AttemptRecord & { subscriptionId: string })[] = [];

  private key = (subscriptionId: string, sk: string) => `${subscriptionId}\n${sk}`;
  private matches = (r: DeliveryRecord | undefined, e: Expect): r is DeliveryRecord => r !== undefined && r.status === 'pending' && r.cycle === e.cycle && r.attempts === e.attempts;
  /** A record's shard: any stable function of its key will do in memory. */
  private shardOf = (r: DeliveryRecord) => (r.sk.length + r.subscriptionId.length) % this.dueShards;

  /** The stored record itself (not a copy), for a test to read or change. */
  at(subscriptionId: string, sk: string): DeliveryRecord {
    const r = this.records.get(this.key(subscriptionId, sk));
    if (!r) throw new Error(`no delivery ${subscriptionId} ${sk}`);
    return r;
  }

  keyOf(eventCreatedAt: string, eventId: string): string {
    return `E#${eventCreatedAt}#${eventId}`;
  }
  async create(r: DeliveryRecord): Promise<boolean> {
    if (this.records.has(this.key(r.subscriptionId, r.sk))) return false;
    this.records.set(this.key(r.subscriptionId, r.sk), copy(r));
    return true;
  }
  async get(subscriptionId: string, sk: string): Promise<DeliveryRecord | undefined> {
    return copy(this.records.get(this.key(subscriptionId, sk)));
  }
  async claim(subscriptionId: string, sk: string, e: Expect, at: string, leaseUntil: string, dueBy: string): Promise<DeliveryRecord | undefined> {
    const r = this.records.get(this.key(subscriptionId, sk));
    if (!this.matches(r, e) || r.nextAttemptAt > dueBy) return undefined;
    Object.assign(r, { attempts: e.attempts + 1, updatedAt: at, sweepAt: leaseUntil });
    return copy(r);
  }
  async schedule(subscriptionId: string, sk: string, e: Expect, { log, ...fields }: ScheduleFields): Promise<boolean> {
    const r = this.records.get(this.key(subscriptionId, sk));
    if (!this.matches(r, e)) return false;
    Object.assign(r, fields);
    if (log) this.log.push({ subscriptionId, ...copy(log) });
    return true;
  }
  async finish(subscriptionId: string, sk: string, e: Expect, { log, ...fields }: FinishFields): Promise<boolean> {
    const r = this.records.get(this.key(subscriptionId, sk));
    if (!this.matches(r, e)) return false;
    Object.assign(r, fields);
    if (log) this.log.push({ subscriptionId, ...copy(log) });
    delete r.sweepAt;
    return true;
  }
  async restart(subscriptionId: string, sk: string, fromCycle: number, fields: Parameters<DeliveryRecords['restart']>[3]): Promise<boolean> {
    const r = this.records.get(this.key(subscriptionId, sk));
    if (!r || r.cycle !== fromCycle) return false;
    Object.assign(r, { ...fields, cycle: fromCycle + 1, attempts: 0, status: 'pending', replay: true });
    delete r.lastError;
    delete r.slowMoves;
    return true;
  }
  async logAttempt(subscriptionId: string, a: AttemptRecord, _expiresAt?: number): Promise<void> {
    this.log.push({ subscriptionId, ...copy(a) });
  }
  async attempts(subscriptionId: string, limit: number, start?: Position): Promise<Page<AttemptRecord>> {
    const all = this.log
      .map((a, i) => ({ a, i }))
      .filter(({ a }) => a.subscriptionId === subscriptionId)
      .reverse();
    const from = start ? all.findIndex(({ i }) => String(i) === start.at) + 1 : 0;
    const page = all.slice(from, from + limit);
    const last = page.at(-1);
    return { items: page.map(({ a: { subscriptionId: _s, ...a } }) => a), ...(last && from + limit < all.length ? { next: { subscriptionId, at: String(last.i) } } : {}) };
  }
  isAttemptsPosition(subscriptionId: string, position: Position): boolean {
    return position.subscriptionId === subscriptionId && typeof position.at === 'string';
  }
  async since(subscriptionId: string, since: string, limit: number, start?: Position): Promise<Page<{ sk: string; cycle: number; eventCreatedAt: string }>> {
    const all = [...this.records.values()].filter((r) => r.subscriptionId === subscriptionId && r.eventCreatedAt >= since).sort((a, b) => a.sk.localeCompare(b.sk));
    const from = start ? all.findIndex((r) => r.sk === start.sk) + 1 : 0;
    const page = all.slice(from, from + limit);
    const last = page.at(-1);
    return { items: page.map((r) => ({ sk: r.sk, cycle: r.cycle, eventCreatedAt: r.eventCreatedAt })), ...(last && from + limit < all.length ? { next: { subscriptionId, sk: last.sk } } : {}) };
  }
  async due(shard: number, until: string, limit: number): Promise<DueDelivery[]> {
    return [...this.records.values()]
      .filter((r) => r.status === 'pending' && r.sweepAt !== undefined && r.sweepAt <= until && this.shardOf(r) === shard)
      .sort((a, b) => a.sweepAt!.localeCompare(b.sweepAt!))
      .slice(0, limit)
      .map((r) => ({ subscriptionId: r.subscriptionId, sk: r.sk, sweepAt: r.sweepAt!, nextAttemptAt: r.nextAttemptAt, attempts: r.attempts, cycle: r.cycle }));
  }
  async bumpSweep(subscriptionId: string, sk: string, fromSweepAt: string, toSweepAt: string): Promise<boolean> {
    const r = this.records.get(this.key(subscriptionId, sk));
    if (!r || r.status !== 'pending' || r.sweepAt !== fromSweepAt) return false;
    r.sweepAt = toSweepAt;
    return true;
  }
}

export interface Sent {
  message: AttemptMessage;
  delaySeconds: number;
}

/** A queue that keeps what is sent to it. */
export class RecordingQueue implements AttemptQueue {
  readonly sent: Sent[] = [];
  async send(items: Sent[]): Promise<void> {
    this.sent.push(...copy(items));
  }
}
