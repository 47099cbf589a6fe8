// The replay panel's pure logic: the default period, the request's whole days, when to poll and when to give up,
// and the result's figures in words (hand-computed from a small result).
import { defaultPeriod, movedBy, periodRequest, pointsChange, pollDecision, progressText, resultFigures, type ReplayResult } from '#console/src/logic/replay';

const zero = { RELEASED: 0, INFORMATION_REQUESTED: 0, HELD_FOR_INSPECTION: 0, DO_NOT_LOAD: 0 };
const result: ReplayResult = {
  parcels: 10,
  skipped: 1,
  confusion: {
    RELEASED: { ...zero, RELEASED: 4 },
    INFORMATION_REQUESTED: { ...zero, HELD_FOR_INSPECTION: 2 },
    HELD_FOR_INSPECTION: { ...zero, HELD_FOR_INSPECTION: 1, DO_NOT_LOAD: 2, RELEASED: 1 },
    DO_NOT_LOAD: { ...zero },
  },
  changed: 5,
  holds: { current: 4, candidate: 5, added: 2, removed: 1 },
  holdRate: { current: 0.4, candidate: 0.5, change: 0.1 },
  outcomes: { found: { total: 2, currentlyHeld: 2, stillHeld: 2, released: 0 }, nothingFound: { total: 1, currentlyHeld: 1, stillHeld: 0, avoided: 1 } },
  topRules: { addedHolds: [{ ruleId: 'DESCRIPTION_GENERIC', holds: 2 }], removedHolds: [] },
  currentRulesetVersions: ['2026-12-01.1'],
};

describe('the replay period', () => {
  it('defaults to the last 28 whole days, today included, and asks for them from the first midnight to the last day’s end', () => {
    const p = defaultPeriod(new Date('2026-12-02T03:30:00Z'));
    expect(p).toEqual({ from: '2026-11-05', to: '2026-12-02' });
    expect(periodRequest(p.from, p.to)).toEqual({ from: '2026-11-05T00:00:00.000Z', to: '2026-12-02T23:59:59.999Z' });
    const req = periodRequest(p.from, p.to);
    expect(Math.round((Date.parse(req.to) - Date.parse(req.from)) / 86_400_000)).toBe(28);
  });
});

describe('polling a replay', () => {
  it('shows the result as soon as it is DONE, even past the deadline', () => {
    expect(pollDecision('DONE', 0, 0)).toEqual({ next: 'show' });
    expect(pollDecision('DONE', 99, 10_000_000, 1000)).toEqual({ next: 'show' });
  });
  it('polls quickly at first, then every 4 s at most', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => pollDecision('RUNNING', n, 0))).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000].map((delayMs) => ({ next: 'wait', delayMs })));
    expect(pollDecision('PLANNING', 0, 0)).toEqual({ next: 'wait', delayMs: 250 });
  });
  it('gives up when the next poll would come after the deadline', () => {
    expect(pollDecision('RUNNING', 10, 5_000, 9_000)).toEqual({ next: 'wait', delayMs: 4000 });
    expect(pollDecision('RUNNING', 10, 5_001, 9_000)).toEqual({ next: 'give-up' });
  });
});

describe('the replay in words', () => {
  it('says the progress: parcels done of total, with a + until the plan is complete', () => {
    expect(progressText({ parcelsDone: 0, parcelsTotal: 0, pagesDone: 0, pagesTotal: 0, planned: false })).toBe('Listing the parcels of the period…');
    expect(progressText({ parcelsDone: 1200, parcelsTotal: 2000, pagesDone: 12, pagesTotal: 20, planned: true })).toBe('1,200 of 2,000 parcels replayed (60 %)');
    expect(progressText({ parcelsDone: 100, parcelsTotal: 300, pagesDone: 1, pagesTotal: 3, planned: false })).toBe('100 of 300+ parcels replayed (33 %)');
  });
  it('signs the change of the hold rate in percentage points', () => {
    expect([0.1, -0.03, 0, 0.00001, 1 / 3].map(pointsChange)).toEqual(['+10.0 pp', '−3.0 pp', '±0.0 pp', '±0.0 pp', '+33.3 pp']);
  });
  it('gives the confusion table with row and column totals, and the figures', () => {
    const f = resultFigures(result);
    expect(f.confusion.map((r) => [r.response, ...r.cells, r.total])).toEqual([
      ['RELEASED', 4, 0, 0, 0, 4],
      ['INFORMATION_REQUESTED', 0, 0, 2, 0, 2],
      ['HELD_FOR_INSPECTION', 1, 0, 1, 2, 4],
      ['DO_NOT_LOAD', 0, 0, 0, 0, 0],
    ]);
    expect(f.columnTotals).toEqual([5, 0, 3, 2]);
    expect(f.headline).toBe('10 parcels replayed (1 not yet assessed, skipped): 5 would get another response.');
    expect(f.holdRate).toBe('Hold rate 40.0 % → 50.0 % (+10.0 pp): 2 holds added, 1 removed.');
    expect(f.found).toBe('2 of 2 parcels found with something wrong would still be stopped (0 released).');
    expect(f.avoided).toBe('1 of 1 inspections that found nothing would be avoided.');
  });
  it('names the rules a changed parcel moved by', () => {
    const c = { itemId: 'X', receivedAt: '', current: { response: 'RELEASED', score: 0 }, candidate: { response: 'HELD_FOR_INSPECTION', score: 60 } };
    expect(movedBy({ ...c, rulesUp: ['A', 'B'], rulesDown: [] })).toBe('more: A, B');
    expect(movedBy({ ...c, rulesUp: ['A'], rulesDown: ['C'] })).toBe('more: A; less: C');
    expect(movedBy({ ...c, rulesUp: [], rulesDown: [] })).toBe('–');
  });
});
