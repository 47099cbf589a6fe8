// The assessment of a parcel: by the risk engine (the assess stage, and its re-screens after a list refresh) or by an
// officer's decision (the API).
import { tableEnvVar } from '../topology-types';
import type { AssessPorts } from '../parcels/assess';
import type { DecisionPorts } from '../parcels/decisions';
import type { OutcomePorts } from '../parcels/outcomes';
import type { RescreenPorts } from '../parcels/rescreen';
import { documentClient, requiredEnv } from '../store/clients';
import { parcelReassessments } from '../store/parcel-reassessment';
import { TABLES } from '../resources';
import { once } from '../util';
import { eventPublisher, parcelStore } from './parcels';
import { clearanceLookup, currentList, riskEngine } from './risk';
import { dayChanges, rulesetResolver } from './rule-lab';

// Functions without the rulesets table (topologies of older tests) judge by the shipped ruleset alone.
export const assessDeps = /* @__PURE__ */ once((): AssessPorts => ({
  store: parcelStore(),
  engine: riskEngine(),
  ...(process.env[tableEnvVar(TABLES.rulesets)] ? { rulesets: rulesetResolver() } : {}),
  events: eventPublisher(),
  now: () => new Date(),
  clearances: clearanceLookup(),
  ...dayChanges(),
}));

export const rescreenDeps = /* @__PURE__ */ once((): RescreenPorts => ({
  ...assessDeps(),
  reassessments: parcelReassessments(documentClient(), requiredEnv(tableEnvVar(TABLES.parcels))),
  ensureList: (version) => currentList().ensure(version),
}));

export const decisionDeps = /* @__PURE__ */ once((): DecisionPorts & OutcomePorts => ({ store: parcelStore(), events: eventPublisher(), now: () => new Date(), ...dayChanges() }));
