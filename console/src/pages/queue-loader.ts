// What the queue has loaded (pages of GET /v1/parcels merged by itemId) and the cursor to older pages. An answer is
// dropped when the page was left or the list restarted (filters changed) while it was on its way.
import type { PageContext } from '../app';
import { listQuery, mergePage, type QueueFilters } from '../logic/queue';
import type { Parcel } from '../logic/types';
import { problemInWords } from '../logic/words';

const PAGE_SIZE = 100;

export class QueueLoader {
  loaded = new Map<string, Parcel>();
  cursor: string | undefined;
  private generation = 0;
  /** The server query of what is loaded: a change of filters that changes it starts the list again. */
  private listed: string;

  /** `filters` is the page's own object, read at each request; `error` shows why a page could not be loaded. */
  constructor(
    private readonly ctx: PageContext,
    private readonly filters: QueueFilters,
    private readonly seesRules: boolean,
    private readonly error: HTMLElement,
  ) {
    this.listed = this.serverQuery();
  }

  /** The filters the server applies, as one string: what a page request depends on. */
  serverQuery(): string {
    return JSON.stringify(listQuery(this.filters, { seesRules: this.seesRules, limit: PAGE_SIZE }));
  }

  /** True when the filters now ask the server for other parcels than those loaded. */
  queryChanged(): boolean {
    return this.serverQuery() !== this.listed;
  }

  /** Forgets what is loaded, and any page still on its way; what loads next answers the filters as they are now. */
  restart(): void {
    this.generation++;
    this.listed = this.serverQuery();
    this.loaded = new Map();
    this.cursor = undefined;
  }

  /** Fetches the newest page (a refresh) or the one before `before`, and merges it in; false when it was not. */
  async fetchPage(before?: string): Promise<boolean> {
    const mine = this.generation;
    const r = await this.ctx.api.listParcels(listQuery(this.filters, { seesRules: this.seesRules, limit: PAGE_SIZE, ...(before ? { cursor: before } : {}) }));
    // Dropped when the page was left or the filters changed while it was on its way.
    if (!this.ctx.alive() || mine !== this.generation) return false;
    if (!r.ok) {
      this.error.textContent = `Could not load the parcels: ${problemInWords(r.status, r.problem).summary}`;
      return false;
    }
    this.error.textContent = '';
    this.loaded = mergePage(this.loaded, r.body.items);
    if (before !== undefined || this.cursor === undefined || this.loaded.size <= PAGE_SIZE) this.cursor = r.body.cursor;
    return true;
  }
}
