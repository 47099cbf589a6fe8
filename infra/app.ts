// The CDK app: one region per synth, chosen with `-c region=<aws region>` (its two stacks, rendered from
// infra/topology.ts with infra/regions.ts), checked by cdk-nag's AwsSolutions pack: a finding fails synth.
// `-c code=stub` puts placeholder code in the functions (template inspection without bundling).
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addRegion } from './cdk/pipeline';
import { KNOWN_REGIONS, regionConfig } from './regions';
import { topology } from './topology';

const app = new App();
const region: unknown = app.node.tryGetContext('region');
if (typeof region !== 'string' || region === '') {
  throw new Error(`choose a region: cdk synth -c region=<aws region> (configured: ${KNOWN_REGIONS.join(', ')})`);
}
const code = app.node.tryGetContext('code') === 'stub' ? 'stub' : 'bundle';
addRegion(app, topology, regionConfig(region), { code });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
