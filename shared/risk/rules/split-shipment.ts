// Split shipments: several parcels to one recipient within a window, each under the destination's
// de minimis, together over it. History comes from the caller (see ../engine.ts); it is filtered
// again here so the rule is correct whatever the port returned: the current parcel (an amendment
// has the same itemId) never counts twice, and parcels outside the window or over the threshold
// on their own (those were declared for duty anyway) are not part of a split.
import type { RecipientParcel } from '../types';
import type { Rule } from './context';

const round2 = (n: number) => Math.round(n * 100) / 100;
const MAX_EVIDENCE = 10;

export const splitShipment: Rule = (ctx) => {
  const { d, rules } = ctx;
  const threshold = rules.deMinimisEur.get(d.destinationCountry);
  if (threshold === undefined || ctx.totalEur === undefined || ctx.totalEur >= threshold) return;
  const { windowHours, minParcels } = rules.config.splitShipment;
  if (ctx.history.length + 1 < minParcels) return; // not enough parcels however many of them count
  const nowMs = Date.parse(ctx.now);
  const sinceMs = nowMs - windowHours * 3_600_000;
  const earlier = new Map<string, RecipientParcel>();
  for (const h of ctx.history) {
    const at = Date.parse(h.receivedAt);
    if (h.itemId === d.itemId || !(at >= sinceMs && at <= nowMs) || !(h.valueEur < threshold)) continue;
    earlier.set(h.itemId, h);
  }
  const parcels = earlier.size + 1;
  let totalEur = ctx.totalEur;
  for (const h of earlier.values()) totalEur += h.valueEur;
  if (parcels < minParcels || !(totalEur > threshold)) return;
  ctx.hit(
    'SPLIT_SHIPMENT',
    '/recipient',
    `${parcels} parcels to this recipient within ${windowHours} h total ${round2(totalEur)} EUR, over the ${round2(threshold)} EUR de minimis of ${d.destinationCountry}, each under it`,
    {
      parcels,
      totalEur: round2(totalEur),
      deMinimisEur: round2(threshold),
      windowHours,
      currentValueEur: ctx.totalEur,
      // The most recent few: the evidence is stored with the parcel, whose size is what each write costs.
      earlier: [...earlier.values()]
        .sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1))
        .slice(0, MAX_EVIDENCE)
        .map((h) => ({ itemId: h.itemId, valueEur: h.valueEur, receivedAt: h.receivedAt })),
    },
  );
};
