// The sanctions rule through the Screener port: a fake screener for the policy (what corroborates, what each
// case decides), and the real screener over a few real SDN lines for the wiring.
import { validDeclaration } from '#test/fixtures/declarations';
import { sanctionedRecipient } from '#test/fixtures/risk-declarations';
import type { SanctionsMatch, Screener } from '#shared/risk/index';
import { buildScreener, parseRemarks, type EntryDetails, type ScreenOptions } from '#shared/risk/sanctions/index';
import { NOW, declaration, engine, hitsOf } from './support';

const NO_DETAILS: EntryDetails = { countries: [], identifiers: [], birthDates: [] };
const match = (over: Partial<SanctionsMatch>): SanctionsMatch => ({
  entNum: 1,
  listedName: 'LISTED, Person',
  programs: ['SDGT'],
  score: 0.95,
  strength: 'strong',
  entryType: 'individual',
  details: NO_DETAILS,
  ...over,
});

/** A fake screener answering from a table of exact names, recording what it was asked. */
const fakeScreener = (table: Record<string, SanctionsMatch[]>): Screener & { screened: [string, ScreenOptions | undefined][] } => {
  const screened: [string, ScreenOptions | undefined][] = [];
  return { screened, screen: (name, options) => (screened.push([name, options]), table[name] ?? []) };
};

const recipient = (over: object) => ({ ...validDeclaration().recipient, ...over });
const assess = (s: Screener, d = validDeclaration(), region = 'eu-west-1') => {
  const e = engine(region, {}, s);
  const a = e.assess(declaration(d), [], NOW);
  return { a, code: e.decide(a).code };
};

describe('sanctions policy (fake screener)', () => {
  it('screens name and businessName of both parties, once each, saying whether each is a person or a business', () => {
    const s = fakeScreener({});
    assess(s, validDeclaration({ recipient: recipient({ businessName: 'Martin Conseil' }) }));
    expect(s.screened).toEqual([
      ['Muster Versand GmbH', { kind: 'business' }],
      ['Claire Martin', { kind: 'person' }],
      ['Martin Conseil', { kind: 'business' }],
    ]);
  });

  it('holds a strong name match alone for review, never DO_NOT_LOAD, with the evidence and the missing corroboration', () => {
    const s = fakeScreener({
      'Claire Martin': [
        match({ entNum: 2, strength: 'weak', score: 0.8 }),
        match({ entNum: 7, listedName: 'MARTIN, Claire', score: 0.97, tokens: [{ query: 'claire', listed: 'claire', similarity: 1 }] }),
      ],
    });
    const { a, code } = assess(s);
    expect(a.hits).toEqual([expect.objectContaining({ ruleId: 'SANCTIONS_POSSIBLE_MATCH', points: 50, critical: false, pointer: '/recipient/name' })]);
    expect(code).toBe('HELD_FOR_INSPECTION');
    const ev = a.hits[0]!.evidence as {
      matches: { entNum: number; decision: string; tokens: unknown[]; corroboration: { found: unknown[]; missing: { field: string; declared: unknown }[] } }[];
      totalMatches: number;
    };
    expect(ev.matches.map((m) => m.entNum)).toEqual([7, 2]);
    expect(ev.matches[0]!.tokens).toEqual([{ query: 'claire', listed: 'claire', similarity: 1 }]);
    expect(ev.matches[0]!.corroboration.found).toEqual([]);
    expect(ev.matches[0]!.corroboration.missing.map((c) => [c.field, c.declared])).toEqual([
      ['/recipient/taxId', null],
      ['/recipient/email', null],
      ['/recipient/phone', '+33612345678'],
      ['/recipient/address/countryCode', 'FR'],
      ['/recipient', 'person name'],
    ]);
  });

  it('confirms a strong match whose entry names the party address country: critical, DO_NOT_LOAD', () => {
    const details = parseRemarks('DOB 1960; nationality France; Gender Female');
    const { a, code } = assess(fakeScreener({ 'Claire Martin': [match({ details })] }));
    expect(hitsOf(a, 'SANCTIONS_CONFIRMED_MATCH')).toEqual([expect.objectContaining({ critical: true, message: expect.stringContaining('corroborated by /recipient/address/countryCode FR') })]);
    expect(code).toBe('DO_NOT_LOAD');
  });

  it('confirms on an identifier the entry lists: tax number (with or without its country prefix), e-mail, phone', () => {
    const details = parseRemarks('Tax ID No. 12345678901 (France); Email Address c.martin@example.fr; Telephone No. 0033 6 12 34 56 78');
    for (const over of [{ taxId: 'FR12345678901' }, { email: 'C.Martin@example.fr' }, {}]) {
      const { a } = assess(fakeScreener({ 'Claire Martin': [match({ details })] }), validDeclaration({ recipient: recipient(over) }));
      expect(a.hits[0]?.ruleId).toBe('SANCTIONS_CONFIRMED_MATCH');
    }
  });

  it('compares the IOSS number for the sender only', () => {
    const details = parseRemarks('Registration Number IM2760000001 (Germany)');
    const s = fakeScreener({ 'Muster Versand GmbH': [match({ details, entryType: 'individual' })], 'Claire Martin': [match({ details })] });
    const { a } = assess(s);
    expect(a.hits.map((h) => [h.pointer, h.ruleId])).toEqual([
      ['/sender/name', 'SANCTIONS_CONFIRMED_MATCH'],
      ['/recipient/name', 'SANCTIONS_POSSIBLE_MATCH'],
    ]);
  });

  it('confirms an entity matched by a business name, not by a person name', () => {
    const entity = match({ entryType: 'entity', listedName: 'MUSTER VERSAND GMBH' });
    const { a } = assess(fakeScreener({ 'Muster Versand GmbH': [entity], 'Claire Martin': [entity] }));
    expect(a.hits.map((h) => [h.pointer, h.ruleId])).toEqual([
      ['/sender/name', 'SANCTIONS_CONFIRMED_MATCH'],
      ['/recipient/name', 'SANCTIONS_POSSIBLE_MATCH'],
    ]);
  });

  it('scores a weak match only, and refers a weak match with a listed identifier', () => {
    const weak = match({ strength: 'weak', score: 0.8 });
    expect(assess(fakeScreener({ 'Claire Martin': [weak] })).a.hits).toEqual([expect.objectContaining({ ruleId: 'SANCTIONS_WEAK_MATCH', points: 30, critical: false })]);
    const withPhone = match({ strength: 'weak', score: 0.8, details: parseRemarks('Phone Number +33 6 12 34 56 78') });
    expect(assess(fakeScreener({ 'Claire Martin': [withPhone] })).code).toBe('HELD_FOR_INSPECTION');
  });

  it('is data per region: a region may turn country corroboration off, and never let a name alone stop a parcel', () => {
    const details = parseRemarks('nationality France');
    const s = fakeScreener({ 'Claire Martin': [match({ details })] });
    const e = engine('eu-west-1', { sanctions: { ...engine().config.sanctions, countryRoles: [] } }, s);
    expect(e.assess(declaration(validDeclaration()), [], NOW).hits[0]?.ruleId).toBe('SANCTIONS_POSSIBLE_MATCH');
    const policy = engine().config.sanctions;
    expect(() => engine('eu-west-1', { sanctions: { ...policy, decisions: { ...policy.decisions, strong: { ...policy.decisions.strong, none: 'SANCTIONS_CONFIRMED_MATCH' } } } })).toThrow(
      /a name alone must not stop a parcel/,
    );
  });
});

describe('sanctions rule (real screener on real SDN lines)', () => {
  const sdn = [
    '306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'BNC\'."',
    '7182,"ARZALLUS TAPIA, Eusebio","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 08 Nov 1957; POB Regil, Guipuzcoa Province, Spain; D.N.I. 15.927.207 (Spain); Member ETA."',
    '7183,"ELCORO AYASTUY, Paulo","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 22 Oct 1973; POB Vergara, Guipuzcoa Province, Spain; D.N.I. 15.394.062 (Spain); Member ETA."',
  ].join('\r\n');
  const screener = buildScreener({ sdn }, { listVersion: '2024-05-03' });

  it('stops the sanctioned-recipient sample: the name, and a Spanish address for a man born in Spain', () => {
    const { a, code } = assess(screener, sanctionedRecipient());
    const [hit] = hitsOf(a, 'SANCTIONS_CONFIRMED_MATCH');
    expect(hit).toMatchObject({
      pointer: '/recipient/name',
      evidence: { list: 'OFAC SDN', listVersion: '2024-05-03', matches: [{ entNum: 7182, programs: ['SDGT'], entryType: 'individual', matchedName: 'ARZALLUS TAPIA, Eusebio' }] },
    });
    const m = (hit!.evidence.matches as { corroboration: { found: { listed: string[] }[] } }[])[0]!;
    expect(m.corroboration.found).toEqual([
      expect.objectContaining({ kind: 'country', field: '/recipient/address/countryCode', declared: 'ES', listed: ['placeOfBirth Regil, Guipuzcoa Province, Spain (ES)'] }),
    ]);
    expect(code).toBe('DO_NOT_LOAD');
  });

  it('only holds the same name at a French address, and matches it without the second surname', () => {
    const d = validDeclaration({ recipient: recipient({ name: 'Eusebio Arzallus' }) });
    const { a, code } = assess(screener, d);
    expect(a.hits.map((h) => h.ruleId)).toEqual(['SANCTIONS_POSSIBLE_MATCH']);
    expect(code).toBe('HELD_FOR_INSPECTION');
  });

  it('stops a listed bank named as a business, and lets unlisted parties through', () => {
    const sender = { ...validDeclaration().sender, businessName: 'Banco Nacional de Cuba' };
    expect(hitsOf(assess(screener, validDeclaration({ sender })).a, 'SANCTIONS_CONFIRMED_MATCH')[0]?.pointer).toBe('/sender/businessName');
    expect(assess(screener).a.hits).toEqual([]);
  });
});
