// The webhook consumers' dependencies per lane: the wiring's stores and settings, plus the slow lane's
// queue (webhook-attempts-slow), built once per instance.
import { queueEnvVar } from '../../shared/topology-types';
import { QUEUES } from '../../shared/resources';
import { requiredEnv, sqsClient } from '../../shared/store/clients';
import { sqsAttemptQueue } from '../../shared/store/webhook-attempt-queue';
import { once } from '../../shared/util';
import type { AttemptPorts } from '../../shared/webhooks/attempt';
import type { DeliveryPorts, Lane } from '../../shared/webhooks/ports';
import { attemptDeps, deliveryDeps } from '../../shared/wiring';

const slowAttemptQueue = once(() => sqsAttemptQueue(sqsClient(), requiredEnv(queueEnvVar(QUEUES.webhookAttemptsSlow))));

/** Fan-out: sends each attempt to its subscription's lane. */
export const fanOutDeps = once((): DeliveryPorts => ({ ...deliveryDeps(), slowQueue: slowAttemptQueue() }));

const fast = once((): AttemptPorts => ({ ...attemptDeps(), slowQueue: slowAttemptQueue(), lane: 'fast' }));
const slow = once((): AttemptPorts => ({ ...attemptDeps(), slowQueue: slowAttemptQueue(), lane: 'slow' }));

export const laneDeps = (lane: Lane): AttemptPorts => (lane === 'fast' ? fast() : slow());
