// Rule performance over hand-made parcels: each figure counted by hand from the parcels below.
import type { HistoryEntry } from '#shared/parcels/parcel';
import { type PerformanceParcel, addParcel, decisiveRules, mergeAccumulators, performanceAccumulator, performanceReport } from '#shared/rule-lab/performance';
import type { Hit } from '#shared/risk/types';
import { parcelView } from '#shared/parcels/view';

const hit = (ruleId: string, points: number, critical = false) => ({ ruleId, points, critical, message: ruleId }) as unknown as Hit;
const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 8, minutes)).toISOString();
const issued = (minute: number, code: string, issuedBy = 'risk-engine', version = 1): HistoryEntry => ({
  at: at(minute),
  type: 'customs.response.issued',
  version,
  status: code as never,
  code: code as never,
  issuedBy,
});
const inspected = (minute: number, result: 'FOUND' | 'NOTHING_FOUND', findings: string[] = []): HistoryEntry => ({
  at: at(minute),
  type: 'parcel.inspected',
  version: 1,
  status: 'HELD_FOR_INSPECTION',
  result,
  findings,
});
const received = (minute: number, version = 1): HistoryEntry => ({ at: at(minute), type: 'parcel.received', version, status: 'RECEIVED' });

function parcel(id: string, hits: Hit[], code: string, history: HistoryEntry[], opts: { submittedBy?: string; shadow?: { hits: Hit[]; code: string } } = {}): PerformanceParcel {
  return {
    itemId: id,
    submittedBy: opts.submittedBy ?? 'platform:shop',
    receivedAt: at(0),
    status: code as never,
    assessment: {
      score: hits.reduce((s, h) => s + h.points, 0),
      level: 'HIGH',
      hits,
      rulesetVersion: '2026-12-02.1',
      assessedAt: at(0),
      version: 1,
      engineResponse: code as never,
      ...(opts.shadow ? { shadow: { score: 0, level: 'HIGH', hits: opts.shadow.hits, rulesetVersion: '2026-12-03.1', engineResponse: opts.shadow.code as never } } : {}),
    },
    history: [received(0), ...history],
  };
}

// Four parcels hit by VALUE_PER_UNIT_LOW, three of them held; outcomes on two (one FOUND), decisions after 10 and 30 minutes.
const parcels: PerformanceParcel[] = [
  parcel(
    'A',
    [hit('VALUE_PER_UNIT_LOW', 50), hit('COUNTERFEIT_PRONE', 20)],
    'HELD_FOR_INSPECTION',
    [issued(0, 'HELD_FOR_INSPECTION'), inspected(5, 'FOUND', ['UNDERVALUED']), issued(10, 'DETAINED', 'key_officer')],
    { shadow: { hits: [hit('VALUE_PER_UNIT_LOW', 80)], code: 'HELD_FOR_INSPECTION' } },
  ),
  parcel('B', [hit('VALUE_PER_UNIT_LOW', 50)], 'HELD_FOR_INSPECTION', [issued(0, 'HELD_FOR_INSPECTION'), inspected(20, 'NOTHING_FOUND'), issued(30, 'RELEASED', 'key_officer')], {
    shadow: { hits: [hit('VALUE_PER_UNIT_LOW', 80)], code: 'HELD_FOR_INSPECTION' },
  }),
  parcel('C', [hit('VALUE_PER_UNIT_LOW', 50), hit('PROHIBITED_KEYWORD_ARMS', 100, true)], 'DO_NOT_LOAD', [issued(0, 'DO_NOT_LOAD')]),
  parcel('D', [hit('VALUE_PER_UNIT_LOW', 10)], 'RELEASED', [issued(0, 'RELEASED')], { submittedBy: 'platform:other', shadow: { hits: [hit('VALUE_PER_UNIT_LOW', 80)], code: 'HELD_FOR_INSPECTION' } }),
  // An information request answered by an amendment 3 hours later, and one never answered.
  parcel('E', [hit('DESCRIPTION_GENERIC', 15)], 'INFORMATION_REQUESTED', [issued(0, 'INFORMATION_REQUESTED'), received(180, 2)], { submittedBy: 'platform:other' }),
  parcel('F', [hit('DESCRIPTION_GENERIC', 15)], 'INFORMATION_REQUESTED', [issued(0, 'INFORMATION_REQUESTED')], { submittedBy: 'platform:other' }),
];

describe('rule performance', () => {
  const acc = performanceAccumulator();
  parcels.forEach((p) => addParcel(acc, p));
  const report = performanceReport(acc, { from: at(0), to: at(60) });
  const rule = (side: 'active' | 'shadow', id: string) => report[side].byRule.find((r) => r.ruleId === id)!;

  it('counts per rule: hit, held because of it, outcomes, found rate with its interval, findings, median hold → decision', () => {
    expect(rule('active', 'VALUE_PER_UNIT_LOW')).toMatchObject({
      parcelsHit: 4,
      parcelsHeld: 2, // A and B; C was stopped by the critical arms hit alone; D released
      outcomes: 2,
      found: 1,
      foundRate: { rate: 0.5 },
      findings: { UNDERVALUED: 1 },
      decisions: 2,
      medianHoldToDecisionSeconds: 20 * 60, // (10 + 30) / 2 minutes
    });
    expect(rule('active', 'PROHIBITED_KEYWORD_ARMS')).toMatchObject({ parcelsHit: 1, parcelsHeld: 1, outcomes: 0, foundRate: { rate: null, interval: null }, medianHoldToDecisionSeconds: null });
    expect(report.active.byRule[0]!.ruleId).toBe('VALUE_PER_UNIT_LOW'); // most parcels first
  });

  it('counts per response code', () => {
    const code = (c: string) => report.active.byResponse.find((r) => r.code === c)!;
    expect(code('HELD_FOR_INSPECTION')).toMatchObject({ parcelsHit: 2, parcelsHeld: 2, outcomes: 2, found: 1 });
    expect(code('INFORMATION_REQUESTED')).toMatchObject({ parcelsHit: 2, parcelsHeld: 0 });
    expect(report.active.rulesetVersions).toEqual({ '2026-12-02.1': 6 });
  });

  it('puts the shadow beside the active: the would-be holds, and the outcomes of the same parcels', () => {
    expect(report.shadow).toMatchObject({ parcels: 3, rulesetVersions: { '2026-12-03.1': 3 } });
    expect(rule('shadow', 'VALUE_PER_UNIT_LOW')).toMatchObject({ parcelsHit: 3, parcelsHeld: 3, outcomes: 2, found: 1 });
    expect(report.shadow.byResponse).toEqual([expect.objectContaining({ code: 'HELD_FOR_INSPECTION', parcelsHit: 3 })]);
  });

  it('per filer: information-request rate and the share amended within 24 h', () => {
    expect(report.filers).toEqual([
      { submittedBy: 'platform:other', parcels: 3, informationRequested: 2, informationRequestRate: 2 / 3, amendedWithin24h: 1, amendedWithin24hShare: 0.5 },
      { submittedBy: 'platform:shop', parcels: 3, informationRequested: 0, informationRequestRate: 0, amendedWithin24h: 0, amendedWithin24hShare: null },
    ]);
  });

  it('a hold stands on its critical hits for DO_NOT_LOAD, on every weighing hit otherwise; nothing for a release', () => {
    expect(decisiveRules({ hits: [hit('A', 10), hit('B', 100, true)] }, 'DO_NOT_LOAD')).toEqual(new Set(['B']));
    expect(decisiveRules({ hits: [hit('A', 10), hit('B', 0)] }, 'HELD_FOR_INSPECTION')).toEqual(new Set(['A']));
    expect(decisiveRules({ hits: [hit('A', 10)] }, 'RELEASED')).toEqual(new Set());
  });
});

describe('the shadow on a parcel', () => {
  it('is shown to customs and admin, never to filers and posts', () => {
    const p = { ...parcels[0]!, version: 1, updatedAt: at(0), declaration: { originCountry: 'CN', destinationCountry: 'FR' } as never, declarationHash: 'h' };
    expect(parcelView(p, 'customs').assessment).toHaveProperty('shadow.rulesetVersion', '2026-12-03.1');
    expect(parcelView(p, 'filer').assessment).not.toHaveProperty('shadow');
    expect(JSON.stringify(parcelView(p, 'filer'))).not.toContain('2026-12-03.1');
  });
});

describe('per-day aggregates', () => {
  it('merged, give the same report as the whole period at once, however the parcels are split', () => {
    const whole = performanceAccumulator();
    parcels.forEach((p) => addParcel(whole, p));
    for (const cut of [0, 1, 3, 5, 6]) {
      const [a, b] = [performanceAccumulator(), performanceAccumulator()];
      parcels.slice(0, cut).forEach((p) => addParcel(a, p));
      parcels.slice(cut).forEach((p) => addParcel(b, p));
      const period = { from: at(0), to: at(60) };
      expect(performanceReport(mergeAccumulators(a, b), period)).toEqual(performanceReport(whole, period));
    }
  });
});
