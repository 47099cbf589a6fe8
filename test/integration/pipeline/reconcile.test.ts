// The reconciler as it runs: the topology's schedule invokes the reconcile function in the local runtime, which
// finds through the pending index a parcel version that was stored but never queued, and queues it; the process
// stage then assesses it like any other.
import { regionConfig, regionEnv } from '#infra/regions';
import { memoryLog } from '#infra/local/log';
import { type LocalRuntime, startLocalRuntime } from '#infra/local/runtime';
import { topology } from '#infra/topology';
import { validateDeclaration } from '#shared/ead/index';
import { declarationHash, receivedParcel } from '#shared/parcels/parcel';
import { pendingShardOf, shardOf } from '#shared/store/parcel-table';
import { validDeclaration } from '#test/fixtures/declarations';
import { s10Sequence } from '#test/helpers/s10';
import { waitFor } from '#test/helpers/wait';

jest.setTimeout(30_000);

let rt: LocalRuntime | undefined;
afterAll(async () => {
  await rt?.close();
});

it('queues a version left unassessed past the limit, which is then assessed', async () => {
  // prepare: schedules every 300 ms, a 1 s limit; a parcel written straight to the store, never queued
  rt = await startLocalRuntime({
    topology,
    log: memoryLog(),
    scheduleIntervalMs: 300,
    idlePollMs: 20,
    env: { ...regionEnv(regionConfig('eu-west-1')), POWERTOOLS_LOG_LEVEL: 'SILENT', RECONCILE_AFTER_SECONDS: '1' },
  });
  const { parcelStore } = await import('#shared/wiring/parcels');
  const v = validateDeclaration(validDeclaration({ itemId: s10Sequence(52_000_000)() }));
  if (!v.ok) throw new Error('fixture invalid');
  const lost = receivedParcel(v.declaration, 'platform:shop-1', declarationHash(v.declaration), new Date(Date.now() - 2_000).toISOString());
  await parcelStore().putReceived(lost);

  // act: nothing but the schedule
  const assessed = await waitFor(
    async () => {
      const p = await parcelStore().get(lost.itemId);
      return p && p.status !== 'RECEIVED' && p;
    },
    'the reconciler to queue it and the assess stage to assess it',
    20_000,
    100,
  );

  // assess
  expect(assessed).toMatchObject({ status: 'RELEASED', assessment: { version: 1 } });
  expect(await parcelStore().pendingBefore(pendingShardOf(lost.itemId), new Date().toISOString(), 100)).not.toContainEqual(expect.objectContaining({ itemId: lost.itemId }));
  // The walk's mark moved past it: a later run does not queue it again.
  const { receivedWalker } = await import('#shared/wiring/parcels');
  expect((await receivedWalker().receivedSinceMark(shardOf(lost.itemId), new Date().toISOString(), 100)).pending).not.toContainEqual(expect.objectContaining({ itemId: lost.itemId }));
});
