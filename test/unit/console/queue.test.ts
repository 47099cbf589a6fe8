// The referral queue over the loaded pages: order, filters, counts, and a refresh that keeps what was loaded.
import { countByStatus, filterOptions, filterQueue, listQuery, mergePage, sortQueue } from '#console/src/logic/queue';
import type { Parcel, ParcelStatus } from '#console/src/logic/types';

function parcel(itemId: string, status: ParcelStatus, score: number, receivedAt: string, extra: { origin?: string; rules?: string[] } = {}): Parcel {
  return {
    itemId,
    version: 1,
    status,
    submittedBy: 'platform:shop',
    receivedAt,
    updatedAt: receivedAt,
    declaration: { originCountry: extra.origin ?? 'DE', destinationCountry: 'FR' },
    assessment: { rulesetVersion: 'r1', assessedAt: receivedAt, score, hits: (extra.rules ?? []).map((ruleId) => ({ ruleId, pointer: '', message: ruleId })) },
    history: [],
  };
}

const list = [
  parcel('A', 'RELEASED', 0, '2026-11-20T10:00:00Z'),
  parcel('B', 'HELD_FOR_INSPECTION', 50, '2026-11-19T10:00:00Z', { rules: ['RESTRICTED_KEYWORD_CANNABIS'] }),
  parcel('C', 'INFORMATION_REQUESTED', 15, '2026-11-21T10:00:00Z', { origin: 'CN', rules: ['DESCRIPTION_GENERIC'] }),
  parcel('D', 'DO_NOT_LOAD', 115, '2026-11-18T10:00:00Z', { origin: 'CN', rules: ['PROHIBITED_KEYWORD_ARMS'] }),
  parcel('E', 'HELD_FOR_INSPECTION', 90, '2026-11-17T10:00:00Z', { origin: 'CN', rules: ['VALUE_PER_UNIT_LOW'] }),
  parcel('F', 'DETAINED', 100, '2026-11-22T10:00:00Z'),
];
const ids = (ps: Parcel[]) => ps.map((p) => p.itemId);

describe('order', () => {
  test('held, then do not load, then information requested, then the rest; highest score first within each', () => {
    expect(ids(sortQueue(list, 'score'))).toEqual(['E', 'B', 'D', 'C', 'F', 'A']);
  });

  test('newest first within each group', () => {
    expect(ids(sortQueue(list, 'newest'))).toEqual(['B', 'E', 'D', 'C', 'F', 'A']);
  });

  test('does not reorder its input', () => {
    const copy = [...list];
    sortQueue(list, 'score');
    expect(list).toEqual(copy);
  });
});

describe('filters', () => {
  test('by status, origin, rule and received dates (inclusive, by day)', () => {
    expect(ids(filterQueue(list, { status: 'HELD_FOR_INSPECTION' }))).toEqual(['B', 'E']);
    expect(ids(filterQueue(list, { originCountry: 'CN' }))).toEqual(['C', 'D', 'E']);
    expect(ids(filterQueue(list, { ruleId: 'DESCRIPTION_GENERIC' }))).toEqual(['C']);
    expect(ids(filterQueue(list, { receivedFrom: '2026-11-19', receivedTo: '2026-11-20' }))).toEqual(['A', 'B']);
    expect(ids(filterQueue(list, { originCountry: 'CN', status: 'HELD_FOR_INSPECTION' }))).toEqual(['E']);
  });

  test('options come from what is loaded', () => {
    expect(filterOptions(list)).toEqual({
      origins: ['CN', 'DE'],
      destinations: ['FR'],
      rules: ['DESCRIPTION_GENERIC', 'PROHIBITED_KEYWORD_ARMS', 'RESTRICTED_KEYWORD_CANNABIS', 'VALUE_PER_UNIT_LOW'],
    });
  });
});

test('counts every status over what is loaded, zeros included', () => {
  expect(Object.fromEntries(countByStatus(list))).toEqual({ RECEIVED: 0, RELEASED: 1, INFORMATION_REQUESTED: 1, HELD_FOR_INSPECTION: 2, DO_NOT_LOAD: 1, DETAINED: 1, REFUSED: 0 });
});

test('a refreshed first page replaces what changed and keeps the older pages loaded', () => {
  const loaded = new Map(list.map((p) => [p.itemId, p]));
  const released = { ...list[1]!, status: 'RELEASED' as const };
  const merged = mergePage(loaded, [parcel('G', 'RECEIVED', 0, '2026-11-23T10:00:00Z'), released]);
  expect([...merged.keys()].sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
  expect(merged.get('B')!.status).toBe('RELEASED');
  expect(loaded.get('B')!.status).toBe('HELD_FOR_INSPECTION');
});

test("the filters as the list query: dates as the day's UTC bounds, the rule only for customs and admin", () => {
  const f = { status: 'HELD_FOR_INSPECTION' as const, originCountry: 'CN', ruleId: 'VALUE_PER_UNIT_LOW', receivedFrom: '2026-11-19', receivedTo: '2026-11-20' };
  expect(listQuery(f, { seesRules: true, limit: 100, cursor: 'c1' })).toEqual({
    limit: '100',
    cursor: 'c1',
    status: 'HELD_FOR_INSPECTION',
    originCountry: 'CN',
    destinationCountry: undefined,
    ruleId: 'VALUE_PER_UNIT_LOW',
    receivedFrom: '2026-11-19T00:00:00.000Z',
    receivedTo: '2026-11-20T23:59:59.999Z',
  });
  expect(listQuery(f, { seesRules: false, limit: 100 }).ruleId).toBeUndefined();
  expect(listQuery({}, { seesRules: true, limit: 25 })).toEqual({
    limit: '25',
    cursor: undefined,
    status: undefined,
    originCountry: undefined,
    destinationCountry: undefined,
    ruleId: undefined,
    receivedFrom: undefined,
    receivedTo: undefined,
  });
});
