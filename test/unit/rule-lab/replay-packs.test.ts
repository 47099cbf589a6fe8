// Which pack stands for a destination's day (freshPack), by hand-made day states, and a pack object's round trip.
import { type PackManifest, decodePart, encodePart, factsKey, freshPack } from '#shared/rule-lab/replay-packs';
import type { ReplaySource } from '#shared/rule-lab/replay-parcel';
import { positionOf, positionTime } from '#shared/rule-lab/positions';
import { listKey } from '#shared/store/parcel-table';

const DAY = '2026-11-02';
const manifest: PackManifest = { destinationCountry: 'FR', day: DAY, coveredAt: '2026-11-03T01:00:00.000Z', parts: [] };
const walked = { walkedAt: '2026-11-03T00:10:00.000Z', marks: {} };

describe('freshPack', () => {
  it('none for a day not walked, whatever is stored', () => {
    expect(freshPack(undefined, manifest, 'FR', DAY)).toBeUndefined();
    expect(freshPack({ marks: {} }, manifest, 'FR', DAY)).toBeUndefined();
  });

  it("the stored pack when no mark of the destination is newer than it; another destination's mark does not count", () => {
    expect(freshPack(walked, manifest, 'FR', DAY)).toBe(manifest);
    expect(freshPack({ ...walked, marks: { FR: '2026-11-03T00:50:00.000Z' } }, manifest, 'FR', DAY)).toBe(manifest);
    expect(freshPack({ ...walked, marks: { DE: '2026-11-03T05:00:00.000Z' } }, manifest, 'FR', DAY)).toBe(manifest);
  });

  it('none when a mark of the destination is as new as the pack or newer: a write may have landed after it was read', () => {
    expect(freshPack({ ...walked, marks: { FR: manifest.coveredAt } }, manifest, 'FR', DAY)).toBeUndefined();
    expect(freshPack({ ...walked, marks: { FR: '2026-11-03T05:00:00.000Z' } }, manifest, 'FR', DAY)).toBeUndefined();
  });

  it('an empty pack for a destination without one on a day whose walk packed every destination; none if the walk did not pack', () => {
    expect(freshPack({ ...walked, packed: true }, undefined, 'FR', DAY)).toEqual({ destinationCountry: 'FR', day: DAY, coveredAt: walked.walkedAt, parts: [] });
    expect(freshPack(walked, undefined, 'FR', DAY)).toBeUndefined();
    expect(freshPack({ ...walked, packed: true, marks: { FR: '2026-11-03T05:00:00.000Z' } }, undefined, 'FR', DAY)).toBeUndefined();
  });
});

describe('a pack object', () => {
  it('decodes to the parcels it was encoded from, smaller than their JSON; its facts sit beside it', () => {
    const sources = Array.from({ length: 50 }, (_, i) => ({
      itemId: `CP${i}`,
      version: 1,
      receivedAt: `${DAY}T10:00:00.000Z`,
      position: `${DAY}T10:00:00.000Z#CP${i}`,
      history: [],
      declaration: { note: 'x'.repeat(40) },
    })) as unknown as ReplaySource[];
    const bytes = encodePart(sources);
    expect(decodePart(bytes)).toEqual(sources);
    expect(bytes.length).toBeLessThan(JSON.stringify(sources).length / 4);
    expect(factsKey('packs/FR/2026-11-02/20261103T010000000Z/0003.json.deflate')).toBe('packs/FR/2026-11-02/20261103T010000000Z/0003.facts.json.deflate');
  });
});

describe('a position', () => {
  it('is the list key the store writes, and gives back its time', () => {
    expect(positionOf('2026-11-02T10:00:00.000Z', 'CP123456785DE')).toBe(listKey('2026-11-02T10:00:00.000Z', 'CP123456785DE'));
    expect(positionTime(positionOf('2026-11-02T10:00:00.000Z', 'CP123456785DE'))).toBe('2026-11-02T10:00:00.000Z');
  });
});
