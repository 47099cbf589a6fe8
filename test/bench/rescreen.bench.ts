// Re-screening after a sanctions list update (issue 12): how fast the refresh picks, among the parcels of the
// window, those a list change may move (shared/screening/rescreen.ts needsRescreen: their hits against changed
// entries, their names against the new list), and how fast the window is read through the byAll index on the
// embedded DynamoDB, each beside the plain assessment of the same parcels in the same run. Runs with
// `npm run bench -- sanctions` (and alone as `-- rescreen`).
import { readFileSync } from 'node:fs';
import { type Declaration, validateDeclaration } from '#shared/ead/index';
import { type Parcel, declarationHash, receivedParcel } from '#shared/parcels/parcel';
import { referenceDataPath } from '#shared/reference/files';
import { createRiskEngine, loadRulesConfig } from '#shared/risk/index';
import { BUNDLED_SDN_FILE, buildScreeningList, bundledScreeningList, diffLists } from '#shared/screening/list';
import { needsRescreen, scanWindow, touchedEntries } from '#shared/screening/rescreen';
import { ParcelStore } from '#shared/store/parcel-store';
import { COMMON_FIRST_NAMES, COMMON_SURNAMES } from '../fixtures/common-names';
import { validDeclaration } from '../fixtures/declarations';
import { NEWLY_LISTED, sdnLine } from '../fixtures/sdn-lists';
import { startTestDynamo } from '../integration/store/dynamo';
import { s10Sequence } from '../helpers/s10';
import { opsPerSecond, printFigure } from './report';
import { uncachedOf } from './uncached';
import { ALL_SHARD_KEYS, allShardSource } from '#shared/store/parcel-table';

const PARCELS = 5000;
const STORED = 1500;

function declarations(n: number): Declaration[] {
  const nextId = s10Sequence(91_000_000);
  const out: Declaration[] = [];
  for (let i = 0; i < n; i++) {
    const name = i % 100 === 0 ? 'Eusebio Arzallus Tapia' : `${COMMON_FIRST_NAMES[i % COMMON_FIRST_NAMES.length]} ${COMMON_SURNAMES[(i * 7) % COMMON_SURNAMES.length]}`;
    const base = validDeclaration();
    const v = validateDeclaration({ ...base, itemId: nextId(), recipient: { ...base.recipient, name } });
    if (v.ok) out.push(v.declaration);
  }
  return out;
}

export async function run(): Promise<void> {
  const before = bundledScreeningList();
  // The update: one entry changed (a programme added) and one person newly listed.
  const sdn =
    readFileSync(referenceDataPath(BUNDLED_SDN_FILE), 'utf8')
      .replace('7182,"ARZALLUS TAPIA, Eusebio","individual","SDGT"', '7182,"ARZALLUS TAPIA, Eusebio","individual","SDGT] [EU"')
      .replace(/\u001a?\s*$/, '\r\n') +
    sdnLine(NEWLY_LISTED) +
    '\r\n';
  let t = performance.now();
  const after = buildScreeningList({ sdn }, { listVersion: 'bench' });
  const touched = touchedEntries(diffLists(before, after));
  const buildMs = performance.now() - t;
  console.log(
    `  new release parsed, digested and compared: ${buildMs.toFixed(0)} ms (${touched.size} entries changed or added; its index is built on first screening, inside the selection's warm-up)`,
  );

  // Without the screeners' result cache: the bench's parcels repeat their names (./uncached.ts).
  const afterScreener = uncachedOf(after);
  const engine = createRiskEngine({ config: loadRulesConfig('eu-west-1'), screener: uncachedOf(before) });
  const now = new Date().toISOString();
  const ds = declarations(PARCELS);
  const parcels: Parcel[] = ds.map((d) => {
    const a = engine.assess(d, [], now);
    return { ...receivedParcel(d, 'platform:bench', declarationHash(d), now), status: engine.decide(a).code, assessment: { ...a, assessedAt: now, version: 1, engineResponse: engine.decide(a).code } };
  });

  let i = 0;
  const assessPerSecond = opsPerSecond(() => {
    const d = ds[i++ % ds.length]!;
    engine.decide(engine.assess(d, [], now));
  }, 1);
  let j = 0;
  const selectPerSecond = opsPerSecond(() => void needsRescreen(parcels[j++ % parcels.length]!, afterScreener, touched), 1);
  const share = parcels.filter((p) => needsRescreen(p, afterScreener, touched)).length / parcels.length;
  printFigure({
    name: 're-screening selection (hits against changed entries, names against the new list)',
    value: selectPerSecond,
    unit: 'parcels/s',
    baseline: { name: 'plain assessment of the same parcels', value: assessPerSecond },
  });
  console.log(`    ${(share * 100).toFixed(1)} % of the window queued for the assess stage (1 parcel in 100 names the changed entry)`);

  const db = await startTestDynamo();
  try {
    const store = new ParcelStore(db.doc, 'parcels');
    for (let k = 0; k < STORED; k += 25) {
      await Promise.all(
        parcels.slice(k, k + 25).map(async (p) => {
          await store.putReceived(receivedParcel(p.declaration, 'platform:bench', p.declarationHash, now));
          await store.recordAssessment({ itemId: p.itemId, version: 1, historyLength: 1, assessment: p.assessment!, history: [] });
        }),
      );
    }
    t = performance.now();
    let queued = 0;
    const read = await scanWindow(
      { listKeys: (shard, before, limit) => store.listKeys(allShardSource(shard), before, limit), getMany: (ids) => store.getMany(ids), shards: ALL_SHARD_KEYS },
      new Date(Date.now() - 7 * 86_400_000).toISOString(),
      async (page) => {
        queued += page.filter((p) => needsRescreen(p, afterScreener, touched)).length;
      },
    );
    const scanPerSecond = read / ((performance.now() - t) / 1000);
    printFigure({
      name: `re-screening the window on the embedded DynamoDB (byAll pages of 100, BatchGet, selection; ${read} parcels, ${queued} to queue)`,
      value: scanPerSecond,
      unit: 'parcels/s',
      baseline: { name: 'plain assessment', value: assessPerSecond },
    });
  } finally {
    await db.close();
  }
}
