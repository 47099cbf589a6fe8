// Customs stays in control, over HTTP (CONTRACT sections 3 to 5): an officer's hold stands over a filer's
// amendment, the route does not move, filers and posts see what to fix and never the risk reasoning (in the API and
// in their webhooks), and each event is a snapshot of its moment. The local runtime runs in this process; webhook
// receivers on 127.0.0.1 verify every signature with `standardwebhooks`.
import { ENGINE_VERDICTS } from '../fixtures/risk-declarations';
import { s10Sequence } from '../helpers/s10';
import { waitFor } from '../helpers/wait';
import { useApiRuntime } from '../helpers/e2e';
import { expectProblem } from '../helpers/problems';
import { type Receiver, startReceiver } from './webhooks-receiver';

jest.setTimeout(60_000);

const runtime = useApiRuntime({ shop: { role: 'platform', tenantId: 'integrity-shop' }, postFR: { role: 'post', country: 'FR' }, customsFR: { role: 'customs', country: 'FR' } });
const { keys, key, receivers } = runtime;
let { api } = runtime;
beforeAll(() => void ({ api } = runtime));
const nextId = s10Sequence(61_000_000);

/** The parcel as `who` sees it once version `version` is assessed (customs sees the assessment's version). */
const assessed = (itemId: string, version = 1) =>
  waitFor(
    async () => {
      const r = await api.get(`/v1/parcels/${itemId}`, key('customsFR'));
      return r.status === 200 && r.body.history.some((h: { type: string; version: number }) => h.type === 'parcel.assessed' && h.version === version) && r.body;
    },
    `${itemId} v${version} to be assessed`,
    20_000,
  );

describe("an officer's decision stands", () => {
  it('a hold stays when the filer amends only a comment: the amendment is assessed and recorded, not issued', async () => {
    // prepare: released by the engine, then held by customs FR
    const itemId = nextId();
    expect((await api.post('/v1/parcels', key('shop'), { ...ENGINE_VERDICTS.RELEASED(), itemId })).status).toBe(202);
    await assessed(itemId);
    const held = await api.post(`/v1/parcels/${itemId}/decisions`, key('customsFR'), { code: 'HELD_FOR_INSPECTION', reason: 'x-ray before delivery' });
    expect(held).toMatchObject({ status: 201, body: { code: 'HELD_FOR_INSPECTION', issuedBy: keys.customsFR!.id } });

    // act
    const amended = await api.post('/v1/parcels', key('shop'), { ...ENGINE_VERDICTS.RELEASED(), itemId, comments: 'please release' });
    const seen = await assessed(itemId, 2);

    // assess: still held by the officer; customs sees what the engine would have said
    expect(amended).toMatchObject({ status: 202, body: { version: 2, status: 'HELD_FOR_INSPECTION' } });
    expect(seen).toMatchObject({
      version: 2,
      status: 'HELD_FOR_INSPECTION',
      customsResponse: { code: 'HELD_FOR_INSPECTION', issuedBy: keys.customsFR!.id },
      assessment: { engineResponse: 'RELEASED' },
    });
    const filer = await api.get(`/v1/parcels/${itemId}`, key('shop'));
    expect(filer.body).toMatchObject({ status: 'HELD_FOR_INSPECTION', customsResponse: { reasons: ['x-ray before delivery'] } });
    expect(filer.body.assessment).not.toHaveProperty('engineResponse');
    expect(filer.body.history.find((h: { type: string; version: number }) => h.type === 'parcel.received' && h.version === 2)).toMatchObject({ changes: ['/comments'] });

    // and only customs lifts it
    const lifted = await api.post(`/v1/parcels/${itemId}/decisions`, key('customsFR'), { code: 'RELEASED', reason: 'inspected: as declared' });
    expect(lifted).toMatchObject({ status: 201, body: { code: 'RELEASED' } });
  });

  it('an amendment may not move the route: 409 ROUTE_CHANGED, and nothing changes', async () => {
    const itemId = nextId();
    await api.post('/v1/parcels', key('shop'), { ...ENGINE_VERDICTS.HELD_FOR_INSPECTION(), itemId });
    await assessed(itemId);
    const before = (await api.get(`/v1/parcels/${itemId}`, key('customsFR'))).body;
    const elsewhere = ENGINE_VERDICTS.RELEASED();

    const moved = await api.post('/v1/parcels', key('shop'), {
      ...elsewhere,
      itemId,
      destinationCountry: 'BE',
      recipient: { ...elsewhere.recipient, address: { ...elsewhere.recipient.address, countryCode: 'BE' } },
    });

    expectProblem(moved, 409, 'ROUTE_CHANGED');
    expect((await api.get(`/v1/parcels/${itemId}`, key('customsFR'))).body).toEqual(before);
  });
});

describe('who sees the risk reasoning', () => {
  it('customs sees every hit with its evidence and the score; the filer and the post see the response and what to fix', async () => {
    const itemId = nextId();
    const hooks = { customs: await startReceiver(), post: await startReceiver() };
    receivers.push(hooks.customs, hooks.post);
    const subs = {
      customs: (await api.post('/v1/webhooks', key('customsFR'), { url: hooks.customs.url, events: ['parcel.received', 'customs.response.issued'] })).body,
      post: (await api.post('/v1/webhooks', key('postFR'), { url: hooks.post.url, events: ['parcel.received', 'customs.response.issued'] })).body,
    };
    // A vague line beside a restricted one: a data-quality finding and a risk finding, HELD_FOR_INSPECTION.
    const d = ENGINE_VERDICTS.HELD_FOR_INSPECTION();
    d.contents.push({ description: 'Gift', quantity: 1, netWeightKg: 0.1, value: 10, hsCode: '610910', originCountry: 'PT' });
    d.totalValue = 210;
    d.grossWeightKg = 0.7;

    expect((await api.post('/v1/parcels', key('shop'), { ...d, itemId })).status).toBe(202);
    const customs = await assessed(itemId);
    const filer = (await api.get(`/v1/parcels/${itemId}`, key('shop'))).body;
    const post = (await api.get(`/v1/parcels/${itemId}`, key('postFR'))).body;

    expect(customs).toMatchObject({ status: 'HELD_FOR_INSPECTION', assessment: { score: expect.any(Number), level: 'HIGH' } });
    expect(customs.assessment.hits.map((h: { ruleId: string }) => h.ruleId).sort()).toEqual(['DESCRIPTION_GENERIC', 'RESTRICTED_KEYWORD_CANNABIS']);
    expect(customs.assessment.hits.every((h: { evidence?: unknown }) => h.evidence !== undefined)).toBe(true);
    for (const view of [filer, post]) {
      expect(view.status).toBe('HELD_FOR_INSPECTION');
      expect(view.assessment).toEqual({
        rulesetVersion: expect.any(String),
        assessedAt: expect.any(String),
        hits: [{ ruleId: 'DESCRIPTION_GENERIC', pointer: '/contents/1/description', message: expect.any(String) }],
      });
      expect(JSON.stringify(view)).not.toMatch(/CANNABIS|evidence|"score"/);
    }

    // The same split in the webhooks: each subscription gets what its owner may see; the receipt is a snapshot.
    const arrived = (r: Receiver, secret: string) => r.verified(secret).filter((e) => e.data.itemId === itemId);
    const byCustoms = await waitFor(() => arrived(hooks.customs, subs.customs.secret).length === 2 && arrived(hooks.customs, subs.customs.secret), 'customs to get both events', 20_000);
    const byPost = await waitFor(() => arrived(hooks.post, subs.post.secret).length === 2 && arrived(hooks.post, subs.post.secret), 'the post to get both events', 20_000);
    const issued = (es: typeof byCustoms) => es.find((e) => e.type === 'customs.response.issued')!;
    const received = (es: typeof byCustoms) => es.find((e) => e.type === 'parcel.received')!;
    expect(issued(byCustoms).data.assessment.hits).toHaveLength(2);
    expect(issued(byPost).data.assessment).toEqual(filer.assessment);
    expect(issued(byPost).data.customsResponse).toEqual(filer.customsResponse);
    for (const es of [byCustoms, byPost]) {
      expect(received(es).data).toEqual({ itemId, version: 1, sequence: 1, status: 'RECEIVED' });
    }
  });
});
