// A function's environment, from its topology entry: the one rendering that the CDK stack (infra/cdk/stateless-stack.ts)
// and the local runtime (infra/local/function-envs.ts) both call, so a function gets the same variables in AWS and on
// this machine: those of its own bindings and nothing else. A binding the entry lacks is a variable the function
// lacks, in both places, and the wiring's requiredEnv fails the same way.
import { queueEnvVar, tableEnvVar, type FunctionDef } from './topology-types';

/** Powertools: one service for the whole pipeline (logs carry the function name), one metrics namespace. */
export const SERVICE_NAME = 'ead-pipeline';
export const METRICS_NAMESPACE = 'EadPipeline';

export type TableBinding = FunctionDef['tables'][number];
export type BucketBinding = NonNullable<FunctionDef['buckets']>[number];

/**
 * What each rendering puts behind a binding: the value of its variable. In CDK each call also grants exactly what
 * the binding needs, so no permission exists without the variable that uses it; locally it names what was provisioned.
 */
export interface BindingRenderer {
  /** The table's name. */
  table(binding: TableBinding): string;
  /** The queue's URL. */
  queue(name: string): string;
  /** The bucket's variable and value: its name in AWS (bucketEnvVar), its directory locally (bucketDirEnvVar). */
  bucket(binding: BucketBinding): [envVar: string, value: string];
  /** The secret's value (in AWS a reference CloudFormation resolves at deploy time). */
  secret(envVar: string): string;
}

export interface EnvLayers {
  /** What every function of the region gets (regionEnv), before the function's own `environment`. */
  region: Record<string, string>;
  /** What the rendering itself adds (AWS: NODE_OPTIONS, REFERENCE_DATA_DIR; locally: the SDK's endpoints and dummy credentials). */
  platform: Record<string, string>;
}

/** The function's whole environment: region, its own `environment`, Powertools, the platform's, then one variable per binding. */
export function functionEnvironment(def: FunctionDef, layers: EnvLayers, bind: BindingRenderer): Record<string, string> {
  const env: Record<string, string> = {
    ...layers.region,
    ...def.environment,
    POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    POWERTOOLS_LOG_LEVEL: 'INFO',
    ...layers.platform,
  };
  for (const b of def.tables) env[tableEnvVar(b.table)] = bind.table(b);
  for (const q of def.sends) env[queueEnvVar(q)] = bind.queue(q);
  for (const s of def.secrets ?? []) env[s] = bind.secret(s);
  for (const b of def.buckets ?? []) {
    const [name, value] = bind.bucket(b);
    env[name] = value;
  }
  return env;
}

/** Every variable a binding of the topology's functions carries (the names only a binding may set). */
export function bindingVariables(functions: FunctionDef[], bucketVar: (bucket: string) => string): Set<string> {
  const names = new Set<string>();
  for (const def of functions) {
    for (const b of def.tables) names.add(tableEnvVar(b.table));
    for (const q of def.sends) names.add(queueEnvVar(q));
    for (const s of def.secrets ?? []) names.add(s);
    for (const b of def.buckets ?? []) names.add(bucketVar(b.bucket));
  }
  return names;
}
