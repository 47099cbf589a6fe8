// Typing errors (shared/risk/sanctions/repair.ts, scoring.ts oneEditSim), each case computed by hand.
import { repairedForm } from '#shared/risk/sanctions/repair';
import { oneEditSim, tokenSim } from '#shared/risk/sanctions/scoring';
import { listEntry, SanctionsScreener } from '#shared/risk/sanctions/index';

describe('repairedForm', () => {
  const none = () => false;

  it('repairs a mistyped legal form and drops a mistyped title', () => {
    expect(repairedForm(['11420', 'cor'], none)).toEqual(['11420', 'corporation']);
    expect(repairedForm(['ostec', 'tld'], none)).toEqual(['limited', 'ostec']);
    expect(repairedForm(['ali', 'hilowle', 'omar', 'sehikh'], none)).toEqual(['ali', 'hilowle', 'omar']);
  });

  it('leaves known tokens, legal forms and short tokens alone', () => {
    expect(repairedForm(['cox', 'john'], (t) => t === 'cox')).toBeUndefined();
    expect(repairedForm(['limited', 'ostec'], none)).toBeUndefined();
    expect(repairedForm(['do', 'srz'], none)).toBeUndefined();
  });
});

describe('oneEditSim', () => {
  it('is 1 - 0.8 / length from seven letters on, 0 below', () => {
    expect(oneEditSim('mchanga', 'machanga')).toBeCloseTo(0.9, 6);
    expect(oneEditSim('orifino', 'orofino')).toBeCloseTo(1 - 0.8 / 7, 6);
    expect(oneEditSim('smyth', 'smith')).toBe(0);
  });

  it('lifts tokenSim only where Jaro-Winkler is lower', () => {
    // Jaro-Winkler of mchanga / machanga: window 3, m = 7, the second a pairs with b's first, so 6 half-transpositions:
    // (7/7 + 7/8 + 4/7) / 3 = 0.8155, prefix 1: 0.834 < 0.9.
    expect(tokenSim('mchanga', 'machanga')).toBeCloseTo(0.9, 6);
    // smith / smyth: Jaro-Winkler alone (0.893), oneEditSim is 0 at five letters.
    expect(tokenSim('smyth', 'smith')).toBeCloseTo(0.8933, 3);
    expect(tokenSim('orifino', 'orofino')).toBeCloseTo(0.8857, 3);
  });
});

describe('the screener with mistyped titles and legal forms', () => {
  const screener = new SanctionsScreener([listEntry({ entNum: 1, name: 'HILOWLE, Omar Sheikh Ali', type: 'individual' }), listEntry({ entNum: 2, name: '11420 CORP.', type: 'entity' })]);
  const strength = (q: string, entNum: number) => screener.screen(q).find((m) => m.entNum === entNum)?.strength;

  it('finds them strong', () => {
    expect(strength('HILOWLE, OMAR SEHIKH ALI', 1)).toBe('strong');
    expect(strength('11420 Cor.', 2)).toBe('strong');
  });
});
