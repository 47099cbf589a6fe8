// List releases, pure: versions, entry digests, what changed, the shrink guard, which parcels a change may move, and
// how the list in use is kept current (an in-memory store: the directory and S3 stores are tested elsewhere).
import { CurrentList } from '#shared/screening/current';
import { buildScreeningList, diffLists, listVersionOf, shrinkRefusal } from '#shared/screening/list';
import { needsRescreen, touchedEntries } from '#shared/screening/rescreen';
import { ACTIVE_KEY, type ListStore, releaseKey } from '#shared/screening/store';
import type { Parcel } from '#shared/parcels/parcel';
import { ARZALLUS, FILLER, NEWLY_LISTED, baseRelease, sdnCsv } from '#test/fixtures/sdn-lists';
import { sanctionedRecipient } from '#test/fixtures/risk-declarations';
import { NOW, declaration } from '../risk/support';

const build = (sdn: string, alt?: string) => buildScreeningList({ sdn, ...(alt ? { alt } : {}) }, { listVersion: listVersionOf({ sdn, ...(alt ? { alt } : {}) }) });
const base = build(baseRelease());

describe('a release', () => {
  it('is versioned by its files', () => {
    expect(listVersionOf({ sdn: baseRelease() })).toBe(base.listVersion);
    expect(listVersionOf({ sdn: baseRelease(), alt: '7182,1,"aka","ARZALLUS, Josu",-0-' })).not.toBe(base.listVersion);
  });
  it('gives each entry a digest that changes with its aliases, programmes and alternate names, and only then', () => {
    const renamed = build(sdnCsv([{ ...ARZALLUS, remarks: `${ARZALLUS.remarks} a.k.a. 'ARZALLUS, Josu'.` }, ...FILLER]));
    const withAlt = build(baseRelease(), `7182,1,"aka","ARZALLUS, Josu",-0-\r\n`);
    expect(renamed.entryDigest(7182)).not.toBe(base.entryDigest(7182));
    expect(withAlt.entryDigest(7182)).not.toBe(base.entryDigest(7182));
    expect(renamed.entryDigest(FILLER[0]!.entNum)).toBe(base.entryDigest(FILLER[0]!.entNum));
    expect(base.entryDigest(1)).toBeUndefined();
  });
  it('refuses a file with no entry', () => {
    expect(() => build('not,a,list\r\n')).toThrow(/no entry/);
  });
});

describe('what changed', () => {
  it('names the entries changed, added and removed', () => {
    const next = build(sdnCsv([{ ...ARZALLUS, program: 'SDGT] [EU' }, ...FILLER.slice(1), NEWLY_LISTED]));
    expect(diffLists(base, next)).toEqual({ changed: [7182], added: [NEWLY_LISTED.entNum], removed: [FILLER[0]!.entNum] });
  });
  it('refuses a list that lost more than the allowed share, and accepts one that lost less or grew', () => {
    expect(shrinkRefusal({ size: 100 }, { size: 89 }, 0.1)).toMatch(/11 fewer than the 100 in use \(11\.0 %; at most 10\.0 %/);
    expect(shrinkRefusal({ size: 100 }, { size: 90 }, 0.1)).toBeUndefined();
    expect(shrinkRefusal({ size: 100 }, { size: 140 }, 0)).toBeUndefined();
  });
});

const parcel = (d = declaration(sanctionedRecipient()), over: Partial<Parcel> = {}): Parcel => ({
  itemId: d.itemId,
  version: 1,
  status: 'RELEASED',
  submittedBy: 'platform:shop-1',
  receivedAt: NOW,
  updatedAt: NOW,
  declaration: d,
  declarationHash: 'h',
  assessment: { score: 0, level: 'LOW', hits: [], rulesetVersion: 'r', assessedAt: NOW, version: 1, engineResponse: 'RELEASED' },
  history: [],
  ...over,
});

describe('which parcels a list update may change', () => {
  const next = build(sdnCsv([{ ...ARZALLUS, program: 'SDGT] [EU' }, ...FILLER]));
  const touched = touchedEntries(diffLists(base, next));
  it('those whose names match an entry that changed or came', () => {
    expect(needsRescreen(parcel(), next.screener, touched)).toBe(true);
    expect(needsRescreen(parcel(), next.screener, new Set([FILLER[3]!.entNum]))).toBe(false);
  });
  it('those whose hits name an entry that changed or went, whatever their names now match', () => {
    const hit = { ruleId: 'SANCTIONS_WEAK_MATCH' as const, points: 30, pointer: '/sender/name', message: 'm', critical: false, evidence: { matches: [{ entNum: FILLER[0]!.entNum }] } };
    const p = parcel(declaration({ ...sanctionedRecipient(), recipient: { ...sanctionedRecipient().recipient, name: 'Claire Martin' } }));
    p.assessment!.hits = [hit];
    expect(needsRescreen(p, next.screener, new Set([FILLER[0]!.entNum]))).toBe(true);
    expect(needsRescreen(p, next.screener, new Set([12345]))).toBe(false);
  });
  it('never a final, amended-and-unassessed or unassessed parcel', () => {
    expect(needsRescreen(parcel(undefined, { status: 'DETAINED' }), next.screener, touched)).toBe(false);
    expect(needsRescreen(parcel(undefined, { version: 2 }), next.screener, touched)).toBe(false);
    expect(needsRescreen(parcel(undefined, { assessment: undefined }), next.screener, touched)).toBe(false);
  });
});

describe('the list in use', () => {
  const memory = (): ListStore & { files: Map<string, string> } => {
    const files = new Map<string, string>();
    return { files, read: async (k) => files.get(k), write: async (k, v) => void files.set(k, v) };
  };
  const publish = (store: ReturnType<typeof memory>, sdn: string) => {
    const v = listVersionOf({ sdn });
    store.files.set(releaseKey(v, 'sdn'), sdn);
    store.files.set(ACTIVE_KEY, JSON.stringify({ listVersion: v, size: 1, acceptedAt: NOW, rescreen: 'done' }));
    return v;
  };

  it('is the bundled one until a release is active, then that release, checked at most once per interval', async () => {
    let now = 0;
    const store = memory();
    const current = new CurrentList({ store, checkEveryMs: 60_000, nowMs: () => now });
    const bundled = current.get().listVersion;
    expect((await current.refresh()).listVersion).toBe(bundled);
    const v = publish(store, baseRelease());
    now = 59_999;
    expect((await current.refresh()).listVersion).toBe(bundled);
    now = 60_000;
    expect((await current.refresh()).listVersion).toBe(v);
    expect(current.screener.screen('Eusebio Arzallus Tapia')[0]?.entNum).toBe(7182);
  });

  it('checks at once for a message screened against a newer list', async () => {
    const store = memory();
    const current = new CurrentList({ store, checkEveryMs: 3_600_000, nowMs: () => 0 });
    await current.refresh();
    const v = publish(store, baseRelease());
    expect((await current.ensure(v)).listVersion).toBe(v);
  });

  it('keeps the list it has when the active release cannot be read', async () => {
    const store = memory();
    const errors: unknown[] = [];
    const current = new CurrentList({ store, checkEveryMs: 0, onError: (e) => errors.push(e) });
    const v = publish(store, baseRelease());
    await current.refresh();
    store.files.set(ACTIVE_KEY, JSON.stringify({ listVersion: 'sdn-missing', size: 1, acceptedAt: NOW, rescreen: 'done' }));
    expect((await current.refresh()).listVersion).toBe(v);
    expect(String(errors[0])).toMatch(/sdn-missing, whose sdn.csv is missing/);
  });
});
