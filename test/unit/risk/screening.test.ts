// The sanctions rule through the Screener port: a fake screener for the rule's own logic, and
// the real SanctionsScreener over a few real SDN lines for the wiring.
import { validDeclaration } from '../../fixtures/declarations';
import { sanctionedRecipient } from '../../fixtures/risk-declarations';
import type { SanctionsMatch, Screener } from '../../../shared/risk';
import { SanctionsScreener, parseSdnCsv } from '../../../shared/risk/sanctions';
import { NOW, declaration, engine, hitsOf } from './support';

const match = (over: Partial<SanctionsMatch>): SanctionsMatch => ({ entNum: 1, listedName: 'LISTED, Person', programs: ['SDGT'], score: 0.95, strength: 'strong', ...over });

/** A fake screener answering from a table of exact names. */
const fakeScreener = (table: Record<string, SanctionsMatch[]>): Screener & { screened: string[] } => {
  const screened: string[] = [];
  return { screened, screen: (name) => (screened.push(name), table[name] ?? []) };
};

describe('sanctioned parties (fake screener)', () => {
  it('screens name and businessName of both parties, once each', () => {
    const s = fakeScreener({});
    const d = declaration(validDeclaration({ recipient: { ...validDeclaration().recipient, businessName: 'Martin Conseil' } }));
    engine('eu-west-1', {}, s).assess(d, [], NOW);
    expect(s.screened).toEqual(['Muster Versand GmbH', 'Claire Martin', 'Martin Conseil']);
  });

  it('makes a strong match critical, at the screened field, with the best match first', () => {
    const s = fakeScreener({ 'Claire Martin': [match({ entNum: 2, strength: 'weak', score: 0.8 }), match({ entNum: 7, listedName: 'MARTIN, Claire', score: 0.97 })] });
    const a = engine('eu-west-1', {}, s).assess(declaration(validDeclaration()), [], NOW);
    expect(a.hits).toEqual([
      expect.objectContaining({ ruleId: 'SANCTIONS_STRONG_MATCH', points: 100, critical: true, pointer: '/recipient/name', evidence: expect.objectContaining({ screenedName: 'Claire Martin', totalMatches: 2 }) }),
    ]);
    expect((a.hits[0]!.evidence.matches as { entNum: number }[]).map((m) => m.entNum)).toEqual([7, 2]);
    expect(engine('eu-west-1', {}, s).decide(a).code).toBe('DO_NOT_LOAD');
  });

  it('makes a weak match raise the score only', () => {
    const s = fakeScreener({ 'Muster Versand GmbH': [match({ strength: 'weak', score: 0.8 })] });
    const a = engine('eu-west-1', {}, s).assess(declaration(validDeclaration()), [], NOW);
    expect(a.hits).toEqual([expect.objectContaining({ ruleId: 'SANCTIONS_WEAK_MATCH', points: 30, critical: false, pointer: '/sender/name' })]);
  });
});

describe('sanctioned parties (real screener on real SDN lines)', () => {
  const sdn = [
    '306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'BNC\'."',
    '7182,"ARZALLUS TAPIA, Eusebio","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 08 Nov 1957; POB Regil, Guipuzcoa Province, Spain; D.N.I. 15.927.207 (Spain); Member ETA."',
    '7183,"ELCORO AYASTUY, Paulo","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 22 Oct 1973; POB Vergara, Guipuzcoa Province, Spain; D.N.I. 15.394.062 (Spain); Member ETA."',
  ].join('\r\n');
  const e = engine('eu-west-1', {}, new SanctionsScreener(parseSdnCsv(sdn)));

  it('stops the sanctioned-recipient sample', () => {
    const a = e.assess(declaration(sanctionedRecipient()), [], NOW);
    expect(hitsOf(a, 'SANCTIONS_STRONG_MATCH')).toEqual([
      expect.objectContaining({ pointer: '/recipient/name', evidence: expect.objectContaining({ matches: [expect.objectContaining({ entNum: 7182, programs: ['SDGT'] })] }) }),
    ]);
    expect(e.decide(a).code).toBe('DO_NOT_LOAD');
  });

  it('screens business names too and lets unlisted parties through', () => {
    const sender = { ...validDeclaration().sender, businessName: 'Banco Nacional de Cuba' };
    expect(hitsOf(e.assess(declaration(validDeclaration({ sender })), [], NOW), 'SANCTIONS_STRONG_MATCH')[0]?.pointer).toBe('/sender/businessName');
    expect(e.assess(declaration(validDeclaration()), [], NOW).hits).toEqual([]);
  });
});
