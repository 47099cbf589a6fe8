// Validation throughput on one core, beside JSON.parse of the same declarations.
import fc from 'fast-check';
import { validateDeclaration } from '#shared/ead/index';
import { validDeclarationArb } from '../fixtures/declaration-arbitraries';
import { opsPerSecond, printFigure } from './report';

export async function run(): Promise<void> {
  const docs = fc.sample(validDeclarationArb, { numRuns: 1000, seed: 42 });
  const bodies = docs.map((d) => JSON.stringify(d));
  const parsed = bodies.map((b) => JSON.parse(b) as unknown);
  const avgBytes = Math.round(bodies.reduce((a, b) => a + b.length, 0) / bodies.length);
  let i = 0;
  const parse = opsPerSecond(() => JSON.parse(bodies[i++ % bodies.length]!), 1);
  let j = 0;
  const validate = opsPerSecond(() => {
    if (!validateDeclaration(parsed[j++ % parsed.length]).ok) throw new Error('a generated declaration failed validation');
  }, 1);
  console.log(`  ${docs.length} generated declarations, ${avgBytes} bytes of JSON on average`);
  printFigure({
    name: 'validateDeclaration',
    value: validate,
    unit: 'declarations/s',
    baseline: { name: 'JSON.parse', value: parse },
    target: 'ratio ≥ 0.33 (validation costs at most 3× JSON.parse)',
  });
}
