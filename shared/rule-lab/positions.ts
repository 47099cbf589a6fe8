// A parcel's place in its destination's period, as a replay orders, pages and packs parcels: its list key,
// `<receivedAt>#<itemId>` (shared/store/parcel-table.ts listKey writes the same).
export const positionOf = (receivedAt: string, itemId: string): string => `${receivedAt}#${itemId}`;
/** The time of a position. */
export const positionTime = (position: string): string => position.slice(0, position.indexOf('#'));
