// Synthesizes one region's two stacks in-process, as infra/app.ts does, with cdk.json's context.
// Stub code by default (no bundling: template tests need none); `code: 'bundle'` bundles with esbuild.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addRegion, type RegionStacks } from '#infra/cdk/pipeline';
import type { CodeMode } from '#infra/cdk/pipeline-function';
import { regionConfig } from '#infra/regions';
import { topology as declared } from '#infra/topology';
import type { Topology } from '#infra/topology-types';
import { extendedTopology } from './fixtures';

export const REGIONS = ['eu-west-1', 'us-east-1'] as const;

const cdkJson = JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };

export interface Synthesized extends RegionStacks {
  app: App;
  dataTemplate: Template;
  serviceTemplate: Template;
}

export function synthRegion(region: string, opts: { topology?: Topology; code?: CodeMode; nag?: boolean } = {}): Synthesized {
  const app = new App({ context: cdkJson.context });
  const stacks = addRegion(app, opts.topology ?? declared, regionConfig(region), { code: opts.code ?? 'stub' });
  if (opts.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, ...stacks, dataTemplate: Template.fromStack(stacks.data), serviceTemplate: Template.fromStack(stacks.service) };
}

/**
 * A region's stacks synthesized before the block's tests: `s` from the declared topology, `ext` from the extended one
 * (test/infra/fixtures.ts, one element of each kind more). The fields are set once the tests run.
 */
export function useSynthesized(region: string): { s: Synthesized; ext: Synthesized } {
  const ctx = {} as { s: Synthesized; ext: Synthesized };
  beforeAll(() => {
    ctx.s = synthRegion(region);
    ctx.ext = synthRegion(region, { topology: extendedTopology() });
  });
  return ctx;
}

type Resource = { Type: string; Properties?: Record<string, unknown> };

export function resourcesOf(t: Template, type: string): [string, Resource][] {
  return Object.entries(t.findResources(type) as Record<string, Resource>);
}

/** Resource count by type, without CDK's own metadata resource. */
export function countByType(t: Template): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of Object.values(t.toJSON().Resources as Record<string, Resource>)) {
    if (r.Type === 'AWS::CDK::Metadata') continue;
    out[r.Type] = (out[r.Type] ?? 0) + 1;
  }
  return out;
}

/** The function resource rendered from a topology function (by its description). */
export function functionResource(t: Template, name: string): [string, Resource] {
  const found = resourcesOf(t, 'AWS::Lambda::Function').filter(([, r]) => r.Properties?.Description === `EAD pipeline: ${name}`);
  if (found.length !== 1) throw new Error(`expected one function '${name}', found ${found.length}`);
  return found[0]!;
}

/** Every statement of the policies attached to a function's role. */
export function statementsOf(t: Template, fnName: string): { Action: string | string[]; Resource: unknown; Condition?: unknown }[] {
  const [, fn] = functionResource(t, fnName);
  const roleRef = JSON.stringify((fn.Properties!.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]);
  return resourcesOf(t, 'AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties!.Roles).includes(roleRef))
    .flatMap(([, p]) => (p.Properties!.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement);
}

export const actionsOf = (s: { Action: string | string[] }): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** The export a cross-stack reference names, e.g. the data stack's table ARN: matches by the construct id inside it. */
export const refersTo = (resource: unknown, logicalIdPrefix: string): boolean => JSON.stringify(resource).includes(logicalIdPrefix);

/** The one resource of `type` whose logical id is exactly the construct id (plus CDK's 8-hex hash), or a throw. */
export function resourceByConstructId(t: Template, type: string, id: string): [string, Resource] {
  const found = resourcesOf(t, type).filter(([logicalId]) => new RegExp(`^${id}[0-9A-F]{8}$`).test(logicalId));
  if (found.length !== 1) throw new Error(`expected one ${type} '${id}', found ${found.length}`);
  return found[0]!;
}

/**
 * What a service-stack value imports from the data stack: `{ Fn::ImportValue }` resolved through the data stack's
 * exports to the `{ Ref }` / `{ Fn::GetAtt }` it exports. Throws when the value is no such import.
 */
export function importedValue(data: Template, value: unknown): { Ref?: string; 'Fn::GetAtt'?: [string, string] } {
  const name = (value as { 'Fn::ImportValue'?: unknown })?.['Fn::ImportValue'];
  if (typeof name !== 'string') throw new Error(`not a cross-stack import: ${JSON.stringify(value)}`);
  const outputs = Object.values((data.toJSON().Outputs ?? {}) as Record<string, { Value: unknown; Export?: { Name: string } }>);
  const output = outputs.find((o) => o.Export?.Name === name);
  if (!output) throw new Error(`no export named ${name}`);
  return output.Value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
}

/** The logical id of the data-stack resource a service-stack value imports (by `Ref` or `Fn::GetAtt`). */
export function importedResource(data: Template, value: unknown): string {
  const v = importedValue(data, value);
  const id = v.Ref ?? v['Fn::GetAtt']?.[0];
  if (!id) throw new Error(`the import is not a Ref or GetAtt: ${JSON.stringify(v)}`);
  return id;
}
