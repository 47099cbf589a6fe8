// The benches repeat a few names (the risk bench's parcels carry a dozen), so a screener's result cache
// (shared/risk/sanctions/screen-cache.ts) would measure the cache, not the screening. Their figures screen
// through these views, which bypass it; the risk bench prints the cached figure beside, marked as not the target.
import type { Screener } from '#shared/risk/index';

type MaybeCached = Screener & { screenUncached?: Screener['screen'] };

/** The screener with its result cache bypassed, when it has one. */
export function uncached(screener: Screener): Screener {
  const s = screener as MaybeCached;
  return typeof s.screenUncached === 'function' ? { screen: (name, options) => s.screenUncached!(name, options) } : screener;
}

/** The same for a screener built on first use (a ScreeningList's): it is read at each screening, not now. */
export function uncachedOf(holder: { readonly screener: Screener }): Screener {
  return { screen: (name, options) => uncached(holder.screener).screen(name, options) };
}
