// The lean item reading gives what lib-dynamodb's unmarshall gives with its defaults, for every attribute type.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { plainItem } from '#shared/store/attribute-values';

describe('plainItem', () => {
  it('reads every attribute type as unmarshall does', () => {
    const item: Record<string, AttributeValue> = {
      s: { S: 'CP800000118DE' },
      empty: { S: '' },
      n: { N: '60' },
      f: { N: '-12.5' },
      b: { B: Uint8Array.from([1, 2, 3]) },
      t: { BOOL: true },
      no: { BOOL: false },
      nil: { NULL: true },
      ss: { SS: ['a', 'b'] },
      ns: { NS: ['1', '2.5'] },
      bs: { BS: [Uint8Array.from([9])] },
      l: { L: [{ S: 'x' }, { N: '1' }, { M: { deep: { L: [{ NULL: true }] } } }] },
      m: { M: { at: { S: '2026-12-02T17:51:11.938Z' }, hits: { L: [] }, inner: { M: {} } } },
    };
    expect(plainItem(item)).toEqual(unmarshall(item));
  });

  it('reads back what marshall wrote of a stored parcel', () => {
    const parcel = {
      itemId: 'CP800000118DE',
      version: 2,
      history: [{ at: '2026-12-02T17:51:11.022Z', type: 'parcel.received', version: 1, status: 'RECEIVED' }],
      assessment: { score: 60, hits: [{ ruleId: 'SPLIT_SHIPMENT', points: 40, critical: false, evidence: { earlier: [{ valueEur: 60 }] } }] },
      decl: Uint8Array.from([27, 3, 0]),
    };
    expect(plainItem(marshall(parcel))).toEqual(parcel);
  });

  it('refuses a number it could not hold exactly (where unmarshall gives a BigInt, which no parcel attribute is)', () => {
    expect(() => plainItem({ n: { N: '12345678901234567890' } })).toThrow('12345678901234567890');
    expect(unmarshall({ n: { N: '12345678901234567890' } })).toEqual({ n: 12345678901234567890n });
  });

  it('keeps an attribute named __proto__ as data, not as the prototype', () => {
    const read = plainItem(JSON.parse('{ "__proto__": { "M": { "polluted": { "BOOL": true } } } }') as Record<string, AttributeValue>);
    expect(Object.keys(read)).toEqual(['__proto__']);
    expect((read as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
