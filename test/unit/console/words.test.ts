// Problems and history entries in words.
import { historyInWords, problemInWords } from '#console/src/logic/words';

test("a problem's detail, and each error's field in words with its detail and the expected form", () => {
  const words = problemInWords(400, {
    title: 'The declaration breaks the rules',
    status: 400,
    code: 'INVALID_DECLARATION',
    errors: [{ pointer: '/contents/1/hsCode', code: 'UNKNOWN_HS_CODE', detail: '999999 is not a subheading of the HS 2022 nomenclature' }],
  });
  expect(words.summary).toBe('The declaration breaks the rules');
  expect(words.errors).toEqual([
    {
      pointer: '/contents/1/hsCode',
      where: 'line 2, HS code',
      detail: '999999 is not a subheading of the HS 2022 nomenclature Expected: 6 to 10 digits whose first 6 are a subheading of the HS 2022 nomenclature.',
    },
  ]);
});

test('a problem with more errors than listed says so; an unreachable API says so', () => {
  expect(problemInWords(400, { detail: 'bad', errors: [{ pointer: '', detail: 'x' }], errorCount: 80 }).summary).toBe('bad (80 errors, the first 1 shown)');
  expect(problemInWords(0, undefined).summary).toBe('The API could not be reached.');
});

test('history entries: amendments with what they changed, responses with who issued them, outcomes', () => {
  expect(historyInWords({ at: 'x', type: 'parcel.received', version: 2, submittedBy: 'platform:shop', changes: ['/contents/0/description'] })).toEqual({
    title: 'Amendment received (version 2)',
    details: ['from platform:shop', 'changed: line 1, description (/contents/0/description)'],
  });
  expect(historyInWords({ at: 'x', type: 'customs.response.issued', version: 1, code: 'DETAINED', issuedBy: 'key_1', reasons: ['seized'] })).toEqual({
    title: 'Detained (final) — by officer key key_1',
    details: ['seized'],
  });
  expect(historyInWords({ at: 'x', type: 'parcel.inspected', version: 1, result: 'FOUND', findings: ['COUNTERFEIT'], notes: 'fake', issuedBy: 'key_1' })).toEqual({
    title: 'Inspection: found',
    details: ['findings: COUNTERFEIT', 'notes: fake', 'recorded by key key_1'],
  });
});
