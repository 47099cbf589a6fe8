// Who decides (CONTRACT sections 3 and 4): the pure rules that keep customs in control of a parcel, the views of
// each audience, and events as snapshots. No I/O: parcels are built as the stages build them.
import { type CustomsResponse, type Parcel, ENGINE, changedPointers, decideSubmission, declarationHash, mayEngineIssue, receivedParcel } from '#shared/parcels/parcel';
import { eventFor, eventsOf } from '#shared/parcels/events';
import { parcelView } from '#shared/parcels/view';
import { type CustomsResponseCode, edifact7365 } from '#shared/risk/response';
import { at, declaration } from '#test/helpers/parcels';
import { AMENDMENT_MATRIX } from '#test/fixtures/amendment-matrix';

const OFFICER = 'key_customs_fr';
const d1 = declaration();
const response = (code: CustomsResponseCode, issuedBy: string, reasons: string[] = []): CustomsResponse => ({ code, edifact7365: edifact7365(code), issuedAt: at(2), issuedBy, reasons });

/** Version 1 as it stands after `issuedBy` answered `code` (the engine after assessing, or an officer after that). */
function standing(code: CustomsResponseCode, issuedBy: string): Parcel {
  const p = receivedParcel(d1, 'platform:shop-1', declarationHash(d1), at(1));
  const assessment = { score: 0, level: 'LOW' as const, hits: [], rulesetVersion: 't', assessedAt: at(2), version: 1 };
  const history = [...p.history, { at: at(2), type: 'parcel.assessed' as const, version: 1, status: 'RECEIVED' as const }];
  if (issuedBy !== ENGINE) history.push({ at: at(2), type: 'customs.response.issued', version: 1, status: 'RELEASED', code: 'RELEASED', issuedBy: ENGINE, reasons: [] });
  history.push({ at: at(3), type: 'customs.response.issued', version: 1, status: code, code, issuedBy, reasons: [] });
  return { ...p, status: code, assessment, customsResponse: response(code, issuedBy), history };
}

const amend = (p: Parcel) => {
  const d2 = declaration({ comments: 'amended' });
  return receivedParcel(d2, p.submittedBy, declarationHash(d2), at(5), p);
};

describe('an amendment against each standing response', () => {
  describe.each(AMENDMENT_MATRIX.map((r) => [`${r.by} ${r.code}`, r] as const))('%s', (_name, { code, by, pending: pendingStatus, after: cells }) => {
    const issuer = by === 'engine' ? ENGINE : OFFICER;

    it(`waits as ${pendingStatus}, keeping a binding response`, () => {
      const v2 = amend(standing(code, issuer));
      expect(v2.status).toBe(pendingStatus);
      expect(v2.customsResponse?.issuedBy).toBe(pendingStatus === 'RECEIVED' ? undefined : issuer);
      expect(v2.history.at(-1)).toMatchObject({ type: 'parcel.received', version: 2, status: pendingStatus, changes: ['/comments'] });
    });

    it.each(Object.entries(cells))('the engine answering %s leaves %j', (engineCode, [expectedCode, expectedBy]) => {
      const v2 = amend(standing(code, issuer));
      const issued = mayEngineIssue(v2, 2, engineCode as CustomsResponseCode);
      const result = issued ? { code: engineCode, by: 'engine' } : { code: v2.customsResponse!.code, by: v2.customsResponse!.issuedBy === ENGINE ? 'engine' : 'officer' };
      expect([result.code, result.by]).toEqual([expectedCode, expectedBy]);
    });
  });

  it('never issues the engine answer to a version an officer already decided on', () => {
    const p = receivedParcel(d1, 'platform:shop-1', declarationHash(d1), at(1));
    const decided: Parcel = {
      ...p,
      status: 'RELEASED',
      customsResponse: response('RELEASED', OFFICER),
      history: [...p.history, { at: at(2), type: 'customs.response.issued', version: 1, status: 'RELEASED', code: 'RELEASED', issuedBy: OFFICER }],
    };
    expect(mayEngineIssue(decided, 1, 'DO_NOT_LOAD')).toBe(false);
    expect(mayEngineIssue(p, 1, 'RELEASED')).toBe(true);
  });
});

describe('decideSubmission: who may declare an itemId', () => {
  const owner = { id: 'platform:shop-1', issuingPost: false };
  const stranger = { id: 'platform:shop-2', issuingPost: false };
  const issuingPost = { id: 'post:DE', issuingPost: true };
  const v1 = receivedParcel(d1, 'platform:shop-1', declarationHash(d1), at(1));
  const d2 = declaration({ comments: 'x' });
  const rerouted = declaration({ destinationCountry: 'BE', recipient: { ...d1.recipient, address: { ...d1.recipient.address, countryCode: 'BE' } } });

  it.each([
    ['a new itemId', undefined, owner, d1, { kind: 'new', version: 1 }],
    ['the same declaration from its submitter', v1, owner, d1, { kind: 'identical' }],
    ['a changed declaration from its submitter', v1, owner, d2, { kind: 'amendment', version: 2, takeover: false }],
    ['any declaration from another filer', v1, stranger, d2, { kind: 'refused', code: 'ITEM_ID_TAKEN' }],
    ['the same declaration from another filer', v1, stranger, d1, { kind: 'refused', code: 'ITEM_ID_TAKEN' }],
    ['the issuing post, after another filer claimed it', v1, issuingPost, d2, { kind: 'amendment', version: 2, takeover: true }],
    ['a new route from the submitter', v1, owner, rerouted, { kind: 'refused', code: 'ROUTE_CHANGED' }],
    ['a new route from the issuing post while nothing binds', v1, issuingPost, rerouted, { kind: 'amendment', takeover: true }],
    ['a new route from the issuing post under a hold', standing('HELD_FOR_INSPECTION', ENGINE), issuingPost, rerouted, { kind: 'refused', code: 'ROUTE_CHANGED' }],
    ['anything after a final decision', standing('DETAINED', OFFICER), owner, d2, { kind: 'refused', code: 'FINAL_DECISION_TAKEN' }],
    ['the issuing post after a final decision', standing('REFUSED', OFFICER), issuingPost, d2, { kind: 'refused', code: 'FINAL_DECISION_TAKEN' }],
  ] as const)('%s', (_name, existing, submitter, d, expected) => {
    expect(decideSubmission(existing, submitter, d, declarationHash(d))).toMatchObject(expected);
  });
});

describe('changedPointers', () => {
  it('names what an amendment changed, down to a line or a party field', () => {
    const after = declaration({ comments: 'now', recipient: { ...d1.recipient, phone: '+33600000000' }, contents: [d1.contents[0]!, { ...d1.contents[1]!, description: 'Leather purse' }] });
    expect(changedPointers(d1, after).sort()).toEqual(['/comments', '/contents/1/description', '/recipient/phone']);
    expect(changedPointers(d1, d1)).toEqual([]);
  });
});

describe('what each audience sees', () => {
  const held: Parcel = {
    ...standing('HELD_FOR_INSPECTION', ENGINE),
    assessment: {
      score: 65,
      level: 'HIGH',
      rulesetVersion: 't',
      assessedAt: at(2),
      version: 1,
      engineResponse: 'HELD_FOR_INSPECTION',
      hits: [
        { ruleId: 'SANCTIONS_WEAK_MATCH', points: 30, pointer: '/recipient/name', message: 'matches SDN entry 123', evidence: { entry: 123 }, critical: false },
        { ruleId: 'VALUE_PER_KG_LOW', points: 20, pointer: '/contents/0', message: 'below the 40 EUR/kg floor', evidence: { floor: 40 }, critical: false },
        { ruleId: 'DESCRIPTION_GENERIC', points: 15, pointer: '/contents/1/description', message: 'say what the goods are', evidence: { description: 'Gift' }, critical: false },
      ],
    },
    customsResponse: response('HELD_FOR_INSPECTION', ENGINE, ['SANCTIONS_WEAK_MATCH: matches SDN entry 123', 'DESCRIPTION_GENERIC: say what the goods are']),
  };

  it('customs and admin: every hit with its evidence, the score and the level', () => {
    const v = parcelView(held, 'customs');
    expect(v.assessment).toMatchObject({ score: 65, level: 'HIGH', engineResponse: 'HELD_FOR_INSPECTION' });
    expect(v.assessment?.hits).toHaveLength(3);
    expect(v.customsResponse?.reasons).toHaveLength(2);
  });

  it('filers and posts: the data-quality findings with their pointers, no evidence, score, level or risk reason', () => {
    const v = parcelView(held, 'filer');
    expect(v.assessment).toEqual({ rulesetVersion: 't', assessedAt: at(2), hits: [{ ruleId: 'DESCRIPTION_GENERIC', pointer: '/contents/1/description', message: 'say what the goods are' }] });
    expect(v.customsResponse).toMatchObject({ code: 'HELD_FOR_INSPECTION', reasons: ['DESCRIPTION_GENERIC: say what the goods are'] });
    expect(JSON.stringify(v)).not.toMatch(/SDN|SANCTIONS|floor|VALUE_PER_KG/);
  });

  it('filers and posts are told what may not fly, and why: the dangerous-goods finding and its reason', () => {
    const dg = {
      ruleId: 'DG_LITHIUM_BATTERY_LOOSE' as const,
      points: 100,
      pointer: '/contents/0/description',
      message: 'power bank: lithium battery not installed in equipment, forbidden by air',
      evidence: { source: 'ICAO PI 965' },
      critical: true,
    };
    const p: Parcel = {
      ...held,
      assessment: { ...held.assessment!, hits: [...held.assessment!.hits, dg] },
      customsResponse: response('DO_NOT_LOAD', ENGINE, [`DG_LITHIUM_BATTERY_LOOSE: ${dg.message}`, 'SANCTIONS_WEAK_MATCH: matches SDN entry 123']),
    };
    const v = parcelView(p, 'filer');
    expect(v.assessment?.hits).toContainEqual({ ruleId: dg.ruleId, pointer: dg.pointer, message: dg.message });
    expect(v.customsResponse?.reasons).toEqual([`DG_LITHIUM_BATTERY_LOOSE: ${dg.message}`]);
    expect(JSON.stringify(v)).not.toMatch(/ICAO PI 965|SDN/); // the evidence stays with customs
  });

  it("an officer's reason is shown to everyone: it is written for the filer", () => {
    const p = { ...held, customsResponse: response('HELD_FOR_INSPECTION', OFFICER, ['VALUE_PER_KG_LOW: please send the invoice']) };
    expect(parcelView(p, 'filer').customsResponse?.reasons).toEqual(['VALUE_PER_KG_LOW: please send the invoice']);
  });
});

describe('events are snapshots of their moment', () => {
  const p = standing('HELD_FOR_INSPECTION', OFFICER);
  const events = eventsOf(p, 1).map((e) => e.event);

  it('each event shows the status and response as they were then', () => {
    expect(events.map((e) => [e.type, e.data.status, e.data.customsResponse?.code, e.data.customsResponse?.issuedBy, e.data.assessment !== undefined])).toEqual([
      ['parcel.received', 'RECEIVED', undefined, undefined, false],
      ['parcel.assessed', 'RECEIVED', undefined, undefined, true],
      ['customs.response.issued', 'RELEASED', 'RELEASED', ENGINE, true],
      ['customs.response.issued', 'HELD_FOR_INSPECTION', 'HELD_FOR_INSPECTION', OFFICER, true],
    ]);
  });

  it('a later amendment does not change what the earlier events said', () => {
    const later = eventsOf(amend(p), 1).map((e) => e.event);
    expect(later.slice(0, events.length)).toEqual(events);
    expect(later.at(-1)?.data).toMatchObject({ version: 2, status: 'HELD_FOR_INSPECTION', customsResponse: { issuedBy: OFFICER } });
    expect(later.at(-1)?.data.assessment).toBeUndefined(); // version 2 is not assessed yet
  });

  it('a filer subscription gets the same event without the risk reasoning', () => {
    const withHits: Parcel = {
      ...p,
      assessment: { ...p.assessment!, score: 30, hits: [{ ruleId: 'SANCTIONS_WEAK_MATCH', points: 30, pointer: '/recipient/name', message: 'm', evidence: { entry: 1 }, critical: false }] },
    };
    const [e] = eventsOf(withHits, 4).map((x) => x.event);
    expect(e!.data.assessment).toMatchObject({ score: 30 });
    expect(eventFor(e!, 'filer')).toEqual({ ...e, data: { ...e!.data, assessment: { rulesetVersion: 't', assessedAt: at(2), hits: [] } } });
  });
});
