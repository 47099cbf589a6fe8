// JSON pointers into a declaration, in words, and which laid-out field each one highlights.
import { highlightsFor, highlightTarget, parsePointer, pointerInWords } from '#console/src/logic/pointer';

describe('pointers in words', () => {
  test.each([
    ['/contents/1/hsCode', 'line 2, HS code'],
    ['/contents/0/description', 'line 1, description'],
    ['/recipient/address/lines/0', 'recipient, address, street line 1'],
    ['/sender/name', 'sender, name'],
    ['/totalValue', 'total value'],
    ['', 'the whole declaration'],
    ['/unknownThing', 'unknownThing'],
  ])('%s → %s', (pointer, words) => {
    expect(pointerInWords(pointer)).toBe(words);
  });

  test('escaped tokens are decoded (RFC 6901)', () => {
    expect(parsePointer('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
  });
});

describe('highlighting', () => {
  const shown = new Set(['', '/recipient', '/recipient/address', '/contents', '/contents/0', '/contents/0/hsCode', '/totalValue']);

  test('a pointer to a shown field highlights that field', () => {
    expect(highlightTarget('/contents/0/hsCode', shown)).toBe('/contents/0/hsCode');
  });

  test('a pointer deeper than the layout highlights the nearest shown ancestor', () => {
    expect(highlightTarget('/recipient/address/lines/0', shown)).toBe('/recipient/address');
    expect(highlightTarget('/contents/0/value', shown)).toBe('/contents/0');
    expect(highlightTarget('/contents/7/value', shown)).toBe('/contents');
  });

  test("the whole declaration ('' ) and unknown top-level fields fall back to the declaration itself", () => {
    expect(highlightTarget('', shown)).toBe('');
    expect(highlightTarget('/comments', shown)).toBe('');
    expect(highlightTarget('/x', new Set(['/totalValue']))).toBeUndefined();
  });

  test('several annotations on one field are grouped on it, in order', () => {
    expect(highlightsFor(['/totalValue', '/contents/0/hsCode', '/totalValue'], shown)).toEqual(
      new Map([
        ['/totalValue', [0, 2]],
        ['/contents/0/hsCode', [1]],
      ]),
    );
  });
});
