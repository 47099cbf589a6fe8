// A parcel as the API shows it (CONTRACT section 4).
import type { Parcel } from './parcel';

export function parcelView(p: Parcel, opts: { declaration?: boolean } = {}) {
  const { version: _assessedVersion, ...assessment } = p.assessment ?? ({} as NonNullable<Parcel['assessment']>);
  return {
    itemId: p.itemId,
    version: p.version,
    status: p.status,
    submittedBy: p.submittedBy,
    receivedAt: p.receivedAt,
    updatedAt: p.updatedAt,
    declaration: opts.declaration === false ? undefined : p.declaration,
    assessment: p.assessment ? assessment : undefined,
    customsResponse: p.customsResponse,
    history: p.history,
    links: { self: `/v1/parcels/${p.itemId}` },
  };
}
