// Dangerous goods over HTTP (the local runtime in this process): a power bank by air is DO_NOT_LOAD with a reason
// that says why it may not fly and the source; the same parcel by surface is held, not stopped; a laptop with its
// battery installed is RELEASED. Customs reads the parcels (it sees the hits and every reason).
import type { DeclarationInput } from '#shared/ead/index';
import { validDeclaration } from '../fixtures/declarations';
import { s10Sequence } from '../helpers/s10';
import { waitFor } from '../helpers/wait';
import { useApiRuntime } from '../helpers/e2e';

jest.setTimeout(60_000);

const runtime = useApiRuntime({ shop: { role: 'platform', tenantId: 'dg-shop' }, customsFR: { role: 'customs', country: 'FR' } });
const { key } = runtime;
let { api } = runtime;
beforeAll(() => void ({ api } = runtime));
const nextId = s10Sequence(62_000_000);

/** One line, worth more than the de minimis so no split-shipment rule joins in. */
const parcel = (description: string, hsCode: string, extra: Partial<DeclarationInput> = {}): DeclarationInput =>
  validDeclaration({ itemId: nextId(), contents: [{ description, quantity: 1, netWeightKg: 0.5, value: 200, hsCode, originCountry: 'DE' }], totalValue: 200, grossWeightKg: 0.8, ...extra });

async function assessedByCustoms(d: DeclarationInput) {
  const submitted = await api.post('/v1/parcels', key('shop'), d);
  expect(submitted.status).toBe(202);
  return waitFor(
    async () => {
      const r = await api.get(`/v1/parcels/${d.itemId}`, key('customsFR'));
      return r.status === 200 && r.body.history.some((h: { type: string }) => h.type === 'parcel.assessed') && r.body;
    },
    `${d.itemId} to be assessed`,
    20_000,
  );
}

describe('dangerous goods, by the transport declared', () => {
  it('a power bank by air (transport absent: AIR) is DO_NOT_LOAD, and the reason says why it may not fly and the source', async () => {
    const seen = await assessedByCustoms(parcel('Power bank 20000 mAh', '850760'));
    expect(seen.customsResponse.code).toBe('DO_NOT_LOAD');
    expect(seen.customsResponse.reasons[0]).toMatch(/^DG_LITHIUM_BATTERY_LOOSE: lithium cells or batteries not installed in equipment .*not to be loaded on aircraft.*ICAO TI PI 965-970 Section II/);
    expect(seen.assessment.hits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ruleId: 'DG_LITHIUM_BATTERY_LOOSE',
          critical: true,
          evidence: expect.objectContaining({ transport: 'AIR', transportDeclared: false, loading: 'DO_NOT_LOAD_ON_AIRCRAFT', matchedTerm: 'power bank' }),
        }),
      ]),
    );
  });

  it('the same power bank by SURFACE is held for the post to check, not DO_NOT_LOAD, and says so', async () => {
    const seen = await assessedByCustoms(parcel('Power bank 20000 mAh', '850760', { transport: 'SURFACE' }));
    expect(seen.declaration.transport).toBe('SURFACE');
    expect(seen.customsResponse.code).not.toBe('DO_NOT_LOAD');
    expect(seen.customsResponse.code).toBe('HELD_FOR_INSPECTION');
    expect(seen.customsResponse.reasons[0]).toMatch(/^DG_LITHIUM_BATTERY_LOOSE: .*forbidden by air; by surface, held for the post to check \(not stopped\)/);
    expect(seen.assessment.hits.find((h: { ruleId: string }) => h.ruleId === 'DG_LITHIUM_BATTERY_LOOSE')).toMatchObject({
      critical: false,
      evidence: { transport: 'SURFACE', air: 'FORBIDDEN', surface: 'HOLD' },
    });
  });

  it('a laptop with its battery installed is RELEASED, its condition of carriage stated to customs', async () => {
    const seen = await assessedByCustoms(parcel('Laptop 14 inch with lithium-ion battery installed, 56 Wh', '847130', { transport: 'AIR' }));
    expect(seen.customsResponse).toMatchObject({ code: 'RELEASED', reasons: [] });
    expect(seen.assessment.hits).toEqual([
      expect.objectContaining({
        ruleId: 'DG_LITHIUM_BATTERY_IN_EQUIPMENT',
        points: 0,
        critical: false,
        evidence: expect.objectContaining({ loading: 'MAY_BE_LOADED_WITH_CONDITIONS', battery: expect.objectContaining({ wh: 56 }) }),
      }),
    ]);
  });

  it('refuses a transport outside AIR, SURFACE, ROAD and RAIL with a pointer to it', async () => {
    const r = await api.post('/v1/parcels', key('shop'), { ...parcel('Power bank', '850760'), transport: 'SEA' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('/transport');
  });
});
