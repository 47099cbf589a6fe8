import { withGatheredParcelGets } from '#shared/parcels/gathered-reads';
import type { Parcel } from '#shared/parcels/parcel';

const parcel = (itemId: string) => ({ itemId, version: 1 }) as unknown as Parcel;

/** A store with `get` and a consistent `getMany`, counting what is asked. */
function store(ids: string[]) {
  const stored = new Map(ids.map((id) => [id, parcel(id)]));
  return {
    gets: [] as string[],
    many: [] as { ids: string[]; consistent: boolean }[],
    other: () => 'its own',
    async get(itemId: string) {
      this.gets.push(itemId);
      return stored.get(itemId);
    },
    async getMany(itemIds: string[], opts: { consistent: true }) {
      this.many.push({ ids: itemIds, consistent: opts.consistent });
      return itemIds.flatMap((id) => (stored.has(id) ? [stored.get(id)!] : []));
    },
  };
}

describe('a batch of parcel reads', () => {
  it('goes in one consistent getMany, each id once, each read answered with its own parcel or none', async () => {
    const s = store(['A', 'B']);
    const gathered = withGatheredParcelGets(s);
    const read = await Promise.all(['B', 'A', 'GONE', 'A'].map((id) => gathered.get(id)));
    expect(read.map((p) => p?.itemId)).toEqual(['B', 'A', undefined, 'A']);
    expect(s.many).toEqual([{ ids: ['B', 'A', 'GONE'], consistent: true }]);
    expect(s.gets).toEqual([]);
    // A lone read (the re-read after a lost race) is a get; the store's other methods are its own.
    expect((await gathered.get('A'))?.itemId).toBe('A');
    expect(s.gets).toEqual(['A']);
    expect(gathered.other()).toBe('its own');
  });

  it('is the store itself when it cannot read many at once', () => {
    const s = { get: async () => undefined };
    expect(withGatheredParcelGets(s)).toBe(s);
  });
});
