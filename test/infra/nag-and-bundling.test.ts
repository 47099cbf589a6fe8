// cdk-nag's AwsSolutions pack passes on both regions (every finding fixed or acknowledged with a reason),
// and a new finding fails synth. One region is bundled for real: what deploys is what the bench measures.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { referenceDataFiles } from '#infra/cdk/reference-data';
import { topology } from '#infra/topology';
import { extendedTopology } from './fixtures';
import { REGIONS, functionResource, synthRegion } from './synth';

const ROOT = join(__dirname, '..', '..');

describe('cdk-nag AwsSolutionsChecks', () => {
  test.each(REGIONS)('%s: synth passes with no error annotations', (region) => {
    const s = synthRegion(region, { nag: true });
    expect(() => s.app.synth({ force: true })).not.toThrow();
    for (const stack of [s.data, s.service]) Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });

  test('an extended topology (TTL table, schedule, secret) passes too', () => {
    const s = synthRegion('us-east-1', { nag: true, topology: extendedTopology() });
    expect(() => s.app.synth({ force: true })).not.toThrow();
  });

  test('a finding nobody acknowledged fails synth', () => {
    const s = synthRegion('eu-west-1', { nag: true });
    new sqs.Queue(s.data, 'Unencrypted', { encryption: sqs.QueueEncryption.UNENCRYPTED, enforceSSL: false });
    expect(() => s.app.synth({ force: true })).toThrow(/AwsSolutions-SQS/);
  });
});

describe('the app chooses its region from context', () => {
  const app = (context?: Record<string, string>) => {
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
        cwd: ROOT,
        env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context ?? {}), CDK_OUTDIR: join(ROOT, 'cdk.out', 'test-app') },
        stdio: 'pipe',
      });
      return '';
    } catch (e) {
      return String((e as { stderr: Buffer }).stderr);
    }
  };
  test('missing or unknown region: a clear error', () => {
    expect(app()).toContain('choose a region: cdk synth -c region=<aws region> (configured: eu-west-1, us-east-1)');
    expect(app({ region: 'ap-south-9' })).toContain("no configuration for region 'ap-south-9'; configured regions: eu-west-1, us-east-1");
  }, 60_000);
});

describe('bundling for real (eu-west-1)', () => {
  test('each function: one minified CJS bundle under 1 MB with its source map, and the reference data it reads', () => {
    const s = synthRegion('eu-west-1', { code: 'bundle' });
    const assembly = s.app.synth();
    const outdir = assembly.directory;
    for (const def of topology.functions) {
      const [, fn] = functionResource(s.serviceTemplate, def.name);
      const s3Key = (fn.Properties as any).Code.S3Key as string;
      const dir = join(outdir, `asset.${s3Key.replace(/\.zip$/, '')}`);
      const bundle = join(dir, 'index.js');
      expect([def.name, statSync(bundle).size < 1024 * 1024]).toEqual([def.name, true]);
      expect(existsSync(join(dir, 'index.js.map'))).toBe(true);
      expect(readFileSync(bundle, 'utf8').trimEnd()).toMatch(/\/\/# sourceMappingURL=index\.js\.map$/);
      const data = referenceDataFiles(def.entry);
      for (const f of data) expect(existsSync(join(dir, 'data', f))).toBe(true);
      expect((fn.Properties as any).Environment.Variables.REFERENCE_DATA_DIR).toBe(data.length ? '/var/task/data' : undefined);
      expect((fn.Properties as any).Handler).toBe(`index.${def.handler}`);
    }
    // ingest validates HS codes and process screens sanctioned parties: both ship their files
    expect(referenceDataFiles('functions/ingest/handler.ts')).toContain('harmonized-system-2022.csv');
    expect(referenceDataFiles('functions/assess/handler.ts')).toEqual(expect.arrayContaining(['harmonized-system-2022.csv', 'ofac-sdn-2024-05-03.csv']));
  }, 120_000);
});
