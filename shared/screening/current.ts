// The list a function screens with, kept current: the bundled release until a list is published, then whatever
// active.json names. `refresh()` reads active.json at most once per `checkEveryMs` (the assess stage calls it once
// per batch), so a published list is in use within that time plus one batch; `ensure(version)` reads it at once
// when a message was screened against a newer list than the one held.
import type { Screener } from '../risk/types';
import { type ScreeningList, buildScreeningList, bundledScreeningList } from './list';
import { type ListStore, readActive, readFiles, releaseKey } from './store';

export interface CurrentListOptions {
  /** Undefined: the bundled release only (no list store configured). */
  store?: ListStore;
  checkEveryMs: number;
  nowMs?: () => number;
  onError?: (err: unknown) => void;
}

export class CurrentList {
  private list: ScreeningList | undefined;
  private checkedAt = -Infinity;
  private pending: Promise<ScreeningList> | undefined;
  private readonly nowMs: () => number;

  constructor(private readonly options: CurrentListOptions) {
    this.nowMs = options.nowMs ?? Date.now;
  }

  /** The list held now (the bundled one until a check found another). */
  get(): ScreeningList {
    return (this.list ??= bundledScreeningList());
  }

  /** A screener that always screens with the list held at the time of the call. */
  readonly screener: Screener = { screen: (name, options) => this.get().screener.screen(name, options) };

  /** Checks active.json when the last check is older than checkEveryMs; a failed check keeps the list held. */
  async refresh(): Promise<ScreeningList> {
    if (!this.options.store || this.nowMs() - this.checkedAt < this.options.checkEveryMs) return this.get();
    return this.check();
  }

  /** Checks at once unless the list held is `version`. */
  async ensure(version: string): Promise<ScreeningList> {
    return this.list?.listVersion === version || !this.options.store ? this.get() : this.check();
  }

  private check(): Promise<ScreeningList> {
    this.pending ??= this.load().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async load(): Promise<ScreeningList> {
    const store = this.options.store!;
    try {
      const active = await readActive(store);
      this.checkedAt = this.nowMs();
      // A cold instance with a release active builds that release only, not the bundled one first.
      if (!active || active.listVersion === this.list?.listVersion) return this.get();
      const files = await readFiles(store, (f) => releaseKey(active.listVersion, f));
      if (!files) throw new Error(`active.json names ${active.listVersion}, whose sdn.csv is missing`);
      this.list = buildScreeningList(files, { listVersion: active.listVersion });
    } catch (err) {
      this.options.onError?.(err);
    }
    return this.get();
  }
}
