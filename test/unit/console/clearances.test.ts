// Which sanctions hits the console shows cleared and which it offers to clear, the party masked, the request sent.
import { type Clearance, clearanceRequest, clearedState, hitEntries, maskedName, mayClear, shownInList } from '#console/src/logic/clearances';
import { evidenceInWords, segmentsAsText } from '#console/src/logic/evidence';
import type { Hit } from '#console/src/logic/types';

const hit = (entNums: number[], extra: Record<string, unknown> = {}): Hit => ({
  ruleId: 'SANCTIONS_CONFIRMED_MATCH',
  pointer: '/recipient/name',
  message: 'm',
  points: 100,
  evidence: { screenedName: 'Eusebio Arzallus Tapia', matches: entNums.map((entNum) => ({ entNum, listedName: `ENTRY ${entNum}` })), ...extra },
});
const clearance = (over: Partial<Clearance> = {}): Clearance => ({
  id: 'clr_1',
  country: 'ES',
  party: 'recipient',
  partyName: 'Eusebio Arzallus Tapia',
  entNum: 7182,
  listVersion: 'sdn-1',
  itemId: 'CP000000017DE',
  by: 'key_a',
  at: '2026-12-02T10:00:00.000Z',
  until: '2027-05-31T10:00:00.000Z',
  reason: 'passport seen',
  status: 'IN_FORCE',
  ...over,
});

test("the engine's evidence.cleared wins: the hit is cleared whatever the listing holds", () => {
  const cleared = { by: 'key_b', at: '2026-12-01T00:00:00.000Z', until: '2027-05-30T00:00:00.000Z', reason: 'seen' };
  expect(clearedState(hit([7182], { cleared }), 'CP000000025DE', [])).toEqual(cleared);
  expect(mayClear(hit([7182], { cleared }), cleared)).toBe(false);
});

test('a clearance made on this parcel clears the hit only when in force, of the same party and covering every entry matched', () => {
  const view = { by: 'key_a', at: '2026-12-02T10:00:00.000Z', until: '2027-05-31T10:00:00.000Z', reason: 'passport seen' };
  expect(clearedState(hit([7182]), 'CP000000017DE', [clearance()])).toEqual(view);
  expect(clearedState(hit([7182]), 'CP000000025DE', [clearance()])).toBeUndefined(); // made on another parcel
  expect(clearedState(hit([7182]), 'CP000000017DE', [clearance({ status: 'REVOKED' })])).toBeUndefined();
  expect(clearedState(hit([7182]), 'CP000000017DE', [clearance({ party: 'sender' })])).toBeUndefined();
  expect(clearedState(hit([7182, 6908]), 'CP000000017DE', [clearance()])).toBeUndefined(); // 6908 not cleared
  expect(clearedState(hit([7182, 6908]), 'CP000000017DE', [clearance(), clearance({ id: 'clr_2', entNum: 6908 })])).toEqual(view);
});

test('only sanctions hits on a party field with matched entries may be cleared', () => {
  expect(mayClear(hit([7182]), undefined)).toBe(true);
  expect(mayClear({ ...hit([7182]), ruleId: 'DESCRIPTION_GENERIC' }, undefined)).toBe(false);
  expect(mayClear({ ...hit([7182]), pointer: '/contents/0/description' }, undefined)).toBe(false);
  expect(mayClear(hit([]), undefined)).toBe(false);
  expect(hitEntries(hit([7182, 6908]))).toEqual([
    { entNum: 7182, listedName: 'ENTRY 7182' },
    { entNum: 6908, listedName: 'ENTRY 6908' },
  ]);
});

test('the request names entNums only when the officer ticked some of the entries, not all', () => {
  expect(clearanceRequest('CP000000017DE', hit([7182, 6908]), [7182, 6908], 'r')).toEqual({ itemId: 'CP000000017DE', pointer: '/recipient/name', reason: 'r' });
  expect(clearanceRequest('CP000000017DE', hit([7182, 6908]), [6908], 'r')).toEqual({ itemId: 'CP000000017DE', pointer: '/recipient/name', entNums: [6908], reason: 'r' });
});

test('the party is shown by its initials; revoked clearances leave the listing', () => {
  expect(maskedName('Eusebio Arzallus Tapia')).toBe('E. A. T.');
  expect(maskedName('ARZALLUS TAPIA, eusebio')).toBe('A. T. E.');
  expect(maskedName('Ögedei  Khan')).toBe('Ö. K.');
  expect(maskedName('')).toBe('–');
  expect([clearance(), clearance({ status: 'REVOKED' }), clearance({ status: 'EXPIRED' })].filter(shownInList).map((c) => c.status)).toEqual(['IN_FORCE', 'EXPIRED']);
});

test('the evidence in words says which listed entries are cleared for the party', () => {
  const evidence = {
    screenedName: 'E',
    matches: [{ entNum: 7182, listedName: 'ARZALLUS TAPIA, Eusebio', programs: ['SDGT'], score: 1, strength: 'strong', cleared: { until: '2027-05-31T10:00:00.000Z' } }],
  };
  expect(segmentsAsText(evidenceInWords({ ruleId: 'SANCTIONS_CONFIRMED_MATCH', evidence }))).toBe(
    'Screened name "E". Listed party "ARZALLUS TAPIA, Eusebio", SDN entry 7182, programme SDGT: similarity 100 %, strong. Cleared for this party by customs until 2027-05-31.',
  );
});
