// Sanctions screening over HTTP (the local runtime in this process, with the bundled SDN list): a listed
// person's name alone is HELD_FOR_INSPECTION with the evidence of a possible match; the same name at an
// address in the country of the listed person's birth is DO_NOT_LOAD, a confirmed match; customs sees the
// evidence (list and version, entry, tokens, corroboration found and missing).
import type { DeclarationInput } from '#shared/ead/index';
import { validDeclaration } from '../fixtures/declarations';
import { s10Sequence } from '../helpers/s10';
import { waitFor } from '../helpers/wait';
import { useApiRuntime } from '../helpers/e2e';

jest.setTimeout(90_000);

const runtime = useApiRuntime({ shop: { role: 'platform', tenantId: 'sanctions-shop' }, customsES: { role: 'customs', country: 'ES' }, customsFR: { role: 'customs', country: 'FR' } });
const { keys } = runtime;
let { api } = runtime;
beforeAll(() => void ({ api } = runtime));
const nextId = s10Sequence(63_000_000);

/** Oleg Deripaska's entry names Russia (birth, citizenship) and Cyprus; Eusebio Arzallus Tapia was born in Spain. */
const to = (name: string, countryCode: 'ES' | 'FR', city: string): DeclarationInput =>
  validDeclaration({ itemId: nextId(), destinationCountry: countryCode, recipient: { name, address: { lines: ['Calle Mayor 3'], city, postcode: '28013', countryCode }, phone: '+34911234567' } });

async function assessedByCustoms(d: DeclarationInput, customs: string) {
  const submitted = await api.post('/v1/parcels', keys.shop!.key, d);
  expect(submitted.status).toBe(202);
  return waitFor(
    async () => {
      const r = await api.get(`/v1/parcels/${d.itemId}`, keys[customs]!.key);
      return r.status === 200 && r.body.history.some((h: { type: string }) => h.type === 'parcel.assessed') && r.body;
    },
    `${d.itemId} to be assessed`,
    30_000,
  );
}

describe('sanctions screening decides on evidence', () => {
  it('a strong name match alone is HELD_FOR_INSPECTION, as a possible match with what was not corroborated', async () => {
    const seen = await assessedByCustoms(to('Eusebio Arzallus Tapia', 'FR', 'Paris'), 'customsFR');
    expect(seen.customsResponse.code).toBe('HELD_FOR_INSPECTION');
    const hit = seen.assessment.hits.find((h: { ruleId: string }) => h.ruleId.startsWith('SANCTIONS_'));
    expect(hit).toMatchObject({ ruleId: 'SANCTIONS_POSSIBLE_MATCH', critical: false, pointer: '/recipient/name', evidence: { list: 'OFAC SDN', listVersion: '2024-05-03' } });
    const m = hit.evidence.matches[0];
    expect(m).toMatchObject({ entNum: 7182, listedName: 'ARZALLUS TAPIA, Eusebio', entryType: 'individual', programs: ['SDGT'], strength: 'strong', corroboration: { found: [] } });
    expect(m.tokens).toHaveLength(3);
    expect(m.corroboration.missing).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'country', declared: 'FR', listed: ['placeOfBirth Regil, Guipuzcoa Province, Spain (ES)'] })]));
  });

  it('the same name at a Spanish address is DO_NOT_LOAD: confirmed by the place of birth', async () => {
    const seen = await assessedByCustoms(to('Eusebio Arzallus Tapia', 'ES', 'Madrid'), 'customsES');
    expect(seen.customsResponse.code).toBe('DO_NOT_LOAD');
    expect(seen.customsResponse.reasons[0]).toMatch(
      /^SANCTIONS_CONFIRMED_MATCH: recipient name "Eusebio Arzallus Tapia" matches sanctioned party "ARZALLUS TAPIA, Eusebio" \(SDGT\), corroborated by \/recipient\/address\/countryCode ES/,
    );
  });

  it('a name written in Cyrillic without the patronymic is found, and held', async () => {
    const seen = await assessedByCustoms(to('Олег Дерипаска', 'FR', 'Paris'), 'customsFR');
    expect(seen.customsResponse.code).toBe('HELD_FOR_INSPECTION');
    const hit = seen.assessment.hits.find((h: { ruleId: string }) => h.ruleId === 'SANCTIONS_POSSIBLE_MATCH');
    expect(hit.evidence.matches[0]).toMatchObject({ listedName: 'DERIPASKA, Oleg Vladimirovich', matchedName: 'DERIPASKA, Oleg', matchedForm: 'given-names-dropped' });
  });
});
