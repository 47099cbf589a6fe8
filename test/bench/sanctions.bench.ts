// Sanctions screening: throughput with the index vs the linear scan, build vs parse time, and
// quality (recall on generated variants of listed names, false hits on common names).
import { readFileSync } from 'node:fs';
import { parseSdnCsv, SanctionsScreener } from '../../shared/risk/sanctions';
import { referenceDataPath } from '../../shared/reference/files';
import { generateVariants, innocentNames, measureQuality, VARIANT_KINDS } from '../fixtures/sanctions-variants';
import { opsPerSecond, printFigure } from './report';

const pct = (x: number) => x * 100;

export async function run(): Promise<void> {
  const text = readFileSync(referenceDataPath('ofac-sdn-2024-05-03.csv'), 'utf8');
  let t = performance.now();
  const entries = parseSdnCsv(text);
  const parseMs = performance.now() - t;
  t = performance.now();
  const screener = new SanctionsScreener(entries);
  const buildMs = performance.now() - t;
  printFigure({ name: 'cold index build', value: buildMs, unit: 'ms', baseline: { name: 'CSV parse', value: parseMs } });

  // Realistic traffic is mostly innocent names; listed-name variants are the expensive case.
  const innocent = innocentNames(entries);
  const variants = generateVariants(entries, 6000, 42);
  const variantQueries = variants.map((v) => v.query);
  const mixed = [...innocent, ...variantQueries.slice(0, 1000)];
  for (const [label, names] of [
    ['common names', innocent],
    ['listed-name variants', variantQueries],
    ['mixed (common + 1,000 variants)', mixed],
  ] as const) {
    let i = 0;
    const indexed = opsPerSecond(() => {
      for (let k = 0; k < 100; k++) screener.screen(names[i++ % names.length]!);
    }, 100);
    let j = 0;
    const linear = opsPerSecond(() => screener.linearScan(names[j++ % names.length]!), 1, 1000);
    printFigure({ name: `screen, ${label}`, value: indexed, unit: 'names/s', baseline: { name: 'linearScan', value: linear }, target: 'ratio >= 100' });
    console.log(`    = ${(1e6 / indexed).toFixed(1)} µs per name with the index (budget: well under 15 µs)`);
  }

  const q = measureQuality(screener, variants, innocent);
  printFigure({ name: `recall, found strong (${q.variants} variants)`, value: pct(q.strongRecall), unit: '%', target: '>= 99 %' });
  printFigure({ name: 'recall, found at all (weak or strong)', value: pct(q.anyRecall), unit: '%' });
  for (const kind of VARIANT_KINDS) {
    const k = q.byKind[kind];
    console.log(`    ${kind}: strong ${((100 * k.strong) / k.n).toFixed(2)} %, any ${((100 * k.any) / k.n).toFixed(2)} % of ${k.n}`);
  }
  printFigure({ name: `false strong hits (${q.innocent} common names not listed)`, value: pct(q.falseStrong), unit: '%', target: '<= 0.5 %' });
  printFigure({ name: 'false hits of any strength', value: pct(q.falseAny), unit: '%' });
  console.log(`    false strong examples: ${q.falseStrongExamples.slice(0, 8).join('; ')}`);
  console.log(`    missed examples: ${q.missedExamples.slice(0, 6).map((v) => `${v.query} [${v.source}]`).join('; ')}`);
}
