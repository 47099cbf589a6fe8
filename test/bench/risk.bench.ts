// Risk engine figures: scoring throughput on one core (assess + decide, sanctions screening of
// both parties included) beside JSON.parse of the same declarations, measured on an esbuild bundle built as the
// Lambdas are (the target figures, ./risk-bundle.ts) and under tsx in this process beside it; the HS-fit rule's
// precision and recall on the labelled set; the dangerous-goods family's precision and recall on its
// labelled corpus (test/fixtures/dangerous-goods-corpus.ts).
import { validateDeclaration } from '#shared/ead/index';
import { createRiskEngine, loadRulesConfig } from '#shared/risk/index';
import { DANGEROUS_GOODS_RULE_IDS } from '#shared/risk/types';
import { DG_CORPUS, type DgCase, type DgOutcome, measureDangerousGoods } from '../fixtures/dangerous-goods-corpus';
import { validDeclaration } from '../fixtures/declarations';
import { HS_FIT_LABELLED, measureHsFit } from '../fixtures/hs-fit-labelled';
import { printFigure } from './report';
import { bundledThroughput } from './risk-bundle';
import { type Rate, type Throughput, measureThroughput } from './risk-throughput';

const NOW = '2026-11-21T10:00:00.000Z';
const n = (r: Rate) => Math.round(r.cpu).toLocaleString('en-US');

/** One engine figure of the bundle beside its baseline in the bundle, then the same under tsx and the bundle/tsx ratio. */
function engineFigure(name: string, pick: (t: Throughput) => Rate, bundle: Throughput, tsx: Throughput, baseline: { name: string; pick: (t: Throughput) => Rate }, target?: string): void {
  printFigure({ name, value: pick(bundle).cpu, unit: 'parcels per CPU-s', baseline: { name: baseline.name, value: baseline.pick(bundle).cpu }, ...(target ? { target } : {}) });
  console.log(`    under tsx: ${n(pick(tsx))} parcels per CPU-s (${baseline.name} ${n(baseline.pick(tsx))})  | bundle / tsx ${(pick(bundle).cpu / pick(tsx).cpu).toFixed(2)}`);
}

function printThroughput(): void {
  const { figures: bundle, buildMs, bytes } = bundledThroughput();
  const tsx = measureThroughput();
  console.log(`  ${bundle.declarations} declarations, ${bundle.averageJsonBytes} bytes of JSON on average; responses: ${JSON.stringify(bundle.codes)}`);
  if (JSON.stringify(tsx.codes) !== JSON.stringify(bundle.codes)) console.log(`    (under tsx the responses differ: ${JSON.stringify(tsx.codes)})`);
  console.log(
    `  engine throughput of an esbuild bundle built with the Lambdas' options (${Math.round(bytes / 1024)} KB, ${Math.round(buildMs)} ms; own process), the target figures because production runs the bundle; under tsx (this process) every imported binding is read through a getter:`,
  );
  const parse = { name: 'JSON.parse of the same declarations', pick: (t: Throughput) => t.parse };
  const screened = { name: 'without', pick: (t: Throughput) => t.screened };
  engineFigure('risk assess + decide (sanctions screening of both parties included, no result cache: the target figure)', (t) => t.screened, bundle, tsx, parse, '>= 20,000 parcels/s on one core');
  console.log(`    the bundle by the wall clock: ${Math.round(bundle.screened.wall).toLocaleString('en-US')} parcels/s (JSON.parse ${Math.round(bundle.parse.wall).toLocaleString('en-US')}/s)`);
  engineFigure('risk assess + decide with the result cache (8,192 names; these parcels repeat 12 names, so not the target)', (t) => t.cached, bundle, tsx, screened);
  engineFigure('risk assess + decide without sanctions screening', (t) => t.unscreened, bundle, tsx, { name: 'with screening', pick: (t) => t.screened });
  engineFigure('risk assess + decide with screening, dangerous-goods family switched off', (t) => t.dgOff, bundle, tsx, { name: 'with the family', pick: (t) => t.screened });
}

export async function run(): Promise<void> {
  printThroughput();
  const config = loadRulesConfig('eu-west-1');
  const noScreening = createRiskEngine({ config, screener: { screen: () => [] } });

  const fit = measureHsFit((c) => {
    const d = validateDeclaration(
      validDeclaration({ contents: [{ description: c.description, quantity: 1, netWeightKg: 0.5, value: 20, hsCode: c.hsCode, originCountry: 'DE' }], totalValue: 20, grossWeightKg: 0.7 }),
    );
    if (!d.ok) throw new Error(`labelled case is invalid: ${c.description} ${c.hsCode}`);
    return noScreening.assess(d.declaration, [], NOW).hits.some((h) => h.ruleId === 'HS_DESCRIPTION_MISMATCH');
  });
  const classify =
    (transport?: 'SURFACE') =>
    (c: DgCase): DgOutcome => {
      const line = { description: c.description, quantity: c.quantity ?? 1, netWeightKg: 0.5, value: 50 * (c.quantity ?? 1), originCountry: 'DE', ...(c.hsCode ? { hsCode: c.hsCode } : {}) };
      const v = validateDeclaration(
        validDeclaration({ contents: [line], totalValue: line.value, grossWeightKg: 0.7, ...(c.hsCode ? {} : { category: 'GIFT', ioss: undefined }), ...(transport ? { transport } : {}) }),
      );
      if (!v.ok) throw new Error(`corpus case is invalid: ${c.description} ${JSON.stringify(v.errors)}`);
      const dg = noScreening.assess(v.declaration, [], NOW).hits.filter((h) => DANGEROUS_GOODS_RULE_IDS.includes(h.ruleId as never));
      const outcome = dg.some((h) => h.critical) ? 'FORBIDDEN_BY_AIR' : dg.some((h) => h.points > 0) ? 'HELD' : dg.length > 0 ? 'ACCEPTED_WITH_CONDITIONS' : 'ORDINARY';
      return { outcome, ruleIds: dg.map((h) => h.ruleId) };
    };
  const dgFigures = measureDangerousGoods(classify());
  const bySurface = DG_CORPUS.filter((c) => classify('SURFACE')(c).outcome === 'FORBIDDEN_BY_AIR').length;
  console.log(
    `  dangerous goods on ${DG_CORPUS.length} labelled lines (${Object.entries(dgFigures.counts)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}), by air:`,
  );
  printFigure({ name: 'dangerous goods precision (lines held or stopped that the labels hold or forbid)', value: dgFigures.precision, unit: '', target: '>= 0.95' });
  printFigure({ name: 'dangerous goods recall on forbidden by air (stopped: DO_NOT_LOAD)', value: dgFigures.recallForbidden, unit: '', target: '>= 0.98' });
  printFigure({ name: 'dangerous goods recall on held (held or stopped)', value: dgFigures.recallHeld, unit: '', target: 'unit test bound >= 0.95' });
  printFigure({ name: 'dangerous goods exact outcome and rule', value: dgFigures.exact, unit: '' });
  console.log(
    `  by surface, lines still stopped: ${bySurface} (expected 0); wrong by air: ${dgFigures.wrong.map((w) => `"${w.c.description}" (${w.c.label}, got ${w.got.outcome})`).join('; ') || 'none'}`,
  );

  const misfits = HS_FIT_LABELLED.filter((c) => !c.fits).length;
  console.log(`  HS fit (HS_DESCRIPTION_MISMATCH) on ${HS_FIT_LABELLED.length} labelled pairs (${misfits} misfits): TP ${fit.truePositives}, FP ${fit.falsePositives}, FN ${fit.falseNegatives}`);
  printFigure({ name: 'HS fit precision (flagged pairs that are misfits)', value: fit.precision, unit: '', target: 'unit test bound >= 0.75' });
  printFigure({ name: 'HS fit recall (misfits flagged)', value: fit.recall, unit: '', target: 'unit test bound >= 0.85' });
  console.log(`  wrong: ${fit.wrong.map((c) => `"${c.description}" ${c.hsCode} (${c.fits ? 'fits' : 'misfit'})`).join('; ')}`);
}
