// Sanctions clearances and list updates through the API, as an officer and ops would use them: a hit, an officer
// clears it, a later parcel of the same party shows it cleared with no points; revocation; a list update that changes
// the entry ends the clearance and re-screens the window's parcels through the assess stage (with events; an
// officer's decision stands); a list that shrinks too much is refused. The local runtime runs in this process; the
// list bucket is its directory (rt.bucketDirs), where ops would upload to S3.
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { memoryLog } from '#infra/local/log';
import type { LocalRuntime } from '#infra/local/runtime';
import { topology } from '#infra/topology';
import { referenceDataPath } from '#shared/reference/files';
import { BUCKETS } from '#shared/resources';
import { BUNDLED_SDN_FILE, listVersionOf } from '#shared/screening/list';
import { sanctionedRecipient } from '../fixtures/risk-declarations';
import { NEWLY_LISTED, baseRelease, sdnLine } from '../fixtures/sdn-lists';
import type { ApiClient } from '../helpers/api-client';
import { expectProblem } from '../helpers/problems';
import { s10Sequence } from '../helpers/s10';
import { waitFor } from '../helpers/wait';
import { startApiRuntime } from '../helpers/webhook-runtime';
import { type Receiver, startReceiver } from './webhooks-receiver';

jest.setTimeout(120_000);

let rt: LocalRuntime;
let api: ApiClient;
let keys: Record<string, { id: string; key: string }> = {};
let receiver: Receiver | undefined;
const nextId = s10Sequence(71_000_000);
const key = (name: string) => keys[name]!.key;

beforeAll(async () => {
  ({ rt, api, keys } = await startApiRuntime(
    // The list is checked on every batch and re-screening starts on the run after acceptance: seconds, not minutes.
    { topology, log: memoryLog(), queueVisibilitySeconds: 5, scheduleIntervalMs: 400, idlePollMs: 20, env: { SANCTIONS_LIST_CHECK_SECONDS: '0', SANCTIONS_RESCREEN_SETTLE_SECONDS: '0' } },
    { shop: { role: 'platform', tenantId: 'clearance-shop' }, customsES: { role: 'customs', country: 'ES' }, customsFR: { role: 'customs', country: 'FR' } },
  ));
});
afterAll(async () => {
  await receiver?.close();
  await rt?.close();
});

async function declared(d: object): Promise<any> {
  const itemId = nextId();
  expect((await api.post('/v1/parcels', key('shop'), { ...d, itemId })).status).toBe(202);
  return waitFor(
    async () => {
      const p = (await api.get(`/v1/parcels/${itemId}`, key('customsES'))).body;
      return p?.status !== 'RECEIVED' && p;
    },
    `${itemId} to be assessed`,
    30_000,
  );
}
const recipientHit = (p: any) => p.assessment.hits.find((h: any) => h.pointer === '/recipient/name');
const clear = (itemId: string, who = 'customsES') =>
  api.post('/v1/sanctions/clearances', key(who), { itemId, pointer: '/recipient/name', reason: 'Passport seen at the counter: born 1991 in Bilbao, not the listed person' });

/** Ops publishes a release: the files under incoming/ of the list bucket (here its directory). */
async function publish(sdn: string): Promise<string> {
  const dir = join(rt.bucketDirs[BUCKETS.sanctionsLists]!, 'incoming');
  await mkdir(dir, { recursive: true });
  // Written whole, then renamed into place, as S3 makes an upload visible (a half-copied file would be refused as shrunk).
  await writeFile(join(dir, 'sdn.csv.part'), sdn);
  await rename(join(dir, 'sdn.csv.part'), join(dir, 'sdn.csv'));
  return listVersionOf({ sdn });
}
const bucketJson = async (name: string) => JSON.parse(await readFile(join(rt.bucketDirs[BUCKETS.sanctionsLists]!, name), 'utf8').catch(() => 'null'));

let clearanceId: string;

describe('an officer clears a sanctions hit', () => {
  it('a later parcel of the same party shows the hit cleared: evidence kept, 0 points, not critical, released', async () => {
    const first = await declared(sanctionedRecipient());
    expect(first.status).toBe('DO_NOT_LOAD');
    expect(recipientHit(first)).toMatchObject({ ruleId: 'SANCTIONS_CONFIRMED_MATCH', critical: true });

    const r = await clear(first.itemId);

    expect(r.status).toBe(201);
    const c = r.body.clearances.find((x: any) => x.entNum === 7182);
    expect(c).toMatchObject({
      id: expect.stringMatching(/^clr_/),
      country: 'ES',
      party: 'recipient',
      partyName: 'Eusebio Arzallus Tapia',
      itemId: first.itemId,
      by: keys.customsES!.id,
      status: 'IN_FORCE',
      entryDigest: expect.any(String),
    });
    expect(Date.parse(c.until) - Date.parse(c.at)).toBe(180 * 86_400_000);
    clearanceId = c.id;

    const later = await declared({ ...sanctionedRecipient(), recipient: { ...sanctionedRecipient().recipient, name: 'TAPIA, Eusebio ARZALLÚS' } });
    expect(later.status).toBe('RELEASED');
    expect(recipientHit(later)).toMatchObject({
      ruleId: 'SANCTIONS_CONFIRMED_MATCH',
      points: 0,
      critical: false,
      evidence: { cleared: { by: keys.customsES!.id, until: c.until, reason: expect.stringMatching(/^Passport seen/) } },
    });
    expect(recipientHit(later).evidence.matches[0]).toMatchObject({ entNum: 7182, cleared: expect.any(Object) });
  });

  it("is another country's customs' to see or make only: 404 for its parcel and its clearances, 403 for filers", async () => {
    const parcel = await declared(sanctionedRecipient());
    expectProblem(await clear(parcel.itemId, 'customsFR'), 404, 'NOT_FOUND');
    expectProblem(await api.get(`/v1/sanctions/clearances/${clearanceId}`, key('customsFR')), 404, 'NOT_FOUND');
    expectProblem(await api.del(`/v1/sanctions/clearances/${clearanceId}`, key('customsFR')), 404, 'NOT_FOUND');
    expect((await api.get('/v1/sanctions/clearances', key('customsFR'))).body.items).toEqual([]);
    expectProblem(await api.get('/v1/sanctions/clearances?country=ES', key('customsFR')), 403, 'FORBIDDEN');
    expectProblem(await api.get('/v1/sanctions/clearances', key('shop')), 403, 'FORBIDDEN');
    expect((await api.get('/v1/sanctions/clearances', key('customsES'))).body.items.map((c: any) => c.id)).toContain(clearanceId);
    const noHit = await api.post('/v1/sanctions/clearances', key('customsES'), { itemId: parcel.itemId, pointer: '/sender/name', reason: 'x' });
    expectProblem(noHit, 400, 'INVALID_REQUEST');
    expect(noHit.body.errors).toEqual([expect.objectContaining({ pointer: '/pointer' })]);
  });

  it('revoked, it no longer clears: the next parcel of the party is stopped again', async () => {
    const r = await api.del(`/v1/sanctions/clearances/${clearanceId}`, key('customsES'));
    expect(r).toMatchObject({ status: 200, body: { id: clearanceId, status: 'REVOKED', revokedBy: keys.customsES!.id } });
    const next = await declared(sanctionedRecipient());
    expect(next.status).toBe('DO_NOT_LOAD');
    expect(recipientHit(next)).toMatchObject({ critical: true });
    expect(recipientHit(next).evidence.cleared).toBeUndefined();
  });
});

describe('a sanctions list update', () => {
  const bundled = readFileSync(referenceDataPath(BUNDLED_SDN_FILE), 'utf8');
  // 7182 changes (a programme added) and a new person is listed.
  const updated =
    bundled.replace('7182,"ARZALLUS TAPIA, Eusebio","individual","SDGT"', '7182,"ARZALLUS TAPIA, Eusebio","individual","SDGT] [TEST-UPDATE"').replace(/\u001a?\s*$/, '\r\n') +
    sdnLine(NEWLY_LISTED) +
    '\r\n';
  const newlyListedParty = () => ({ ...sanctionedRecipient(), recipient: { ...sanctionedRecipient().recipient, name: 'Balthasar Quirinus Okonedo' } });

  it('ends the clearances of the entry it changed and re-screens the parcels it may change, issuing through the normal path', async () => {
    expect(updated).not.toBe(bundled);
    const cleared = await declared(sanctionedRecipient());
    const clearance = (await clear(cleared.itemId)).body.clearances.find((x: any) => x.entNum === 7182);
    receiver = await startReceiver();
    const sub = (await api.post('/v1/webhooks', key('customsES'), { url: receiver.url, events: ['customs.response.issued'] })).body;
    const toBeListed = await declared(newlyListedParty());
    const officerReleased = await declared(newlyListedParty());
    expect([toBeListed.status, officerReleased.status]).toEqual(['RELEASED', 'RELEASED']);
    expect((await api.post(`/v1/parcels/${officerReleased.itemId}/decisions`, key('customsES'), { code: 'RELEASED', reason: 'Known recipient, documents checked' })).status).toBe(201);

    const version = await publish(updated);

    await waitFor(
      async () => (await bucketJson('active.json'))?.listVersion === version && (await bucketJson('active.json')).rescreen === 'done',
      'the release to be accepted and the window re-screened',
      60_000,
      200,
    );
    const relisted = await waitFor(
      async () => {
        const p = (await api.get(`/v1/parcels/${toBeListed.itemId}`, key('customsES'))).body;
        return p.status === 'DO_NOT_LOAD' && p;
      },
      'the newly listed party to be stopped',
      30_000,
    );
    expect(relisted.history.filter((h: any) => h.type === 'parcel.assessed')).toHaveLength(2);
    expect(recipientHit(relisted).evidence.matches[0]).toMatchObject({ entNum: NEWLY_LISTED.entNum });
    const events = await waitFor(
      () => {
        const found = receiver!.verified(sub.secret).filter((e) => e.data.itemId === toBeListed.itemId && e.data.status === 'DO_NOT_LOAD');
        return found.length > 0 && found;
      },
      'the new response delivered',
      30_000,
    );
    expect(events[0]).toMatchObject({ type: 'customs.response.issued', data: { customsResponse: { code: 'DO_NOT_LOAD', issuedBy: 'risk-engine' } } });

    // An officer's decision on that version stands: the engine's new answer is recorded, not issued.
    const decided = await waitFor(
      async () => {
        const p = (await api.get(`/v1/parcels/${officerReleased.itemId}`, key('customsES'))).body;
        return p.assessment.engineResponse === 'DO_NOT_LOAD' && p;
      },
      "the officer's parcel to be re-assessed",
      30_000,
    );
    expect(decided).toMatchObject({ status: 'RELEASED', customsResponse: { issuedBy: keys.customsES!.id } });

    expect((await api.get(`/v1/sanctions/clearances/${clearance.id}`, key('customsES'))).body).toMatchObject({ status: 'ENDED', endReason: 'LIST_ENTRY_CHANGED', endedAt: expect.any(String) });
    const after = await declared(sanctionedRecipient());
    expect(after.status).toBe('DO_NOT_LOAD');
    expect(recipientHit(after).evidence.matches[0].programs).toContain('TEST-UPDATE');
  });

  it('refuses a list that shrinks more than the region allows, keeping the one in use', async () => {
    const inUse = (await bucketJson('active.json')).listVersion;
    const tiny = await publish(baseRelease());

    const refused = await waitFor(async () => (await bucketJson('refused.json'))?.listVersion === tiny && bucketJson('refused.json'), 'the tiny release to be refused', 30_000, 200);

    expect(refused.reason).toMatch(/fewer than the \d+ in use/);
    expect((await bucketJson('active.json')).listVersion).toBe(inUse);
    const still = await declared(newlyListedParty());
    expect(still.status).toBe('DO_NOT_LOAD');
  });
});
