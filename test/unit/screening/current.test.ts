// The list in use, as the engine sees it: the screener CurrentList hands out must be the release's own screener,
// options and all (a business name is screened as one: entry types count).
import { CurrentList } from '#shared/screening/current';
import { bundledScreeningList } from '#shared/screening/list';

describe('CurrentList.screener', () => {
  const current = new CurrentList({ store: undefined, checkEveryMs: 60_000, onError: () => undefined });
  const release = bundledScreeningList().screener;
  const strengths = (ms: { entNum: number; strength: string }[]) => ms.map((m) => `${m.entNum}:${m.strength}`);

  it('passes the kind of name through to the release it stands for', () => {
    const name = 'Navis Marine Limited';
    const asBusiness = release.screen(name, { kind: 'business' });
    const asPerson = release.screen(name, { kind: 'person' });
    // The name is one whose kind changes the answer, so the check below can fail.
    expect(strengths(asBusiness)).not.toEqual(strengths(asPerson));
    expect(strengths(current.screener.screen(name, { kind: 'business' }))).toEqual(strengths(asBusiness));
    expect(strengths(current.screener.screen(name, { kind: 'person' }))).toEqual(strengths(asPerson));
  });
});
