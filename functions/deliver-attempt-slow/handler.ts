// deliver-attempt-slow: consumes the webhook-attempts-slow queue (the slow lane): attempts to endpoints
// that did not answer within the fast lane's budget, each given the full 15 s (CONTRACT section 5).
import { attemptConsumer } from '../deliver-attempt/consumer';

export const handler = attemptConsumer('slow');
