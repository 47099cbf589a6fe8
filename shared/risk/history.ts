// The recipient history port the split-shipment rule reads through, and an in-memory
// implementation for tests and the local demo. The DynamoDB adapter lives with the storage layer.
import type { RecipientParcel } from './types';

export interface RecipientHistory {
  /** Parcels to the recipient with this fingerprint received in [since, now], in any order. */
  recentByRecipient(fingerprint: string, since: string /* ISO */, now: string): Promise<RecipientParcel[]>;
}

export class InMemoryRecipientHistory implements RecipientHistory {
  private readonly byRecipient = new Map<string, RecipientParcel[]>();

  record(fingerprint: string, entry: RecipientParcel): void {
    const list = this.byRecipient.get(fingerprint) ?? [];
    list.push(entry);
    this.byRecipient.set(fingerprint, list);
  }

  async recentByRecipient(fingerprint: string, since: string, now: string): Promise<RecipientParcel[]> {
    const from = Date.parse(since);
    const to = Date.parse(now);
    return (this.byRecipient.get(fingerprint) ?? []).filter((e) => {
      const at = Date.parse(e.receivedAt);
      return at >= from && at <= to;
    });
  }
}
