// One region of the pipeline: a stateful stack (data) and a stateless stack (code), both rendered from
// the one topology, checked before anything is created.
import type { App } from 'aws-cdk-lib';
import type { RegionConfig } from '../regions';
import type { Topology } from '../topology-types';
import type { CodeMode, SdkMode } from './pipeline-function';
import { SiteStack } from './site-stack';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';
import { assertTopology } from '../topology-checks';

export interface RegionOptions {
  code: CodeMode;
  sdk?: SdkMode;
}

export interface RegionStacks {
  data: StatefulStack;
  service: StatelessStack;
  /** The topology's sites (the console), when it declares any. */
  sites?: SiteStack;
}

export const stackNames = (region: string) => ({ data: `EadPipeline-${region}-data`, service: `EadPipeline-${region}-service`, sites: `EadPipeline-${region}-console` });

export function addRegion(app: App, topology: Topology, config: RegionConfig, options: RegionOptions): RegionStacks {
  assertTopology(topology);
  const names = stackNames(config.region);
  // Account-agnostic: synth needs no credentials; deploy takes the account from the caller's.
  const env = { region: config.region };
  const tags = { project: 'ead-pipeline' };
  const data = new StatefulStack(app, names.data, {
    env,
    tags,
    topology,
    capacity: config.capacity,
    terminationProtection: true,
    description: `EAD pipeline ${config.region}: tables, queues, keys, secrets (retained)`,
  });
  const service = new StatelessStack(app, names.service, {
    env,
    tags,
    topology,
    config,
    data,
    code: options.code,
    sdk: options.sdk,
    description: `EAD pipeline ${config.region}: functions, HTTP API, schedules, alarms, dashboard`,
  });
  if (!topology.sites?.length) return { data, service };
  const sites = new SiteStack(app, names.sites, {
    env,
    tags,
    sites: topology.sites,
    api: service.api.api,
    description: `EAD pipeline ${config.region}: the console (S3 behind CloudFront, the HTTP API under /v1/*)`,
  });
  return { data, service, sites };
}
