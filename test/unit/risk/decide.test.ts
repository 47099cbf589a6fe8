import { CUSTOMS_RESPONSE_CODES, CUSTOMS_RESPONSE_TABLE, type Hit, type RuleId, decide, edifact7365, isCustomsResponseCode, isFinal, levelFor } from '#shared/risk/index';
import { RISK_SAMPLES } from '#test/fixtures/risk-declarations';
import { SanctionsScreener, parseSdnCsv } from '#shared/risk/sanctions/index';
import { NOW, declaration, engine } from './support';

const hit = (ruleId: RuleId, points: number, critical = false): Hit => ({ ruleId, points, critical, pointer: '/x', message: `${ruleId} fired`, evidence: {} });
const levels = { medium: 20, high: 50, critical: 100 };
const assessment = (hits: Hit[]) => {
  const score = hits.reduce((s, h) => s + h.points, 0);
  return { score, level: levelFor(score, hits, levels), hits, rulesetVersion: 'test' };
};

describe('levels', () => {
  it.each([
    [0, 'LOW'],
    [19, 'LOW'],
    [20, 'MEDIUM'],
    [49, 'MEDIUM'],
    [50, 'HIGH'],
    [100, 'CRITICAL'],
  ] as const)('score %s is %s', (score, level) => {
    expect(levelFor(score, [], levels)).toBe(level);
  });

  it('a critical hit is CRITICAL whatever the score', () => {
    expect(levelFor(0, [hit('PROHIBITED_KEYWORD_ARMS', 0, true)], levels)).toBe('CRITICAL');
  });
});

describe('decide', () => {
  it('no hits: RELEASED, EDIFACT 4, no reasons', () => {
    expect(decide(assessment([]))).toEqual({ code: 'RELEASED', edifact7365: '4', reasons: [] });
  });

  it('a critical hit: DO_NOT_LOAD, no EDIFACT code, the critical hits as reasons', () => {
    const d = decide(assessment([hit('DESCRIPTION_GENERIC', 15), hit('PROHIBITED_KEYWORD_ARMS', 100, true)]));
    expect(d).toEqual({ code: 'DO_NOT_LOAD', edifact7365: null, reasons: ['PROHIBITED_KEYWORD_ARMS: PROHIBITED_KEYWORD_ARMS fired'] });
  });

  it('HIGH or CRITICAL without a critical hit: HELD_FOR_INSPECTION, EDIFACT 5, biggest hits first', () => {
    const d = decide(assessment([hit('VALUE_NOMINAL', 20), hit('VALUE_PER_UNIT_LOW', 30)]));
    expect(d.code).toBe('HELD_FOR_INSPECTION');
    expect(d.edifact7365).toBe('5');
    expect(d.reasons[0]).toMatch(/^VALUE_PER_UNIT_LOW: /);
    expect(decide(assessment([hit('VALUE_PER_UNIT_LOW', 60), hit('SPLIT_SHIPMENT', 60)])).code).toBe('HELD_FOR_INSPECTION');
  });

  it('data-quality findings below HIGH: INFORMATION_REQUESTED, EDIFACT 6, the data-quality hits as reasons', () => {
    expect(decide(assessment([hit('DESCRIPTION_GENERIC', 15)]))).toEqual({ code: 'INFORMATION_REQUESTED', edifact7365: '6', reasons: ['DESCRIPTION_GENERIC: DESCRIPTION_GENERIC fired'] });
    const mixed = decide(assessment([hit('DESCRIPTION_GENERIC', 15), hit('COUNTERFEIT_PRONE_ORIGIN', 20)]));
    expect(mixed).toMatchObject({ code: 'INFORMATION_REQUESTED', reasons: ['DESCRIPTION_GENERIC: DESCRIPTION_GENERIC fired'] });
  });

  it('other hits below HIGH: RELEASED', () => {
    expect(decide(assessment([hit('COUNTERFEIT_PRONE_ORIGIN', 20), hit('VALUE_JUST_UNDER_DE_MINIMIS', 10)])).code).toBe('RELEASED');
  });
});

describe('the customs response vocabulary', () => {
  it('maps every code to its EDIFACT 7365 value (CONTRACT section 4)', () => {
    expect(Object.fromEntries(CUSTOMS_RESPONSE_CODES.map((c) => [c, edifact7365(c)]))).toEqual({
      RELEASED: '4',
      INFORMATION_REQUESTED: '6',
      HELD_FOR_INSPECTION: '5',
      DO_NOT_LOAD: null,
      DETAINED: '7',
      REFUSED: null,
    });
    expect(Object.keys(CUSTOMS_RESPONSE_TABLE)).toEqual([...CUSTOMS_RESPONSE_CODES]);
  });

  it('only DETAINED and REFUSED are final', () => {
    expect(CUSTOMS_RESPONSE_CODES.filter(isFinal)).toEqual(['DETAINED', 'REFUSED']);
  });

  it('recognises codes', () => {
    expect(isCustomsResponseCode('RELEASED')).toBe(true);
    expect(isCustomsResponseCode('released')).toBe(false);
    expect(isCustomsResponseCode('toString')).toBe(false);
  });
});

describe('the named samples', () => {
  // The real line: its place of birth (Spain) is what corroborates the name for a recipient in Spain.
  const sdn = '7182,"ARZALLUS TAPIA, Eusebio","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 08 Nov 1957; POB Regil, Guipuzcoa Province, Spain; D.N.I. 15.927.207 (Spain); Member ETA."';
  const e = engine('eu-west-1', {}, new SanctionsScreener(parseSdnCsv(sdn)));
  it.each(Object.entries(RISK_SAMPLES))('%s', (_, sample) => {
    const a = e.assess(declaration(sample.declaration()), [], NOW);
    expect(e.decide(a).code).toBe(sample.expected);
  });
});
