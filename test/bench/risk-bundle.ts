// The risk engine as the Lambdas run it: ./risk-throughput-main.ts bundled by esbuild with the options every
// function's bundle uses (infra/cdk/pipeline-function.ts bundling(), here for the assess function, which screens),
// run in a child process with the reference data directory set as in the Lambda (REFERENCE_DATA_DIR).
// The bundle is what production runs, so its figures are the target figures. Under tsx (the rest of `npm run bench`)
// each module is compiled on its own and every imported binding is read through a getter, which costs the
// screener's hot loops much more than the bundle's plain scope-hoisted bindings.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type BuildOptions, buildSync } from 'esbuild';
import { bundling } from '#infra/cdk/pipeline-function';
import { PROJECT_ROOT, REFERENCE_DATA_DIR } from '#infra/cdk/reference-data';
import { topology } from '#infra/topology';
import type { Throughput } from './risk-throughput';

/** Gitignored (.tmp/), inside the project so that any module left external resolves from node_modules as in the build. */
const OUT_DIR = join(PROJECT_ROOT, '.tmp', 'bench', 'risk-engine');
const ENTRY = join(PROJECT_ROOT, 'test', 'bench', 'risk-throughput-main.ts');

/** The CDK bundling props of a function, as the esbuild options NodejsFunction passes on its command line. */
export function lambdaEsbuildOptions(functionName: string): BuildOptions {
  const def = topology.functions.find((f) => f.name === functionName);
  if (!def) throw new Error(`no function ${functionName} in the topology`);
  const b = bundling(def, 'bundled')!;
  const alias = Object.fromEntries(
    Object.entries(b.esbuildArgs ?? {})
      .filter(([k]) => k === '--alias')
      .map(([, v]) => String(v).split('=') as [string, string]),
  );
  return {
    bundle: true,
    platform: 'node',
    target: b.target,
    format: b.format,
    minify: b.minify,
    sourcemap: b.sourceMap,
    sourcesContent: b.sourcesContent,
    external: b.externalModules ?? [],
    mainFields: b.mainFields,
    alias,
    logLevel: 'error',
  };
}

/** Builds the bundle (about a second) and runs it: the figures as the assess Lambda's code computes them. */
export function bundledThroughput(): { figures: Throughput; buildMs: number; bytes: number } {
  mkdirSync(OUT_DIR, { recursive: true });
  const t0 = performance.now();
  const result = buildSync({ ...lambdaEsbuildOptions('assess'), entryPoints: [ENTRY], outfile: join(OUT_DIR, 'index.js'), absWorkingDir: PROJECT_ROOT, metafile: true });
  const buildMs = performance.now() - t0;
  const bytes = Object.entries(result.metafile.outputs).find(([f]) => f.endsWith('index.js'))?.[1].bytes ?? 0;
  const out = execFileSync(process.execPath, [join(OUT_DIR, 'index.js')], {
    env: { ...process.env, NODE_OPTIONS: '--enable-source-maps', REFERENCE_DATA_DIR },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return { figures: JSON.parse(out.trim().split('\n').pop()!) as Throughput, buildMs, bytes };
}
