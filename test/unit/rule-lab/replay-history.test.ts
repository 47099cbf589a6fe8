// The history a replayed page judges with (pure): what the live index answered at a time, and which reads a page needs;
// and when a replay that is not done reads as FAILED.
import { type HistoryFact, PeriodHistory, type ReplayHistorySource, historySpan, pageHistory } from '#shared/rule-lab/replay-history';
import { REPLAY_STALLED_AFTER_MS, type ReplayMeta, type ReplayPlan, type ReplayProgress, type ReplayRepository } from '#shared/rule-lab/replay';
import { readReplay } from '#shared/rule-lab/replay-view';
import { loadRulesConfig } from '#shared/risk/index';

const fact = (itemId: string, receivedAt: string, firstAssessedAt: string, recipientFp = 'fp1'): HistoryFact => ({ itemId, recipientFp, valueEur: 50, receivedAt, firstAssessedAt });
const at = (h: number) => new Date(Date.UTC(2026, 10, 1, h)).toISOString();

describe('PeriodHistory', () => {
  const history = new PeriodHistory([fact('A', at(1), at(2)), fact('B', at(3), at(9)), fact('C', at(4), at(5)), fact('D', at(4), at(5), 'fp2'), fact('A', at(1), at(2))]);
  it('answers as the live index did at a time: the window, first assessed by then, one recipient, each parcel once', async () => {
    expect((await history.asOf(at(6)).recentByRecipient('fp1', at(0), at(6))).map((h) => h.itemId)).toEqual(['A', 'C']);
    expect((await history.asOf(at(10)).recentByRecipient('fp1', at(0), at(10))).map((h) => h.itemId)).toEqual(['A', 'B', 'C']);
    expect((await history.asOf(at(10)).recentByRecipient('fp1', at(2), at(10))).map((h) => h.itemId)).toEqual(['B', 'C']);
    expect(await history.asOf(at(10)).recentByRecipient('nobody', at(0), at(10))).toEqual([]);
  });
  it('keeps the first 200 by receipt, as the live query', async () => {
    const many = new PeriodHistory(Array.from({ length: 250 }, (_, i) => fact(`P${i}`, new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(), at(20))));
    const seen = await many.asOf(at(21)).recentByRecipient('fp1', at(0), at(21));
    expect(seen).toHaveLength(200);
    expect(seen.at(-1)!.itemId).toBe('P199');
  });
  it('spans the windows a page needs', () => {
    expect(historySpan([])).toBeUndefined();
    expect(
      historySpan([
        { recipientFp: 'x', since: at(2), now: at(5) },
        { recipientFp: 'y', since: at(1), now: at(3) },
      ]),
    ).toEqual({ from: at(1), to: at(5) });
  });
});

describe('pageHistory', () => {
  const calls: string[] = [];
  const source = (around: HistoryFact[] | 'too-many'): ReplayHistorySource => ({
    historyAround: async (d, from, to, except, limit) => (calls.push(`around ${d} ${from} ${to} ${[...except].join(',')} ${limit}`), around),
    recentByRecipient: async (fp, since, now) => (
      calls.push(`query ${fp} ${since} ${now}`),
      fp === 'fp1'
        ? [
            { itemId: 'X', valueEur: 10, receivedAt: at(1) },
            { itemId: 'P', valueEur: 10, receivedAt: at(2) },
          ]
        : []
    ),
    firstAssessedAt: async (ids) => (calls.push(`first ${ids.join(',')}`), new Map([['X', at(2)]])),
  });
  const needs = [
    { recipientFp: 'fp1', since: at(0), now: at(5) },
    { recipientFp: 'fp1', since: at(1), now: at(6) },
    { recipientFp: 'fp2', since: at(2), now: at(4) },
  ];
  beforeEach(() => (calls.length = 0));

  it('reads nothing when no parcel needs a history', async () => {
    await pageHistory('FR', [], new Set(['P']), [], source([]));
    expect(calls).toEqual([]);
  });
  it('reads the parcels around the page once, over the union of the windows', async () => {
    const h = await pageHistory('FR', [fact('P', at(2), at(3))], new Set(['P']), needs, source([fact('X', at(1), at(2))]));
    expect(calls).toEqual([`around FR ${at(0)} ${at(6)} P 40`]);
    expect((await h.asOf(at(6)).recentByRecipient('fp1', at(0), at(6))).map((x) => x.itemId)).toEqual(['X', 'P']);
  });
  it('for a busy destination: one query per recipient over its windows, one batched read of first assessments outside the page', async () => {
    const h = await pageHistory('FR', [fact('P', at(2), at(3))], new Set(['P']), needs, source('too-many'));
    expect(calls).toEqual([`around FR ${at(0)} ${at(6)} P 40`, `query fp1 ${at(0)} ${at(6)}`, `query fp2 ${at(2)} ${at(4)}`, 'first X']);
    expect((await h.asOf(at(6)).recentByRecipient('fp1', at(0), at(6))).map((x) => x.itemId)).toEqual(['X', 'P']);
  });
});

describe('a replay that is not done', () => {
  const meta: ReplayMeta & ReplayPlan = {
    id: 'rpl_AAAAAAAAAAAAAAAAAAAAAA',
    destinationCountry: 'FR',
    from: at(0),
    to: at(1),
    candidate: loadRulesConfig('eu-west-1'),
    createdAt: at(2),
    createdBy: 'k',
    planStep: 1,
    planned: true,
    plannedAt: at(2),
    pagesTotal: 2,
    parcelsTotal: 2000,
  };
  const repo = (m: ReplayMeta & ReplayPlan, progress: Partial<ReplayProgress>) =>
    ({
      get: async () => m,
      changes: async () => ({ items: [] }),
      progress: async () => ({ counts: {}, pagesDone: 1, currentVersions: [], shadowVersions: [], ...progress }),
    }) as unknown as ReplayRepository;
  const admin = { keyId: 'a', role: 'admin' } as const;
  const read = (m: ReplayMeta & ReplayPlan, progress: Partial<ReplayProgress>, now: number) =>
    readReplay(admin, meta.id, undefined, { replays: repo(m, progress), now: () => new Date(now).toISOString() });

  it('is RUNNING while a page completed lately, FAILED once nothing completed for the stall time', async () => {
    const last = Date.parse(at(3));
    expect(await read(meta, { lastPageAt: at(3) }, last + REPLAY_STALLED_AFTER_MS - 1)).toMatchObject({ view: { status: 'RUNNING' } });
    const stalled = await read(meta, { lastPageAt: at(3) }, last + REPLAY_STALLED_AFTER_MS);
    expect(stalled).toMatchObject({ view: { status: 'FAILED', failure: { at: new Date(last + REPLAY_STALLED_AFTER_MS).toISOString(), reason: expect.stringContaining('DLQ') } } });
  });
  it('is FAILED with the recorded reason at once', async () => {
    const failure = { reason: 'page 1 failed 5 times; last error: boom', at: at(3) };
    expect(await read({ ...meta, failure }, { lastPageAt: at(3) }, Date.parse(at(3)))).toMatchObject({ view: { status: 'FAILED', failure } });
  });
  it('is DONE, not FAILED, once every page is counted', async () => {
    expect(await read({ ...meta, failure: { reason: 'late', at: at(3) } }, { pagesDone: 2 }, Date.parse(at(20)))).toMatchObject({ view: { status: 'DONE' } });
  });
});
