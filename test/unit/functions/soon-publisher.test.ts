// The assess stage's publisher (functions/assess/handler.ts): a parcel's events go as soon as it is recorded, and
// parcels recorded while a send is in flight share the next one.
import { soonPublisher } from '#functions/assess/handler';
import type { PublishedEvent } from '#shared/parcels/events';

const ev = (id: string) => ({ id }) as unknown as PublishedEvent;

function target() {
  const sends: { ids: string[]; finish: (err?: Error) => void }[] = [];
  return {
    sends,
    publish: (events: PublishedEvent[]) =>
      new Promise<void>((resolve, reject) => sends.push({ ids: events.map((e) => (e as unknown as { id: string }).id), finish: (err) => (err ? reject(err) : resolve()) })),
  };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('soonPublisher', () => {
  it('sends the first parcel at once, and those recorded during its send together in the next', async () => {
    const t = target();
    const p = soonPublisher(t);
    const first = p.publish([ev('a')]);
    await settle();
    expect(t.sends.map((s) => s.ids)).toEqual([['a']]);
    const second = p.publish([ev('b')]);
    const third = p.publish([ev('c'), ev('d')]);
    await settle();
    expect(t.sends).toHaveLength(1);
    t.sends[0]!.finish();
    await expect(first).resolves.toBeUndefined();
    await settle();
    expect(t.sends.map((s) => s.ids)).toEqual([['a'], ['b', 'c', 'd']]);
    t.sends[1]!.finish();
    await expect(Promise.all([second, third])).resolves.toEqual([undefined, undefined]);
  });

  it('fails exactly the parcels whose send failed', async () => {
    const t = target();
    const p = soonPublisher(t);
    const first = p.publish([ev('a')]);
    const second = p.publish([ev('b')]);
    await settle();
    t.sends[0]!.finish(new Error('queue down'));
    await expect(first).rejects.toThrow('queue down');
    await settle();
    t.sends[1]!.finish();
    await expect(second).resolves.toBeUndefined();
    await expect(p.publish([])).resolves.toBeUndefined();
    expect(t.sends).toHaveLength(2);
  });
});
