// The found rate of each rule as an SVG bar chart, with its Wilson 95 % interval as a whisker. Drawn from data with
// createElementNS and textContent only; no chart library. The same figures are in the table beside it, so the
// chart is an image with a text alternative (its title and description), not the only way to read them.

const SVG = 'http://www.w3.org/2000/svg';
type Attrs = Record<string, string | number>;

function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

export interface ChartRow {
  label: string;
  rate: number | null;
  low: number | null;
  high: number | null;
  outcomes: number;
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** Where each bar goes: pure geometry, so it can be checked without a browser. */
export function chartLayout(rows: readonly ChartRow[], width = 720) {
  const labelW = 250;
  const rowH = 28;
  const plotW = width - labelW - 100;
  const x = (v: number) => labelW + v * plotW;
  return {
    width,
    height: 30 + rows.length * rowH + 24,
    x,
    bars: rows.map((r, i) => ({ row: r, y: 30 + i * rowH, h: rowH - 10, w: (r.rate ?? 0) * plotW })),
  };
}

export function foundRateChart(rows: readonly ChartRow[], id: string): SVGSVGElement {
  const layout = chartLayout(rows);
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const summary = rows.map((r) => `${r.label}: ${r.rate === null ? 'no outcomes' : `${pct(r.rate)} (95 % interval ${pct(r.low!)}–${pct(r.high!)}, ${r.outcomes} outcomes)`}`).join('; ');
  const svg = s(
    'svg',
    { viewBox: `0 0 ${layout.width} ${layout.height}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, class: 'chart', width: '100%' },
    s('title', { id: titleId }, 'Found rate per rule'),
    s('desc', { id: descId }, summary || 'No rule had outcomes in this period.'),
  );
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    svg.append(s('line', { x1: layout.x(t), x2: layout.x(t), y1: 22, y2: layout.height - 20, class: 'grid' }), s('text', { x: layout.x(t), y: 16, 'text-anchor': 'middle', class: 'axis' }, pct(t)));
  }
  for (const b of layout.bars) {
    const mid = b.y + b.h / 2;
    svg.append(s('text', { x: 240, y: mid + 4, 'text-anchor': 'end', class: 'label' }, b.row.label));
    if (b.row.rate === null) {
      svg.append(s('text', { x: layout.x(0) + 4, y: mid + 4, class: 'axis' }, 'no outcomes'));
      continue;
    }
    svg.append(s('rect', { x: layout.x(0), y: b.y, width: Math.max(1, b.w), height: b.h, class: 'bar' }));
    const [lo, hi] = [layout.x(b.row.low!), layout.x(b.row.high!)];
    svg.append(
      s('line', { x1: lo, x2: hi, y1: mid, y2: mid, class: 'whisker' }),
      s('line', { x1: lo, x2: lo, y1: mid - 6, y2: mid + 6, class: 'whisker' }),
      s('line', { x1: hi, x2: hi, y1: mid - 6, y2: mid + 6, class: 'whisker' }),
    );
    svg.append(s('text', { x: hi + 6, y: mid + 4, class: 'value' }, `${pct(b.row.rate)} of ${b.row.outcomes}`));
  }
  return svg;
}
