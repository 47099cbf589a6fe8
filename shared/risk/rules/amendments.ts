// Filer behaviour: a parcel amended again and again within a window. Each amendment is re-assessed, so a filer
// could probe the engine by amending until it says RELEASED; above the region's limit the amendments themselves
// are a finding, whatever the declaration now says.
import type { Rule } from './context';

export const frequentAmendments: Rule = (ctx) => {
  const { windowHours, maxInWindow } = ctx.rules.config.amendments;
  if (ctx.amendments.length <= maxInWindow) return; // fewer amendments in all than the limit, so fewer in the window
  const nowMs = Date.parse(ctx.now);
  const sinceMs = nowMs - windowHours * 3_600_000;
  const inWindow = ctx.amendments.filter((at) => {
    const t = Date.parse(at);
    return t >= sinceMs && t <= nowMs;
  }).length;
  if (inWindow <= maxInWindow) return;
  ctx.hit('AMENDMENTS_FREQUENT', '', `amended ${inWindow} times within ${windowHours} h, more than the ${maxInWindow} this region expects`, { amendments: inWindow, windowHours, maxInWindow });
};
