// The risk engine's throughput on one core, as figures (no printing): assess + decide with sanctions screening of
// both parties (result cache off: the target figure, and on), without screening, and with the dangerous-goods
// family off, beside JSON.parse of the same declarations. risk.bench.ts runs it in its own process (under tsx) and,
// through ./risk-bundle.ts, in an esbuild bundle of ./risk-throughput-main.ts built as the Lambdas are.
import { type Declaration, type DeclarationInput, validateDeclaration } from '#shared/ead/index';
import { type RiskEngine, type RulesConfigOverride, createRiskEngine, loadRulesConfig } from '#shared/risk/index';
import { loadDefaultScreener } from '#shared/risk/sanctions/index';
import { DANGEROUS_GOODS_RULE_IDS } from '#shared/risk/types';
import { s10 } from '../helpers/s10';
import { validDeclaration } from '../fixtures/declarations';
import { RISK_SAMPLES } from '../fixtures/risk-declarations';
import { opsPerSecondAndCpu } from './report';
import { uncached } from './uncached';

const NOW = '2026-11-21T10:00:00.000Z';
const GOODS: [string, string, number, number][] = [
  ["Men's cotton T-shirt, printed", '610910', 15, 0.2],
  ['Leather wallet', '420231', 25, 0.1],
  ['Smartphone 6.1 inch', '851713', 350, 0.2],
  ['Running shoes', '640411', 60, 0.8],
  ['Eau de parfum 50 ml', '330300', 45, 0.3],
  ['Plastic doll', '950300', 12, 0.4],
  ['Wool sweater', '611020', 55, 0.5],
  ['Roasted coffee beans', '090121', 14, 1],
  ['Bluetooth headphones', '851830', 30, 0.3],
  ['Printed book, novel', '490199', 18, 0.5],
];
const RISKY: [string, string, number, number][] = [
  ['Pistolet, jouet', '950300', 40, 0.7],
  ['Gift', '950300', 20, 0.5],
  ['Smartphone', '851713', 1, 0.2],
  ["Feux d'artifice", '950590', 30, 1],
  ['Parts', '847330', 10, 0.3],
  ['Power bank 20000 mAh', '850760', 25, 0.4],
];
const NAMES = ['Claire Martin', 'Jonas Becker', 'Lucía Pérez', 'Marco Rossi', 'Anna Kowalska', 'Sophie Dubois', 'Eusebio Arzallus Tapia'];
const SENDERS = ['Muster Versand GmbH', 'Pearl River Gadgets Co., Ltd', 'Chen Jianguo', 'Banco Nacional de Cuba', 'Tom Baker'];

/** n declarations, about 1 in 4 risky, built from the CONTRACT example with varied goods and parties. */
function generate(n: number): DeclarationInput[] {
  const out: DeclarationInput[] = [];
  for (let i = 0; i < n; i++) {
    const risky = i % 4 === 3;
    const pool = risky ? RISKY : GOODS;
    const lines = Array.from({ length: 1 + (i % 3) }, (_, k) => {
      const [description, hsCode, value, netWeightKg] = pool[(i + k) % pool.length]!;
      return { description, quantity: 1, netWeightKg, value, hsCode, originCountry: k % 2 ? 'CN' : 'DE' };
    });
    const base = validDeclaration();
    out.push(
      validDeclaration({
        itemId: s10(10_000_000 + i),
        sender: { ...base.sender, name: SENDERS[i % (risky ? SENDERS.length : 3)]! },
        recipient: { ...base.recipient, name: NAMES[i % (risky ? NAMES.length : NAMES.length - 1)]! },
        contents: lines,
        totalValue: Math.round(lines.reduce((s, l) => s + l.value, 0) * 100) / 100,
        grossWeightKg: lines.reduce((s, l) => s + l.netWeightKg, 0) + 0.2,
      }),
    );
  }
  for (const s of Object.values(RISK_SAMPLES)) out.push(s.declaration());
  return out;
}

export interface Rate {
  /** Parcels (or parses) per second of the process's CPU time. */
  cpu: number;
  /** The same by the wall clock. */
  wall: number;
}

export interface Throughput {
  declarations: number;
  averageJsonBytes: number;
  /** Responses of the screened engine over the declarations. */
  codes: Record<string, number>;
  parse: Rate;
  /** Screening of both parties, the screener's result cache bypassed: the target figure. */
  screened: Rate;
  /** The same with the result cache (the parcels repeat 12 names). */
  cached: Rate;
  unscreened: Rate;
  /** Screened (no cache), the dangerous-goods family switched off. */
  dgOff: Rate;
}

const NO_SCREENING = { screen: () => [] };

/** The bench's declarations, validated (also for profiles and instruction counts of the same work). */
export function benchDeclarations(inputs = generate(2000)): Declaration[] {
  return inputs.map((d) => {
    const v = validateDeclaration(d);
    if (!v.ok) throw new Error(`generated declaration is invalid: ${JSON.stringify(v.errors)}`);
    return v.declaration;
  });
}

/** Measures the engine figures in this process (about 10 s). */
export function measureThroughput(): Throughput {
  const config = loadRulesConfig('eu-west-1');
  const cachedScreener = loadDefaultScreener();
  // The parcels carry a dozen names: with the screener's result cache they would measure the cache. The target
  // figure screens every name (./uncached.ts).
  const screener = uncached(cachedScreener);
  const engine = createRiskEngine({ config, screener });
  const dgOff: RulesConfigOverride = { rules: Object.fromEntries(DANGEROUS_GOODS_RULE_IDS.map((id) => [id, { ...config.rules[id], enabled: false }])) };

  const inputs = generate(2000);
  const json = inputs.map((d) => JSON.stringify(d));
  const declarations = benchDeclarations(inputs);
  const codes: Record<string, number> = {};
  for (const d of declarations) {
    const code = engine.decide(engine.assess(d, [], NOW)).code;
    codes[code] = (codes[code] ?? 0) + 1;
  }
  const rate = (e: RiskEngine): Rate =>
    opsPerSecondAndCpu(() => {
      for (const d of declarations) e.decide(e.assess(d, [], NOW));
    }, declarations.length);
  return {
    declarations: declarations.length,
    averageJsonBytes: Math.floor(json.reduce((s, j) => s + j.length, 0) / json.length),
    codes,
    parse: opsPerSecondAndCpu(() => {
      for (const j of json) JSON.parse(j);
    }, json.length),
    screened: rate(engine),
    cached: rate(createRiskEngine({ config, screener: cachedScreener })),
    unscreened: rate(createRiskEngine({ config, screener: NO_SCREENING })),
    dgOff: rate(createRiskEngine({ config: loadRulesConfig('eu-west-1', dgOff), screener })),
  };
}
