// The assess stage's side of a list update, over in-memory ports: a changed answer is recorded and issued through
// the binding rules, with its events; an unchanged one writes nothing (and publishes again what a failed attempt
// recorded); an amended or final parcel is left alone.
import { type Parcel, declarationHash, receivedParcel } from '#shared/parcels/parcel';
import { type ReassessArgs, type RescreenPorts, rescreenMessage, rescreenQueuedParcel } from '#shared/parcels/rescreen';
import type { PublishedEvent } from '#shared/parcels/events';
import { buildScreeningList } from '#shared/screening/list';
import { sanctionedRecipient } from '#test/fixtures/risk-declarations';
import { baseRelease } from '#test/fixtures/sdn-lists';
import { NOW, declaration, engine } from '../risk/support';

const listed = engine('eu-west-1', {}, buildScreeningList({ sdn: baseRelease() }, { listVersion: 'v2' }).screener);
const d = declaration(sanctionedRecipient());

/** The parcel as assessed RELEASED with a list that did not list its recipient. */
function released(over: Partial<Parcel> = {}): Parcel {
  const p = receivedParcel(d, 'platform:shop-1', declarationHash(d), NOW);
  const response = { code: 'RELEASED' as const, edifact7365: '4', issuedAt: NOW, issuedBy: 'risk-engine', reasons: [] };
  return {
    ...p,
    status: 'RELEASED',
    customsResponse: response,
    assessment: { score: 0, level: 'LOW', hits: [], rulesetVersion: 'r', assessedAt: NOW, version: 1, engineResponse: 'RELEASED' },
    history: [
      ...p.history,
      { at: NOW, type: 'parcel.assessed', version: 1, status: 'RELEASED' },
      { at: NOW, type: 'customs.response.issued', version: 1, status: 'RELEASED', code: 'RELEASED', issuedBy: 'risk-engine', reasons: [] },
    ],
    ...over,
  };
}

function ports(parcel: Parcel) {
  const writes: ReassessArgs[] = [];
  const published: PublishedEvent[] = [];
  const ensured: string[] = [];
  let stored = parcel;
  const p: RescreenPorts = {
    store: { get: async () => stored, recordAssessment: async () => false, recentByRecipient: async () => [] },
    engine: listed,
    events: { publish: async (e) => void published.push(...e) },
    now: () => new Date('2026-11-21T11:00:00.000Z'),
    reassessments: { recordReassessment: async (a) => (writes.push(a), (stored = { ...stored, assessment: a.assessment, history: [...stored.history, ...a.history] }), true) },
    ensureList: async (v) => void ensured.push(v),
  };
  return { p, writes, published, ensured, stored: () => stored };
}
const msg = (over = {}) => rescreenMessage(JSON.stringify({ itemId: d.itemId, version: 1, rescreen: 'v2', ...over }))!;

it('reads only re-screening messages', () => {
  expect(rescreenMessage(JSON.stringify({ itemId: d.itemId, version: 1 }))).toBeUndefined();
  expect(rescreenMessage('not json')).toBeUndefined();
  expect(msg()).toEqual({ itemId: d.itemId, version: 1, rescreen: 'v2' });
});

it('a changed answer: the new assessment recorded and issued, with its events, after making sure of the list', async () => {
  const t = ports(released());
  const r = await rescreenQueuedParcel(msg(), t.p);
  expect(r).toMatchObject({ outcome: 'assessed', issued: true, customsResponse: { code: 'DO_NOT_LOAD', issuedBy: 'risk-engine' } });
  expect(t.ensured).toEqual(['v2']);
  expect(t.writes[0]).toMatchObject({ version: 1, historyLength: 3, assessment: { engineResponse: 'DO_NOT_LOAD' }, customsResponse: { code: 'DO_NOT_LOAD' } });
  expect(t.published.map((e) => [e.event.type, e.event.data.sequence])).toEqual([
    ['parcel.assessed', 4],
    ['customs.response.issued', 5],
  ]);
});

it("an officer's decision on that version stands: recorded, not issued", async () => {
  const p = released();
  p.customsResponse = { ...p.customsResponse!, issuedBy: 'key_officer' };
  p.history.push({ at: NOW, type: 'customs.response.issued', version: 1, status: 'RELEASED', code: 'RELEASED', issuedBy: 'key_officer', reasons: ['checked'] });
  const t = ports(p);
  expect(await rescreenQueuedParcel(msg(), t.p)).toMatchObject({ outcome: 'assessed', issued: false, customsResponse: { issuedBy: 'key_officer' } });
  expect(t.writes[0]!.customsResponse).toBeUndefined();
});

it('an unchanged answer writes nothing, and publishes again what a failed attempt of this message recorded', async () => {
  const t = ports(released());
  await rescreenQueuedParcel(msg({ queuedAt: '2026-11-21T10:30:00.000Z' }), t.p);
  t.published.length = 0;
  const again = await rescreenQueuedParcel(msg({ queuedAt: '2026-11-21T10:30:00.000Z' }), t.p);
  expect(again).toMatchObject({ outcome: 'skipped', reason: expect.stringMatching(/unchanged/) });
  expect(t.writes).toHaveLength(1);
  expect(t.published.map((e) => e.event.data.sequence)).toEqual([4, 5]);
  const first = ports({ ...released(), assessment: { ...released().assessment!, engineResponse: 'DO_NOT_LOAD' } });
  expect(await rescreenQueuedParcel(msg({ queuedAt: '2026-11-21T10:30:00.000Z' }), first.p)).toMatchObject({ outcome: 'skipped' });
  expect(first.published).toEqual([]);
});

it.each([
  ['amended since', { version: 2 }],
  ['final', { status: 'DETAINED' as const }],
  ['not assessed at this version', { assessment: undefined }],
])('a parcel %s is left alone', async (_why, over) => {
  const t = ports(released(over as Partial<Parcel>));
  expect(await rescreenQueuedParcel(msg(), t.p)).toMatchObject({ outcome: 'skipped' });
  expect(t.writes).toEqual([]);
});
