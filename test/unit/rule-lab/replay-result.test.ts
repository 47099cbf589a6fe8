// The replay's figures from hand-computed cases: counts per parcel, merged pages, the summary read off them.
import { type ReplayedParcel, type Verdict, mergeCounts, rulesWeighingMore, summarise, tally } from '#shared/rule-lab/replay-result';

const v = (response: Verdict['response'], hits: [string, number, boolean?][] = []): Verdict => ({
  response,
  score: hits.reduce((s, [, p]) => s + p, 0),
  hits: hits.map(([ruleId, points, critical]) => ({ ruleId, points, critical: critical ?? false })),
});
let n = 0;
const parcel = (current: Verdict, candidate: Verdict, extra: Partial<ReplayedParcel> = {}): ReplayedParcel => {
  n++;
  return { itemId: `ID${n}`, receivedAt: `2026-11-0${n % 9}T00:00:00.000Z`, position: `p${String(n).padStart(3, '0')}`, currentRulesetVersion: '2026-12-02.1', current, candidate, ...extra };
};

describe('rulesWeighingMore', () => {
  it('names the rules with more points or newly critical in the second verdict', () => {
    const a = v('RELEASED', [
      ['A', 10],
      ['B', 20],
      ['C', 5],
    ]).hits;
    const b = v('HELD_FOR_INSPECTION', [
      ['A', 30],
      ['B', 20],
      ['C', 5, true],
      ['D', 1],
    ]).hits;
    expect(rulesWeighingMore(a, b)).toEqual(['A', 'C', 'D']);
    expect(rulesWeighingMore(b, a)).toEqual([]);
  });
  it('adds up several hits of one rule', () => {
    expect(
      rulesWeighingMore(
        [{ ruleId: 'A', points: 30, critical: false }],
        [
          { ruleId: 'A', points: 20, critical: false },
          { ruleId: 'A', points: 20, critical: false },
        ],
      ),
    ).toEqual(['A']);
  });
});

describe('a replay summary', () => {
  // Ten parcels, by hand:
  //  current → candidate            outcome        rules up / down
  //  1 RELEASED → RELEASED
  //  2 RELEASED → RELEASED
  //  3 RELEASED → HELD              -              A up (0 → 40): hold added, credited to A
  //  4 RELEASED → HELD              -              A up, B up: hold added, credited to A and B
  //  5 INFO → INFO
  //  6 HELD → HELD                  FOUND
  //  7 HELD → RELEASED              FOUND          C down (50 → 0): hold removed, credited to C
  //  8 HELD → INFO                  NOTHING_FOUND  C down: hold removed, credited to C
  //  9 DO_NOT_LOAD → DO_NOT_LOAD    NOTHING_FOUND
  // 10 INFO → HELD                  FOUND (an officer held it)   A up
  const parcels = [
    parcel(v('RELEASED'), v('RELEASED')),
    parcel(v('RELEASED', [['D', 5]]), v('RELEASED', [['D', 5]])),
    parcel(v('RELEASED'), v('HELD_FOR_INSPECTION', [['A', 40]])),
    parcel(
      v('RELEASED', [['B', 10]]),
      v('HELD_FOR_INSPECTION', [
        ['A', 30],
        ['B', 20],
      ]),
    ),
    parcel(v('INFORMATION_REQUESTED', [['G', 10]]), v('INFORMATION_REQUESTED', [['G', 10]])),
    parcel(v('HELD_FOR_INSPECTION', [['C', 50]]), v('HELD_FOR_INSPECTION', [['C', 50]]), { outcome: 'FOUND' }),
    parcel(v('HELD_FOR_INSPECTION', [['C', 50]]), v('RELEASED'), { outcome: 'FOUND' }),
    parcel(
      v('HELD_FOR_INSPECTION', [
        ['C', 50],
        ['G', 10],
      ]),
      v('INFORMATION_REQUESTED', [['G', 10]]),
      { outcome: 'NOTHING_FOUND' },
    ),
    parcel(v('DO_NOT_LOAD', [['X', 100, true]]), v('DO_NOT_LOAD', [['X', 100, true]]), { outcome: 'NOTHING_FOUND' }),
    parcel(
      v('INFORMATION_REQUESTED', [['G', 10]]),
      v('HELD_FOR_INSPECTION', [
        ['G', 10],
        ['A', 40],
      ]),
      { outcome: 'FOUND' },
    ),
  ];

  it('counts the confusion table, holds, hold rate, outcomes and rules as computed by hand', () => {
    const s = summarise(tally(parcels, 2).counts);
    expect(s.parcels).toBe(10);
    expect(s.skipped).toBe(2);
    expect(s.confusion.RELEASED).toEqual({ RELEASED: 2, INFORMATION_REQUESTED: 0, HELD_FOR_INSPECTION: 2, DO_NOT_LOAD: 0 });
    expect(s.confusion.INFORMATION_REQUESTED).toEqual({ RELEASED: 0, INFORMATION_REQUESTED: 1, HELD_FOR_INSPECTION: 1, DO_NOT_LOAD: 0 });
    expect(s.confusion.HELD_FOR_INSPECTION).toEqual({ RELEASED: 1, INFORMATION_REQUESTED: 1, HELD_FOR_INSPECTION: 1, DO_NOT_LOAD: 0 });
    expect(s.confusion.DO_NOT_LOAD).toEqual({ RELEASED: 0, INFORMATION_REQUESTED: 0, HELD_FOR_INSPECTION: 0, DO_NOT_LOAD: 1 });
    expect(s.changed).toBe(5); // 3, 4, 7, 8, 10
    // Current holds: 6, 7, 8, 9 = 4; candidate holds: 3, 4, 6, 9, 10 = 5.
    expect(s.holds).toEqual({ current: 4, candidate: 5, added: 3, removed: 2 });
    expect(s.holdRate.current).toBeCloseTo(0.4);
    expect(s.holdRate.candidate).toBeCloseTo(0.5);
    expect(s.holdRate.change).toBeCloseTo(0.1);
    // FOUND: 6 (held, still held), 7 (held, released), 10 (engine asked for information, candidate holds).
    expect(s.outcomes.found).toEqual({ total: 3, currentlyHeld: 2, stillHeld: 2, released: 1 });
    // NOTHING_FOUND: 8 (held, candidate would not hold: avoided), 9 (held, still held).
    expect(s.outcomes.nothingFound).toEqual({ total: 2, currentlyHeld: 2, stillHeld: 1, avoided: 1 });
    expect(s.topRules.addedHolds).toEqual([
      { ruleId: 'A', holds: 3 },
      { ruleId: 'B', holds: 1 },
    ]);
    expect(s.topRules.removedHolds).toEqual([{ ruleId: 'C', holds: 2 }]);
    expect(s.shadow).toBeUndefined();
  });

  it('lists the changed parcels with the rules that moved', () => {
    const { changed } = tally(parcels);
    expect(changed.map((c) => c.itemId)).toEqual([parcels[2], parcels[3], parcels[6], parcels[7], parcels[9]].map((p) => p!.itemId));
    expect(changed[1]).toMatchObject({ current: { response: 'RELEASED', score: 10 }, candidate: { response: 'HELD_FOR_INSPECTION', score: 50 }, rulesUp: ['A', 'B'], rulesDown: [] });
    expect(changed[3]).toMatchObject({ rulesUp: [], rulesDown: ['C'] });
  });

  it('gives the same figures whatever the pages, merged in any order', () => {
    const whole = tally(parcels).counts;
    const pages = [parcels.slice(0, 3), parcels.slice(3, 4), parcels.slice(4)].map((p) => tally(p).counts);
    expect(mergeCounts(pages[2]!, pages[0]!, pages[1]!)).toEqual(whole);
    expect(summarise(mergeCounts(...pages))).toEqual(summarise(whole));
  });

  it('a candidate that changes nothing: a diagonal table, no change in hold rate, no rules', () => {
    const same = parcels.map((p) => ({ ...p, candidate: p.current }));
    const s = summarise(tally(same).counts);
    expect(s.changed).toBe(0);
    expect(s.holds.added + s.holds.removed).toBe(0);
    expect(s.holdRate.change).toBe(0);
    expect(s.topRules).toEqual({ addedHolds: [], removedHolds: [] });
    expect(tally(same).changed).toEqual([]);
  });

  it('puts the shadow ruleset beside the current one when it ran', () => {
    const withShadow = [
      parcel(v('RELEASED'), v('RELEASED'), { shadow: { rulesetVersion: '2026-12-03.1', response: 'HELD_FOR_INSPECTION' } }),
      parcel(v('RELEASED'), v('RELEASED'), { shadow: { rulesetVersion: '2026-12-03.1', response: 'RELEASED' } }),
      parcel(v('RELEASED'), v('RELEASED')),
    ];
    const t = tally(withShadow);
    const s = summarise(t.counts);
    expect(t.shadowVersions).toEqual(['2026-12-03.1']);
    expect(s.shadow?.parcels).toBe(2);
    expect(s.shadow?.confusion.RELEASED).toEqual({ RELEASED: 1, INFORMATION_REQUESTED: 0, HELD_FOR_INSPECTION: 1, DO_NOT_LOAD: 0 });
  });

  it('an empty replay: zeros, not NaN', () => {
    const s = summarise({});
    expect(s.parcels).toBe(0);
    expect(s.holdRate).toEqual({ current: 0, candidate: 0, change: 0 });
  });
});
