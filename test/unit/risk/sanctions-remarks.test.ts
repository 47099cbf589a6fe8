// What the list says about an entry, parsed once at load: the Remarks into countries and identifiers,
// alt.csv and add.csv of the same release, and the entry digest clearances are tied to.
import { buildScreener, parseAddCsv, parseAltCsv, parseRemarks, parseSdnCsv } from '#shared/risk/sanctions/index';

const SDN = [
  '2676,"AL ZAWAHIRI, Dr. Ayman","individual","SDGT","Operational and Military Leader of JIHAD GROUP",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 19 Jun 1951; POB Giza, Egypt; Passport 1084010 (Egypt); alt. Passport 19820215; Operational and Military Leader of JIHAD GROUP."',
  '306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'BNC\'."',
  '9999,"DERIPASKA, Oleg Vladimirovich","individual","RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 02 Jan 1968; POB Dzerzhinsk, Nizhny Novgorod Region, Russia; nationality Russia; alt. citizen Cyprus; Gender Male; Tax ID No. 773605377805 (Russia); Email Address info@example.ru; Telephone No. +7 495 123 45 67; Website www.example.ru."',
].join('\r\n');

describe('parseRemarks', () => {
  it("reads countries by role, as ISO codes, from the list's own spellings", () => {
    const d = parseRemarks('DOB 1960; POB Pyongyang, Korea, North; nationality Korea, North; alt. nationality Burma; citizen Congo, Democratic Republic of the');
    expect(d.countries.map((c) => [c.role, c.country])).toEqual([
      ['placeOfBirth', 'KP'],
      ['nationality', 'KP'],
      ['nationality', 'MM'],
      ['citizenship', 'CD'],
    ]);
    expect(d.birthDates).toEqual(['1960']);
  });

  it('reads identifiers with their kind, compared form and country', () => {
    const d = parseRemarks(
      'Tax ID No. 52-1943868 (United States); V.A.T. Number BE 454,419,759; National ID No. 0941786821 (Iran); Registration Number 1690 (Iran); Email Address Info@Arrai.tv; Telephone No. 009613679153; Website www.hib.uk.com',
    );
    expect(d.identifiers.map((i) => [i.kind, i.key, i.country ?? null])).toEqual([
      ['taxId', '521943868', 'US'],
      ['taxId', 'BE454419759', null],
      ['nationalId', '0941786821', 'IR'],
      ['registration', '1690', 'IR'],
      ['email', 'info@arrai.tv', null],
      ['phone', '613679153', null],
      ['website', 'hib.uk.com', null],
    ]);
    expect(d.countries).toEqual([{ role: 'registration', country: 'IR', text: 'Iran' }]);
  });

  it('ignores what it does not know and never throws on odd text', () => {
    expect(parseRemarks('')).toEqual({ countries: [], identifiers: [], birthDates: [] });
    expect(parseRemarks('Linked To: SOMETHING; Executive Order 13846 information: FOREIGN EXCHANGE; nationality Atlantis;;;').countries).toEqual([]);
  });
});

describe('the list files of one release', () => {
  it('parses sdn.csv rows with their Remarks structured', () => {
    const [zawahiri, bank, deripaska] = parseSdnCsv(SDN);
    expect(zawahiri).toMatchObject({ entNum: 2676, title: 'Operational and Military Leader of JIHAD GROUP', details: { countries: [{ role: 'placeOfBirth', country: 'EG' }] } });
    expect(zawahiri!.details.identifiers.map((i) => i.value)).toEqual(['1084010', '19820215']);
    expect(bank).toMatchObject({ type: 'entity', aliases: ['BNC'] });
    expect(deripaska!.details.countries.map((c) => c.country)).toEqual(['RU', 'RU', 'CY']);
  });

  it('parses alt.csv and add.csv and merges them into their entries', () => {
    const alt = parseAltCsv('2676,1,"aka","AL-ZAWAHIRI, Ayman",-0- \r\n306,2,"aka","NATIONAL BANK OF CUBA",-0- \r\n1,3,"aka","NOBODY",-0- \r\n\u001a');
    const add = parseAddCsv('306,10,"Aguiar 456","Havana",Cuba,-0- \r\n9999,11,-0- ,"Moscow","Russia",-0- \r\n');
    expect(alt[0]).toEqual({ entNum: 2676, altNum: 1, altType: 'aka', altName: 'AL-ZAWAHIRI, Ayman', altRemarks: '' });
    expect(add[0]).toMatchObject({ entNum: 306, address: 'Aguiar 456', cityStatePostal: 'Havana', country: 'Cuba', countryCode: 'CU' });
    const s = buildScreener({ sdn: SDN, alt: 'x', add: '306,10,"Aguiar 456","Havana",Cuba,-0- ' }, { listVersion: '2024-05-03' });
    expect(s.entry(306)!.details.countries).toEqual([{ role: 'address', country: 'CU', text: 'Cuba' }]);
    const withAlt = buildScreener({ sdn: SDN, alt: '306,2,"aka","NATIONAL BANK OF CUBA",-0- ' }, { listVersion: 'v2' });
    expect(withAlt.listVersion).toBe('v2');
    expect(withAlt.screen('National Bank of Cuba', { kind: 'business' })[0]).toMatchObject({ entNum: 306, strength: 'strong', matchedAlias: 'NATIONAL BANK OF CUBA', listVersion: 'v2' });
  });
});

describe('entryDigest', () => {
  const a = buildScreener({ sdn: SDN }, { listVersion: 'a' });

  it('is stable: the same entry in another release (rows reordered) hashes the same', () => {
    const reordered = SDN.split('\r\n').reverse().join('\r\n');
    const b = buildScreener({ sdn: reordered }, { listVersion: 'b' });
    expect(a.entryDigest(2676)).toMatch(/^[0-9a-f]{64}$/);
    expect(b.entryDigest(2676)).toBe(a.entryDigest(2676));
    expect(a.entryDigest(12345)).toBeUndefined();
  });

  it('changes when anything the list says about the entry changes: remarks, an alias, an address', () => {
    const remarks = buildScreener({ sdn: SDN.replace('Passport 1084010', 'Passport 1084011') }, { listVersion: 'b' });
    const alias = buildScreener({ sdn: SDN, alt: '2676,1,"aka","AL-ZAWAHIRI, Ayman",-0- ' }, { listVersion: 'b' });
    const address = buildScreener({ sdn: SDN, add: '2676,5,-0- ,"Kabul","Afghanistan",-0- ' }, { listVersion: 'b' });
    for (const changed of [remarks, alias, address]) expect(changed.entryDigest(2676)).not.toBe(a.entryDigest(2676));
    expect(remarks.entryDigest(306)).toBe(a.entryDigest(306));
  });
});
