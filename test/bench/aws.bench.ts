// AWS figures: each function's bundle (as `cdk synth` builds it) and its cold init in a fresh Node process,
// beside a fresh Node process loading an empty bundle; the AWS SDK bundled vs taken from the runtime; and the
// modelled AWS cost per million parcels, webhook delivery included, from request and capacity counts measured
// here with the real handlers against the embedded DynamoDB and SQS (test/bench/aws-cost/: the meter, the
// scenario, the prices and the model).
// `npm run bench -- aws`; BENCH_AWS_PARCELS (default 1000), BENCH_AWS_RUNS (cold init runs, default 7), BENCH_AWS_ONLY
// (`cost` or `bundles`: one half alone).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { addRegion } from '#infra/cdk/pipeline';
import type { SdkMode } from '#infra/cdk/pipeline-function';
import { regionConfig } from '#infra/regions';
import { topology } from '#infra/topology';
import type { FunctionDef } from '#infra/topology-types';
import { costFigures } from './aws-cost/figures';
import { printFigure } from './report';

const ROOT = join(__dirname, '..', '..');
const RUNS = Number(process.env.BENCH_AWS_RUNS ?? 7);
const ONLY = process.env.BENCH_AWS_ONLY;
const REGION = 'eu-west-1';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => n / 1024;

// ---------------------------------------------------------------- bundles and cold init

interface Bundle {
  def: FunctionDef;
  dir: string;
  bytes: number;
}

/** Synthesizes the region as `cdk synth` does and finds each function's bundle directory. */
function synthBundles(outdir: string, sdk: SdkMode): Bundle[] {
  const cdkJson = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  const app = new App({ outdir, context: cdkJson.context });
  const { service } = addRegion(app, topology, regionConfig(REGION), { code: 'bundle', sdk });
  app.synth();
  const template = JSON.parse(readFileSync(join(outdir, `${service.stackName}.template.json`), 'utf8')) as { Resources: Record<string, { Type: string; Properties: any }> };
  return topology.functions.map((def) => {
    const fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Description === `EAD pipeline: ${def.name}`)!;
    const dir = join(outdir, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
    return { def, dir, bytes: statSync(join(dir, 'index.js')).size };
  });
}

const CHILD = `const t=performance.now();const m=require(process.argv[1]);if(typeof m[process.argv[2]]!=='function')process.exit(3);process.stdout.write(String(performance.now()-t));`;

/** Wall time of a fresh `node` loading the bundle and finding its handler (ms), and the require time inside it. */
function coldInit(file: string, handler: string, env: Record<string, string>): { wall: number; require: number } {
  const walls: number[] = [];
  const requires: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const out = execFileSync(process.execPath, ['-e', CHILD, file, handler], {
      env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: '--enable-source-maps', AWS_REGION: REGION, ...env },
      cwd: tmpdir(),
    });
    walls.push(performance.now() - t0);
    requires.push(Number(out.toString()));
  }
  return { wall: median(walls), require: median(requires) };
}

async function bundleFigures(work: string): Promise<void> {
  const bundled = synthBundles(join(work, 'bundled'), 'bundled');
  const runtime = synthBundles(join(work, 'runtime'), 'runtime');
  const empty = join(work, 'empty.js');
  writeFileSync(empty, 'exports.handler=async()=>{};');
  const base = coldInit(empty, 'handler', {});
  console.log(`  (cold init: median of ${RUNS} fresh node processes, NODE_OPTIONS=--enable-source-maps, node ${process.version} on ${process.arch})`);
  for (const [i, b] of bundled.entries()) {
    const r = runtime[i]!;
    printFigure({ name: `${b.def.name} bundle, AWS SDK bundled`, value: kb(b.bytes), unit: 'KB', baseline: { name: 'SDK from the runtime', value: kb(r.bytes) }, target: 'value < 1,024 KB' });
    const env = { REFERENCE_DATA_DIR: join(b.dir, 'data') };
    // Even a bundled function takes @aws-sdk/client-s3 from the runtime (infra/cdk/pipeline-function.ts): resolved here
    // from node_modules, as Lambda resolves it from /var/runtime/node_modules.
    const cold = coldInit(join(b.dir, 'index.js'), b.def.handler, { ...env, NODE_PATH: join(ROOT, 'node_modules') });
    printFigure({
      name: `${b.def.name} cold init (fresh node: load bundle + handler)`,
      value: cold.wall,
      unit: 'ms',
      baseline: { name: 'empty bundle', value: base.wall },
      target: `value − baseline = ${(cold.wall - base.wall).toFixed(0)} ms < 200 ms`,
    });
    // The runtime's SDK: resolved from node_modules, unminified, as /var/runtime/node_modules is.
    const coldRuntime = coldInit(join(r.dir, 'index.js'), r.def.handler, { ...env, NODE_PATH: join(ROOT, 'node_modules') });
    printFigure({
      name: `${b.def.name} module init, SDK bundled (require inside the process)`,
      value: cold.require,
      unit: 'ms',
      baseline: { name: 'SDK from node_modules', value: coldRuntime.require },
    });
  }
}

export async function run(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'aws-bench-'));
  try {
    // BENCH_AWS_ONLY=cost (or bundles) runs one half: the cost model alone takes a minute or two, the bundles longer.
    if (ONLY !== 'cost') await bundleFigures(work);
    if (ONLY !== 'bundles') await costFigures();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
