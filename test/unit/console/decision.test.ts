// What the console's decision and outcome forms offer, from the parcel's status and history (CONTRACT section 4).
import { allowedDecisions, mayAmend, mayDecide, outcomeRequest, wasHeld } from '#console/src/logic/decision';
import { STATUSES, type HistoryEntry } from '#console/src/logic/types';

const ALL = ['RELEASED', 'INFORMATION_REQUESTED', 'HELD_FOR_INSPECTION', 'DO_NOT_LOAD', 'DETAINED', 'REFUSED'];

describe('the decision form', () => {
  test.each(STATUSES.filter((s) => s !== 'DETAINED' && s !== 'REFUSED'))('from %s: every response may be issued', (status) => {
    expect(allowedDecisions(status)).toEqual(ALL);
  });

  test.each(['DETAINED', 'REFUSED'] as const)('from %s (final): nothing, so no form', (status) => {
    expect(allowedDecisions(status)).toEqual([]);
  });

  test('customs of the destination and admin decide; customs of another country, posts and platforms do not', () => {
    const toFR = { declaration: { destinationCountry: 'FR' } };
    expect(mayDecide({ keyId: 'k', role: 'customs', country: 'FR' }, toFR)).toBe(true);
    expect(mayDecide({ keyId: 'k', role: 'admin' }, toFR)).toBe(true);
    expect(mayDecide({ keyId: 'k', role: 'customs', country: 'DE' }, toFR)).toBe(false);
    expect(mayDecide({ keyId: 'k', role: 'post', country: 'FR' }, toFR)).toBe(false);
    expect(mayDecide({ keyId: 'k', role: 'platform', tenantId: 'shop' }, toFR)).toBe(false);
  });
});

describe('the outcome form', () => {
  const issued = (code: HistoryEntry['code']): HistoryEntry => ({ at: '2026-11-20T08:00:00Z', type: 'customs.response.issued', version: 1, code });

  test('is shown after a hold (HELD_FOR_INSPECTION or DO_NOT_LOAD in the history), even once lifted', () => {
    expect(wasHeld([issued('HELD_FOR_INSPECTION')])).toBe(true);
    expect(wasHeld([issued('DO_NOT_LOAD'), issued('RELEASED')])).toBe(true);
  });

  test('is not shown when the parcel was never held', () => {
    expect(wasHeld([issued('RELEASED'), issued('INFORMATION_REQUESTED')])).toBe(false);
    expect(wasHeld([{ at: 'x', type: 'parcel.received', version: 1 }])).toBe(false);
  });

  test('builds the request: FOUND needs a finding, NOTHING_FOUND sends none, notes are trimmed and optional', () => {
    expect(outcomeRequest({ result: '', findings: [], notes: '' })).toEqual({ ok: false, problem: 'Choose an outcome.' });
    expect(outcomeRequest({ result: 'FOUND', findings: [], notes: '' })).toEqual({ ok: false, problem: expect.stringMatching(/at least one finding/) });
    expect(outcomeRequest({ result: 'FOUND', findings: ['COUNTERFEIT'], notes: '  fake watch ' })).toEqual({ ok: true, body: { result: 'FOUND', findings: ['COUNTERFEIT'], notes: 'fake watch' } });
    expect(outcomeRequest({ result: 'NOTHING_FOUND', findings: ['COUNTERFEIT'], notes: ' ' })).toEqual({ ok: true, body: { result: 'NOTHING_FOUND', findings: [] } });
  });
});

describe('the correction form', () => {
  const parcel = { itemId: 'CP123456785DE', submittedBy: 'platform:shop', status: 'INFORMATION_REQUESTED' as const };

  test('is offered to its submitter and to the post that issued the item id', () => {
    expect(mayAmend({ keyId: 'k', role: 'platform', tenantId: 'shop' }, parcel)).toBe(true);
    expect(mayAmend({ keyId: 'k', role: 'post', country: 'DE' }, parcel)).toBe(true);
    expect(mayAmend({ keyId: 'key_1', role: 'admin' }, { ...parcel, submittedBy: 'admin:key_1' })).toBe(true);
  });

  test('not to another filer, another post, customs, nor after a final decision', () => {
    expect(mayAmend({ keyId: 'k', role: 'platform', tenantId: 'other' }, parcel)).toBe(false);
    expect(mayAmend({ keyId: 'k', role: 'post', country: 'FR' }, parcel)).toBe(false);
    expect(mayAmend({ keyId: 'k', role: 'customs', country: 'FR' }, parcel)).toBe(false);
    expect(mayAmend({ keyId: 'k', role: 'platform', tenantId: 'shop' }, { ...parcel, status: 'DETAINED' })).toBe(false);
  });
});
