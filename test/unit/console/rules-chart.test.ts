// The found-rate chart's geometry: a bar as long as its rate, one row per rule, room for every row.
import { chartLayout } from '#console/src/pages/rules-chart';

describe('the found-rate chart', () => {
  const rows = [
    { label: 'A', rate: 1, low: 0.5, high: 1, outcomes: 4 },
    { label: 'B', rate: 0.5, low: 0.1, high: 0.9, outcomes: 4 },
    { label: 'C', rate: null, low: null, high: null, outcomes: 0 },
  ];
  const layout = chartLayout(rows, 720);

  it('draws each bar in proportion to its rate, from the same origin; a rule without outcomes has none', () => {
    const [a, b, c] = layout.bars;
    expect(b!.w * 2).toBeCloseTo(a!.w);
    expect(c!.w).toBe(0);
    expect(layout.x(0) + a!.w).toBe(layout.x(1));
  });

  it('gives every rule its own row inside the picture, and the interval room to the right', () => {
    const ys = layout.bars.map((b) => b.y);
    expect(new Set(ys).size).toBe(3);
    expect(Math.max(...layout.bars.map((b) => b.y + b.h))).toBeLessThan(layout.height);
    expect(layout.x(1)).toBeLessThan(layout.width - 60); // "100 % of 12" fits after the whisker
  });
});
