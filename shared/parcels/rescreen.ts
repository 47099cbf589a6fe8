// The assess stage's side of a sanctions list update: a queued `{ itemId, version, rescreen: listVersion }` asks
// for the assessed version to be judged again with that list. When the engine's answer changes, the new assessment
// is recorded and, where the binding rules allow (mayEngineIssue: an officer's decision or a hold stands), issued as
// the new customs response, with its events. An unchanged answer, an amended, unassessed or final parcel: nothing.
import { type AssessOutcome, type AssessPorts, judge, verdictRecord } from './assess';
import { type EventPublisher, eventsOf } from './events';
import { type RescreenMessage, RescreenMessageSchema } from './messages';
import { type AssessmentRecord, type Parcel, hasFinalDecision } from './parcel';

/** The message body, when it is a re-screening request (anything else is the ordinary `{ itemId, version }`). */
export function rescreenMessage(body: string): RescreenMessage | undefined {
  try {
    const r = RescreenMessageSchema.safeParse(JSON.parse(body));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** A second assessment of an assessed version: the first's record without the recipient index entry. */
export type ReassessArgs = Omit<AssessmentRecord, 'recipient'>;

export interface RescreenPorts extends AssessPorts {
  reassessments: { recordReassessment(args: ReassessArgs): Promise<boolean> };
  /** Makes sure the engine screens with this list version or a later one (the message may be ahead of this instance). */
  ensureList(listVersion: string): Promise<unknown>;
  events: EventPublisher;
}

const skipped = (reason: string): AssessOutcome => ({ outcome: 'skipped', reason });

function whyNot(parcel: Parcel | undefined, msg: RescreenMessage): string | undefined {
  if (!parcel) return `no stored parcel ${msg.itemId}`;
  if (parcel.version !== msg.version) return `version ${msg.version} was amended: version ${parcel.version} is assessed with the list in use`;
  if (parcel.assessment?.version !== msg.version) return `version ${msg.version} is not assessed yet: its assessment will use the list in use`;
  if (hasFinalDecision(parcel)) return `${msg.itemId} is ${parcel.status}: final`;
  return undefined;
}

/** The events from the parcel's latest assessment on; their ids repeat, so receivers drop what they had. */
async function republish(parcel: Parcel, events: EventPublisher): Promise<void> {
  const from = parcel.history.findLastIndex((h) => h.type === 'parcel.assessed' && h.at === parcel.assessment!.assessedAt);
  if (from >= 0) await events.publish(eventsOf(parcel, from + 1));
}

export async function rescreenQueuedParcel(msg: RescreenMessage, ports: RescreenPorts): Promise<AssessOutcome> {
  await ports.ensureList(msg.rescreen);
  const parcel = await ports.store.get(msg.itemId);
  const refusal = whyNot(parcel, msg);
  if (refusal || !parcel) return skipped(refusal!);
  const now = ports.now().toISOString();
  const verdict = await judge(parcel, msg.version, ports, now);
  if (verdict.code === parcel.assessment!.engineResponse) {
    // Re-assessed since this was queued (by this message, whose events may have failed to go out): publish them again.
    if (msg.queuedAt && parcel.assessment!.assessedAt >= msg.queuedAt) await republish(parcel, ports.events);
    return skipped(`the engine's answer to ${msg.itemId} is unchanged (${verdict.code})`);
  }

  const { issued, record, updated } = verdictRecord(parcel, msg.version, verdict, now);
  await ports.changes?.willChange(parcel);
  const recorded = await ports.reassessments.recordReassessment({ ...record, parcel });
  if (!recorded) {
    // Screened again concurrently (overlapping refresh runs queue a parcel twice) to the same answer: done.
    const now2 = await ports.store.get(msg.itemId);
    if (now2?.assessment?.engineResponse === verdict.code || whyNot(now2, msg)) return skipped(`${msg.itemId} was screened again or changed concurrently`);
    throw new Error(`${msg.itemId} changed while it was screened again; retrying`);
  }
  await ports.events.publish(eventsOf(updated, parcel.history.length + 1));
  return { outcome: 'assessed', parcel: { itemId: msg.itemId, version: msg.version }, customsResponse: updated.customsResponse!, issued };
}
