import { validDeclaration } from '#test/fixtures/declarations';
import { InMemoryRecipientHistory, assessParcel, recipientFingerprint, recipientKey } from '#shared/risk/index';
import { NOW, declaration, engine, hitsOf, line, withLines } from './support';

const hoursAgo = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();
const parcel = (value: number) => withLines([line('Wool sweater', { hsCode: '611020', value })]);

describe('recipient fingerprint', () => {
  const base = validDeclaration().recipient;

  it('ignores case, accents, punctuation, spacing and name order', () => {
    const variant = { ...base, name: '  MARTIN,  Clàire ', address: { ...base.address, lines: ['12, Rue de la  Paix'], postcode: '75 002', city: 'PARIS' } };
    expect(recipientFingerprint(variant)).toBe(recipientFingerprint(base));
    expect(recipientKey(base)).toBe('FR|75002|paris|claire martin|12 rue de la paix');
    expect(recipientFingerprint(base)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('tells different people or addresses apart', () => {
    expect(recipientFingerprint({ ...base, name: 'Claire Martel' })).not.toBe(recipientFingerprint(base));
    expect(recipientFingerprint({ ...base, address: { ...base.address, lines: ['14 rue de la Paix'] } })).not.toBe(recipientFingerprint(base));
  });
});

describe('SPLIT_SHIPMENT', () => {
  const e = engine();

  it('needs the history only of a parcel under its destination de minimis, and such a parcel alone is recorded in it', () => {
    expect([e.needsHistory(parcel(149.99)), e.needsHistory(parcel(150)), e.needsHistory(parcel(400))]).toEqual([true, false, false]);
    // A destination without a de minimis has no split to detect.
    expect(e.needsHistory({ ...parcel(20), destinationCountry: 'CH' })).toBe(false);
    // What the engine decides without the history is what it would decide with it: at or over the threshold, the
    // split rule counts neither this parcel nor any history (which holds only parcels under it).
    const history = [
      { itemId: 'CP000000001DE', valueEur: 100, receivedAt: hoursAgo(3) },
      { itemId: 'CP000000002DE', valueEur: 100, receivedAt: hoursAgo(2) },
    ];
    expect(e.assess(parcel(150), history, NOW)).toEqual(e.assess(parcel(150), [], NOW));
    expect(hitsOf(e.assess(parcel(149.99), history, NOW), 'SPLIT_SHIPMENT')).toHaveLength(1);
  });

  it('flags the third parcel in 72 h whose total crosses 150 EUR while each stays under it', () => {
    const history = [
      { itemId: 'CP000000001DE', valueEur: 60, receivedAt: hoursAgo(30) },
      { itemId: 'CP000000002DE', valueEur: 50, receivedAt: hoursAgo(2) },
    ];
    const hits = hitsOf(e.assess(parcel(45), history, NOW), 'SPLIT_SHIPMENT');
    expect(hits).toEqual([
      expect.objectContaining({
        points: 40,
        pointer: '/recipient',
        evidence: expect.objectContaining({ parcels: 3, totalEur: 155, deMinimisEur: 150, windowHours: 72, currentValueEur: 45 }),
      }),
    ]);
    expect((hits[0]!.evidence.earlier as unknown[]).length).toBe(2);
  });

  it('keeps the evidence small: the 10 most recent earlier parcels, and the count of all', () => {
    const history = Array.from({ length: 30 }, (_, i) => ({ itemId: `CP${String(i).padStart(9, '0')}DE`, valueEur: 10, receivedAt: hoursAgo(i + 1) }));
    const [hit] = hitsOf(e.assess(parcel(45), history, NOW), 'SPLIT_SHIPMENT');
    const earlier = hit!.evidence.earlier as { itemId: string }[];
    expect(hit!.evidence.parcels).toBe(31);
    expect(earlier.map((h) => h.itemId)).toEqual(history.slice(0, 10).map((h) => h.itemId));
  });

  it('does not count the current parcel twice (an amendment shares its itemId)', () => {
    const d = parcel(45);
    const history = [
      { itemId: 'CP000000001DE', valueEur: 60, receivedAt: hoursAgo(30) },
      { itemId: d.itemId, valueEur: 50, receivedAt: hoursAgo(2) },
    ];
    expect(hitsOf(e.assess(d, history, NOW), 'SPLIT_SHIPMENT')).toEqual([]);
  });

  it.each([
    [
      'outside the window',
      [
        { valueEur: 60, h: 73 },
        { valueEur: 50, h: 2 },
      ],
    ],
    [
      'under the threshold together',
      [
        { valueEur: 40, h: 5 },
        { valueEur: 50, h: 2 },
      ],
    ],
    ['too few parcels', [{ valueEur: 140, h: 5 }]],
    [
      'an earlier parcel over the threshold on its own',
      [
        { valueEur: 200, h: 5 },
        { valueEur: 10, h: 2 },
      ],
    ],
  ])('stays silent for %s', (_, earlier) => {
    const history = earlier.map((x, i) => ({ itemId: `CP00000000${i}DE`, valueEur: x.valueEur, receivedAt: hoursAgo(x.h) }));
    expect(hitsOf(e.assess(parcel(45), history, NOW), 'SPLIT_SHIPMENT')).toEqual([]);
  });

  it('stays silent when the current parcel is over the threshold itself', () => {
    const history = [1, 2].map((i) => ({ itemId: `CP00000000${i}DE`, valueEur: 60, receivedAt: hoursAgo(i) }));
    expect(hitsOf(e.assess(parcel(200), history, NOW), 'SPLIT_SHIPMENT')).toEqual([]);
  });

  it('follows the configured window and parcel count', () => {
    const strict = engine('eu-west-1', { splitShipment: { windowHours: 24, minParcels: 2 } });
    const history = [{ itemId: 'CP000000001DE', valueEur: 120, receivedAt: hoursAgo(20) }];
    expect(hitsOf(strict.assess(parcel(45), history, NOW), 'SPLIT_SHIPMENT')).toHaveLength(1);
    expect(hitsOf(strict.assess(parcel(45), [{ ...history[0]!, receivedAt: hoursAgo(25) }], NOW), 'SPLIT_SHIPMENT')).toHaveLength(0);
  });
});

describe('assessParcel with the history port', () => {
  it('reads the window from the in-memory history by fingerprint, then decides', async () => {
    const history = new InMemoryRecipientHistory();
    const d = parcel(45);
    const fp = recipientFingerprint(d.recipient);
    history.record(fp, { itemId: 'CP000000001DE', valueEur: 60, receivedAt: hoursAgo(30) });
    history.record(fp, { itemId: 'CP000000002DE', valueEur: 50, receivedAt: hoursAgo(2) });
    history.record(fp, { itemId: 'CP000000003DE', valueEur: 70, receivedAt: hoursAgo(100) });
    history.record('someone-else', { itemId: 'CP000000004DE', valueEur: 70, receivedAt: hoursAgo(1) });
    const spy = jest.spyOn(history, 'recentByRecipient');
    const result = await assessParcel(engine(), d, history, NOW);
    expect(spy).toHaveBeenCalledWith(fp, hoursAgo(72), NOW);
    expect(result.recipientFingerprint).toBe(fp);
    expect(hitsOf(result.assessment, 'SPLIT_SHIPMENT')[0]?.evidence).toMatchObject({ parcels: 3, totalEur: 155 });
    expect(result.customsResponse.code).toBe('RELEASED'); // 40 points: MEDIUM, not a data-quality finding
  });

  it('does not query history for a destination without de minimis', async () => {
    const history = new InMemoryRecipientHistory();
    const spy = jest.spyOn(history, 'recentByRecipient');
    const toUs = declaration({ ...validDeclaration(), destinationCountry: 'US', currency: 'USD', ioss: undefined });
    await assessParcel(engine('us-east-1'), toUs, history, NOW);
    expect(spy).not.toHaveBeenCalled();
  });
});
