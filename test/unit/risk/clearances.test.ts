// The clearance logic, pure: party fingerprints, which clearances are in force, and what a cleared hit looks like.
import { applyClearances, type ClearanceGrant, clearanceUntil, inForce, partyFingerprint, partyKey } from '#shared/risk/clearances';
import { buildScreeningList } from '#shared/screening/list';
import { sanctionedRecipient } from '#test/fixtures/risk-declarations';
import { ARZALLUS, FILLER, sdnCsv } from '#test/fixtures/sdn-lists';
import { NOW, declaration, engine } from './support';

const list = buildScreeningList({ sdn: sdnCsv([ARZALLUS, { ...ARZALLUS, entNum: 7183, name: 'ARZALLUS TAPIA, Eusebio Maria' }, ...FILLER]) }, { listVersion: 'test-1' });
const e = engine('eu-west-1', {}, list.screener);
const d = declaration(sanctionedRecipient());
const fp = partyFingerprint(d.recipient);

const grant = (over: Partial<ClearanceGrant> = {}): ClearanceGrant => ({
  fingerprint: fp,
  entNum: ARZALLUS.entNum,
  entryDigest: list.entryDigest(ARZALLUS.entNum)!,
  by: 'key_officer',
  at: NOW,
  until: clearanceUntil(NOW, 180),
  reason: 'passport seen: born 1991',
  ...over,
});

describe('the party fingerprint', () => {
  it('ignores case, accents, punctuation and token order, but not the country or the name', () => {
    const base = { name: 'Eusebio Arzallus Tapia', address: { countryCode: 'ES' } };
    expect(partyFingerprint({ name: 'TAPIA, Arzallús  eusebio', address: { countryCode: 'es' } })).toBe(partyFingerprint(base));
    expect(partyFingerprint({ ...base, address: { countryCode: 'FR' } })).not.toBe(partyFingerprint(base));
    expect(partyFingerprint({ ...base, name: 'Eusebio Arzallus' })).not.toBe(partyFingerprint(base));
    expect(partyKey(base)).toBe('ES|arzallus eusebio tapia|');
    expect(partyFingerprint(base)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('clearances in force', () => {
  const digest = list.entryDigest;
  it('keeps a clearance that is not revoked, ended or expired, against the same entry', () => {
    expect(inForce([grant()], NOW, digest)).toHaveLength(1);
  });
  it.each([
    ['expired', { until: NOW }],
    ['revoked', { revokedAt: NOW }],
    ['ended by a list update', { endedAt: NOW }],
    ['made against an entry the list now has otherwise', { entryDigest: 'another-digest' }],
    ['of an entry no longer listed', { entNum: 1 }],
  ])('drops one %s', (_why, over) => {
    expect(inForce([grant(over as Partial<ClearanceGrant>)], NOW, digest)).toEqual([]);
  });
});

describe('a cleared hit', () => {
  const uncleared = e.assess(d, [], NOW);
  const strong = uncleared.hits.find((h) => h.pointer === '/recipient/name')!;

  it('is a critical strong match before it is cleared', () => {
    expect(strong).toMatchObject({ ruleId: 'SANCTIONS_CONFIRMED_MATCH', critical: true });
    expect(e.decide(uncleared).code).toBe('DO_NOT_LOAD');
  });

  it('keeps its evidence, scores 0, is not critical, and says who cleared it until when', () => {
    const grants = [grant(), grant({ entNum: 7183, entryDigest: list.entryDigest(7183)! })];
    const a = e.assess(d, [], NOW, { clearances: grants });
    const hit = a.hits.find((h) => h.pointer === '/recipient/name')!;
    expect(hit).toMatchObject({ ruleId: 'SANCTIONS_CONFIRMED_MATCH', points: 0, critical: false });
    expect(hit.evidence).toMatchObject({
      screenedName: 'Eusebio Arzallus Tapia',
      cleared: { by: 'key_officer', at: NOW, until: grant().until, reason: 'passport seen: born 1991' },
      clearedPoints: strong.points,
    });
    expect((hit.evidence.matches as { entNum: number; cleared?: unknown }[]).every((m) => m.cleared)).toBe(true);
    expect(a.score).toBe(uncleared.score - strong.points);
    expect(e.decide(a).code).toBe('RELEASED');
  });

  it('keeps its points while one of the entries it matched is not cleared, marking the cleared one', () => {
    const a = e.assess(d, [], NOW, { clearances: [grant()] });
    const hit = a.hits.find((h) => h.pointer === '/recipient/name')!;
    expect(hit.points).toBe(strong.points);
    expect(hit.critical).toBe(true);
    const matches = hit.evidence.matches as { entNum: number; cleared?: unknown }[];
    expect(matches.find((m) => m.entNum === 7182)?.cleared).toBeDefined();
    expect(matches.find((m) => m.entNum === 7183)?.cleared).toBeUndefined();
  });

  it('is not cleared for another party, even with the same entry', () => {
    const other = { ...grant(), fingerprint: partyFingerprint({ name: 'Eusebio Arzallus Tapia', address: { countryCode: 'PT' } }) };
    const hits = e.assess(d, [], NOW).hits;
    expect(applyClearances(hits, d, [other, { ...other, entNum: 7183 }])).toBe(0);
    expect(hits.find((h) => h.pointer === '/recipient/name')!.critical).toBe(true);
  });
});
