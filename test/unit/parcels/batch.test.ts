import { MAX_BATCH_PARCELS, MAX_DECLARATION_BYTES, readBatch } from '#shared/parcels/batch';

describe('the batch envelope', () => {
  it.each([
    ['not an object', [{ itemId: 'x' }]],
    ['null', null],
    ['no parcels', {}],
    ['parcels not an array', { parcels: { itemId: 'x' } }],
    ['no declarations', { parcels: [] }],
    ['too many declarations', { parcels: Array.from({ length: MAX_BATCH_PARCELS + 1 }, () => ({})) }],
    ['another field', { parcels: [{}], note: 'hi' }],
  ])('refuses %s', (_label, body) => {
    expect(readBatch(body)).toBeUndefined();
  });

  it(`takes 1 to ${MAX_BATCH_PARCELS} entries, in order, whatever they are`, () => {
    expect(readBatch({ parcels: [{ a: 1 }, 'x', null] })).toEqual([
      { index: 0, declaration: { a: 1 } },
      { index: 1, declaration: 'x' },
      { index: 2, declaration: null },
    ]);
    expect(readBatch({ parcels: Array.from({ length: MAX_BATCH_PARCELS }, () => ({})) })).toHaveLength(MAX_BATCH_PARCELS);
  });

  it('refuses an entry over the size alone, pointing at it', () => {
    const big = { comments: 'x'.repeat(MAX_DECLARATION_BYTES) };
    const justFits = { c: 'x'.repeat(MAX_DECLARATION_BYTES - '{"c":""}'.length) };
    expect(readBatch({ parcels: [{}, big, justFits] })).toEqual([
      { index: 0, declaration: {} },
      { index: 1, tooLarge: { pointer: '/parcels/1', code: 'TOO_LONG', detail: `a declaration is at most ${MAX_DECLARATION_BYTES} bytes of JSON` } },
      { index: 2, declaration: justFits },
    ]);
  });
});
